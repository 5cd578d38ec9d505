package io.siamese.service.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
 * (same brokers, security and client settings, no group), so it reads with the isolation level the stream
 * reads with: Streams sets {@code read_committed} under {@code exactly_once_v2} and leaves the consumer's
 * default, {@code read_uncommitted}, under {@code at_least_once}.
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
        consumer = new KafkaConsumer<>(consumerConfig(appConfigs, clientId), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Kafka Streams' restore-consumer settings, reporting a removed offset instead of skipping it. */
    static Map<String, Object> consumerConfig(Map<String, Object> appConfigs, String clientId) {
        Map<String, Object> config = new HashMap<>(new StreamsConfig(appConfigs).getRestoreConsumerConfigs(clientId));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return config;
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
