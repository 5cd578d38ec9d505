package io.siamese.cli.publish;

import io.siamese.encoder.data.Pair;
import io.siamese.encoder.data.PairSampler;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.LabelledPair;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes image pairs sampled the seed's way ({@link PairSampler}: about half same-class) to
 * {@code image-pairs} as ImagePair records, or to {@code labelled-pairs} as LabelledPair records. Keys are the
 * pair ids as plain strings; values are Confluent-framed Avro, schemas registered on first use. A configurable
 * share of pairs is broken in one of the {@link Corruption} ways; the not-Avro kind goes through a second,
 * byte-array producer. One run per instance; {@link #stop()} ends a run early from another thread.
 */
public final class PairPublisher implements AutoCloseable {

    private static final Corruption[] KINDS = Corruption.values();
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final PublishOptions options;
    private final PairImages images;
    private final String topic;
    private final KafkaProducer<String, SpecificRecord> avro;
    private final KafkaProducer<String, byte[]> raw;
    private final AtomicLong valid = new AtomicLong();
    private final Map<Corruption, AtomicLong> corrupt = new EnumMap<>(Corruption.class);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;

    /**
     * @param endpoints where Kafka and the registry are
     * @param images    the images to pair
     * @param options   what to send
     */
    public PairPublisher(Endpoints endpoints, PairImages images, PublishOptions options) {
        this.options = options;
        this.images = images;
        this.topic = options.labelled() ? Topics.LABELLED_PAIRS : Topics.IMAGE_PAIRS;
        Map<String, Object> config = endpoints.producerConfig("siamese-publish-" + options.runId());
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>();
        // Instances given to KafkaProducer are not configured by it.
        serializer.configure(config, false);
        this.avro = new KafkaProducer<>(config, new StringSerializer(), serializer);
        this.raw = options.corruptFraction() > 0
                ? new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()) : null;
        for (Corruption kind : KINDS) {
            corrupt.put(kind, new AtomicLong());
        }
    }

    /**
     * Publishes the pairs, paced to the configured rate, and waits until the broker acknowledged all of them.
     *
     * @param listener told about each acknowledged pair
     * @return what was sent
     * @throws IllegalStateException when the broker or registry refused a record
     */
    public PublishReport run(PublishListener listener) {
        PairSampler sampler = new PairSampler(images.dataset(), options.seed());
        SplittableRandom random = new SplittableRandom(options.seed() * 31 + 7);
        PairRecords records = new PairRecords(images, random.split());
        long start = System.nanoTime();
        for (long n = 0; (options.count() == 0 || n < options.count()) && running(); n++) {
            pace(start, n);
            String id = "p-" + options.runId() + "-" + n;
            Pair pair = sampler.next();
            Corruption broken = random.nextDouble() < options.corruptFraction() ? KINDS[random.nextInt(KINDS.length)]
                    : null;
            Callback acked = (metadata, error) -> acknowledged(id, broken, error, listener);
            if (broken == Corruption.NOT_AVRO) {
                raw.send(new ProducerRecord<>(topic, id, PairRecords.notAvro(id)), acked);
            } else {
                ImagePair value = records.build(id, pair, broken);
                SpecificRecord record = options.labelled() ? new LabelledPair(value, pair.label(), "publish") : value;
                avro.send(new ProducerRecord<>(topic, id, record), acked);
            }
        }
        if (!stopped) {
            // After stop() (Ctrl-C, often with the broker going down too) close() bounds the wait instead.
            avro.flush();
            if (raw != null) {
                raw.flush();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing to " + topic + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
        Map<Corruption, Long> byKind = new EnumMap<>(Corruption.class);
        corrupt.forEach((kind, count) -> byKind.put(kind, count.get()));
        long corruptTotal = byKind.values().stream().mapToLong(Long::longValue).sum();
        return new PublishReport(topic, valid.get(), corruptTotal, byKind, (System.nanoTime() - start) / 1e9);
    }

    private boolean running() {
        return !stopped && failure.get() == null && !Thread.currentThread().isInterrupted();
    }

    private void acknowledged(String id, Corruption broken, Exception error, PublishListener listener) {
        if (error != null) {
            failure.compareAndSet(null, error);
            return;
        }
        (broken == null ? valid : corrupt.get(broken)).incrementAndGet();
        listener.published(id, broken);
    }

    /** Waits until pair {@code n} is due; pacing by the start time keeps the average rate exact. */
    private void pace(long start, long n) {
        if (options.ratePerSecond() <= 0) {
            return;
        }
        long due = start + (long) (n * 1e9 / options.ratePerSecond());
        for (long wait = due - System.nanoTime(); wait > 0 && running(); wait = due - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(wait, 50_000_000L)); // wakes regularly to notice stop()
        }
    }

    /** Ends a running {@link #run} after the pair being sent; safe from any thread. */
    public void stop() {
        stopped = true;
    }

    /** Closes the producers, giving records already sent a few seconds to be delivered. */
    @Override
    public void close() {
        avro.close(CLOSE_TIMEOUT);
        if (raw != null) {
            raw.close(CLOSE_TIMEOUT);
        }
    }
}
