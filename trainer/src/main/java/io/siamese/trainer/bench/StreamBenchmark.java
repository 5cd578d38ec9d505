package io.siamese.trainer.bench;

import io.siamese.encoder.data.Pair;
import io.siamese.encoder.data.PairSampler;
import io.siamese.encoder.eval.LatencyRecorder;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.trainer.stack.LocalStack;
import io.siamese.trainer.stack.ServiceConfig;
import io.siamese.trainer.stack.ServiceProcess;
import io.siamese.trainer.stream.Endpoints;
import io.siamese.trainer.stream.PairImages;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Drives the packaged service through the real broker. A backlog run publishes all pairs first,
 * then starts the service and times how fast results come out (throughput). A paced run publishes
 * at a fixed rate into a running service and measures event-time-to-result latency.
 */
public final class StreamBenchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final LocalStack stack;
    private final Endpoints endpoints;
    private final Path model;
    private final Path workDir;
    private final PairImages images;
    private final PairSampler sampler;

    /**
     * @param stack running broker and registry
     * @param model checkpoint the service serves
     * @param workDir where service logs and state go
     * @param images pairs are drawn from these
     */
    public StreamBenchmark(LocalStack stack, Path model, Path workDir, PairImages images) {
        this.stack = stack;
        this.endpoints = new Endpoints(stack.bootstrapServers(), stack.registryUrl());
        this.model = model;
        this.workDir = workDir;
        this.images = images;
        this.sampler = new PairSampler(images.dataset(), 11);
    }

    /** Throughput draining a backlog of {@code count} pairs with the given batching. */
    public StreamRun backlog(int batchSize, long lingerMs, int count, double rawPairsPerSecond) {
        BenchTopics topics = BenchTopics.create(stack, "b" + batchSize + "-l" + lingerMs + "-" + System.nanoTime() % 100_000);
        publish(topics, count, 0);
        try (ServiceProcess service = start(topics, batchSize, lingerMs);
                KafkaConsumer<String, PairDissimilarity> results = consumer(topics)) {
            long first = 0;
            int firstCount = 0;
            int received = 0;
            long last = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (received < count && System.nanoTime() < deadline) {
                int n = results.poll(Duration.ofMillis(200)).count();
                if (n > 0) {
                    last = System.nanoTime();
                    if (received == 0) {
                        first = last;
                        firstCount = n;
                    }
                    received += n;
                }
            }
            double seconds = (last - first) / 1e9;
            double rate = seconds > 0 ? (received - firstCount) / seconds : 0;
            return new StreamRun(batchSize, lingerMs, received, rate, -1, -1, rawPairsPerSecond, 0);
        }
    }

    /** Latency at {@code rate} pairs/s for {@code duration}, the first 20% discarded as warm-up. */
    public StreamRun paced(int batchSize, long lingerMs, double rate, Duration duration, double rawPairsPerSecond) {
        BenchTopics topics = BenchTopics.create(stack, "paced-" + System.nanoTime() % 100_000);
        int count = (int) (rate * duration.toSeconds());
        LatencyRecorder latency = new LatencyRecorder();
        try (ServiceProcess service = start(topics, batchSize, lingerMs);
                KafkaConsumer<String, PairDissimilarity> results = consumer(topics)) {
            Thread publisher = new Thread(() -> publish(topics, count, rate), "bench-publisher");
            publisher.start();
            int received = 0;
            int skip = count / 5;
            long start = System.nanoTime();
            long deadline = System.nanoTime() + duration.toNanos() + TIMEOUT.toNanos();
            while (received < count && System.nanoTime() < deadline) {
                for (var r : results.poll(Duration.ofMillis(100))) {
                    if (received++ >= skip) {
                        latency.record(System.currentTimeMillis() - r.value().getEventTime());
                    }
                }
            }
            publisher.join();
            double achieved = received / ((System.nanoTime() - start) / 1e9);
            return new StreamRun(batchSize, lingerMs, received, Math.min(rate, achieved), latency.percentile(50),
                    latency.percentile(99), rawPairsPerSecond, rate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ServiceProcess start(BenchTopics topics, int batchSize, long lingerMs) {
        ServiceConfig cfg = ServiceConfig.of(stack.bootstrapServers(), stack.registryUrl(), model,
                        workDir.resolve(topics.applicationId()))
                .withBatching(batchSize, Duration.ofMillis(lingerMs))
                .withProperties(topics.serviceProperties())
                .withProperties(Map.of("siamese.model.warmup-batch-sizes", "1," + batchSize));
        return ServiceProcess.start(cfg);
    }

    /** Publishes {@code count} pairs; {@code rate} pairs/s, 0 = as fast as possible. Event time = send time. */
    private void publish(BenchTopics topics, int count, double rate) {
        Map<String, Object> cfg = endpoints.producerConfig("bench-publisher");
        ConfluentAvroSerializer<ImagePair> values = new ConfluentAvroSerializer<>();
        values.configure(cfg, false);
        long start = System.nanoTime();
        try (KafkaProducer<String, ImagePair> producer = new KafkaProducer<>(cfg, new StringSerializer(), values)) {
            for (int i = 0; i < count; i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                }
                Pair p = sampler.next();
                String id = topics.applicationId() + "-" + i;
                producer.send(new ProducerRecord<>(topics.input(), id, ImagePair.newBuilder().setPairId(id)
                        .setLeft(png(p.left())).setRight(png(p.right()))
                        .setMetadata(Map.of("label", Integer.toString(p.label())))
                        .setEventTime(Instant.now()).build()));
            }
            producer.flush();
        }
    }

    private Image png(int index) {
        return Image.newBuilder().setData(ByteBuffer.wrap(images.png(index))).setMediaType("image/png").build();
    }

    private KafkaConsumer<String, PairDissimilarity> consumer(BenchTopics topics) {
        Map<String, Object> cfg = endpoints.consumerConfig("bench-results");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConfluentAvroDeserializer<PairDissimilarity> values = new ConfluentAvroDeserializer<>(PairDissimilarity.class);
        values.configure(cfg, false);
        KafkaConsumer<String, PairDissimilarity> c = new KafkaConsumer<>(cfg, new StringDeserializer(), values);
        TopicPartition tp = new TopicPartition(topics.output(), 0);
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        return c;
    }
}
