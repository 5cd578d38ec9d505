package io.siamese.cli.tail;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.RecordKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code pair-dissimilarities} (and optionally {@code image-pairs-dlq}) and hands each record to a
 * {@link TailListener}. It reads by partition assignment, without a consumer group, so it never disturbs other
 * readers and commits nothing. Values are Confluent-framed Avro; keys may be plain strings or Avro strings
 * ({@link RecordKeys}). One record that cannot be read is reported and skipped.
 *
 * <p>Without {@code follow} the tail stops once it has reached the end offsets the topics had when it started.
 * {@link #stop()} ends {@link #run()} from any thread.
 */
public final class ResultTail {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Endpoints endpoints;
    private final TailOptions options;
    private final TailListener listener;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stopped;

    /**
     * @param endpoints where Kafka and the registry are
     * @param options   what to read
     * @param listener  receives the records
     */
    public ResultTail(Endpoints endpoints, TailOptions options, TailListener listener) {
        this.endpoints = endpoints;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Reads until caught up (or, with follow, until {@link #stop()}).
     *
     * @return the number of records read
     * @throws IllegalStateException when a topic does not exist
     */
    public long run() {
        Map<String, Object> config = endpoints.consumerConfig("siamese-tail");
        var results = new ConfluentAvroDeserializer<>(PairDissimilarity.class);
        var deadLetters = new ConfluentAvroDeserializer<>(DeadLetter.class);
        results.configure(config, false);
        deadLetters.configure(config, false);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> kafka =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            List<TopicPartition> partitions = partitions(kafka);
            kafka.assign(partitions);
            Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
            position(kafka, partitions, endAtStart);
            while (!stopped && (options.follow() || !caughtUp(kafka, endAtStart))) {
                for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                    count++;
                    dispatch(record, results, deadLetters);
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        } finally {
            consumer = null;
        }
        return count;
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record, ConfluentAvroDeserializer<PairDissimilarity> results,
                          ConfluentAvroDeserializer<DeadLetter> deadLetters) {
        long receivedAt = System.currentTimeMillis();
        String key = RecordKeys.decode(record.key());
        try {
            if (record.topic().equals(Topics.PAIR_DISSIMILARITIES)) {
                listener.onResult(key, results.deserialize(record.topic(), record.value()), receivedAt);
            } else {
                listener.onDeadLetter(key, deadLetters.deserialize(record.topic(), record.value()), receivedAt);
            }
        } catch (RuntimeException e) {
            listener.onUnreadable(record.topic(), record.partition(), record.offset(), e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafka) {
        List<String> topics = options.deadLetters()
                ? List.of(Topics.PAIR_DISSIMILARITIES, Topics.IMAGE_PAIRS_DLQ) : List.of(Topics.PAIR_DISSIMILARITIES);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on "
                        + endpoints.bootstrapServers());
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    private void position(KafkaConsumer<byte[], byte[]> kafka, List<TopicPartition> partitions,
                          Map<TopicPartition, Long> end) {
        if (options.fromBeginning()) {
            kafka.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> beginning = kafka.beginningOffsets(partitions);
        for (TopicPartition partition : partitions) {
            kafka.seek(partition, Math.max(beginning.get(partition), end.get(partition) - options.last()));
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue());
    }

    /** Ends {@link #run()} soon; safe from any thread, including a shutdown hook. */
    public void stop() {
        stopped = true;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
