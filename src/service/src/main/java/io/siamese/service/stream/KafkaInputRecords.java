package io.siamese.service.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@link InputRecords} with a plain consumer, configured as Kafka Streams configures its restore consumer
 * (same brokers, security and client settings, no group), reading with the isolation level the stream reads
 * with: under {@code exactly_once_v2} only committed records.
 */
final class KafkaInputRecords implements InputRecords {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;

    /**
     * @param appConfigs the Kafka Streams configuration
     * @param clientId the consumer's client id
     */
    KafkaInputRecords(Map<String, Object> appConfigs, String clientId) {
        StreamsConfig streams = new StreamsConfig(appConfigs);
        Map<String, Object> config = new HashMap<>(streams.getRestoreConsumerConfigs(clientId));
        boolean exactlyOnce = streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)
                .toLowerCase(Locale.ROOT).startsWith("exactly_once");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, exactlyOnce ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"); // a removed offset is reported, not skipped
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Map<Long, byte[]> values(String topic, int partition, SortedSet<Long> offsets) {
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, offsets.first());
        long end = consumer.endOffsets(List.of(tp), LIMIT).get(tp);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Map<Long, byte[]> found = new HashMap<>();
        long at = consumer.position(tp, LIMIT);
        while (at <= offsets.last() && at < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + tp + " from offset " + offsets.first() + " to "
                        + offsets.last() + " within " + LIMIT.toSeconds() + " s");
            }
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (offsets.contains(r.offset())) {
                        found.put(r.offset(), r.value());
                    }
                }
            } catch (OffsetOutOfRangeException e) {
                consumer.seekToBeginning(List.of(tp)); // retention removed the first offsets: read what is left
            }
            at = consumer.position(tp, LIMIT);
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
