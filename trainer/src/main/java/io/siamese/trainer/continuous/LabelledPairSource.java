package io.siamese.trainer.continuous;

import io.siamese.schemas.Endpoints;
import io.siamese.schemas.LabelledPair;
import io.siamese.schemas.Topics;
import io.siamese.schemas.registry.SchemaRegistryException;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.RecordKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code labelled-pairs} in a consumer group, committing nothing on its own: the caller commits (with
 * {@link #commit()}) only after what was polled is durably stored, so a crash re-delivers rather than loses.
 * Values are read as bytes and deserialized here, so one unreadable record is reported and skipped instead of
 * stopping the stream; an unreachable registry is not skipped but thrown, since those records are fine.
 */
public final class LabelledPairSource implements AutoCloseable {

    /**
     * One polled record: the pair, or why it cannot be used.
     *
     * @param key the record key (the pair id)
     * @param value the pair, null when unreadable
     * @param error why it is unreadable, null when readable
     */
    public record Item(String key, LabelledPair value, String error) {}

    /** Most records one {@link #poll} returns; a full poll means a backlog is being read. */
    public static final int MAX_POLL_RECORDS = 256;

    private final Consumer<byte[], byte[]> consumer;
    private final ConfluentAvroDeserializer<LabelledPair> values;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    /**
     * Subscribes to {@code labelled-pairs}.
     *
     * @param endpoints where Kafka and the registry are
     * @param groupId the consumer group; offsets are kept per group
     */
    public LabelledPairSource(Endpoints endpoints, String groupId) {
        this(consumerConfig(endpoints, groupId));
    }

    private LabelledPairSource(Map<String, Object> config) {
        this(new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                deserializer(config));
    }

    /** Reads through {@code consumer} (tests pass a mock), subscribing it to {@code labelled-pairs}. */
    LabelledPairSource(Consumer<byte[], byte[]> consumer, ConfluentAvroDeserializer<LabelledPair> values) {
        this.consumer = consumer;
        this.values = values;
        consumer.subscribe(List.of(Topics.LABELLED_PAIRS));
    }

    private static Map<String, Object> consumerConfig(Endpoints endpoints, String groupId) {
        Map<String, Object> config = endpoints.consumerConfig("siamese-trainer");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // A retraining round runs between two polls: give it an hour before the group gives up on us.
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3_600_000);
        // After a crash the group notices within 10 s, not the 45 s default, and a restart resumes sooner.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        return config;
    }

    private static ConfluentAvroDeserializer<LabelledPair> deserializer(Map<String, Object> config) {
        ConfluentAvroDeserializer<LabelledPair> values = new ConfluentAvroDeserializer<>(LabelledPair.class);
        values.configure(config, false);
        return values;
    }

    /**
     * Waits up to {@code timeout} for records.
     *
     * @return the records, readable or not, in offset order per partition
     * @throws org.apache.kafka.common.errors.WakeupException after {@link #wakeup()}
     * @throws SchemaRegistryException when the registry cannot be reached
     */
    public List<Item> poll(Duration timeout) {
        List<Item> items = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            String key = RecordKeys.decode(record.key());
            try {
                items.add(new Item(key, values.deserialize(record.topic(), record.value()), null));
            } catch (SchemaRegistryException e) {
                if (e.isUnreachable()) {
                    throw e;
                }
                items.add(new Item(key, null, e.getMessage()));
            } catch (RuntimeException e) {
                items.add(new Item(key, null, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            pending.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
        return items;
    }

    /**
     * Commits the positions after every record polled so far; call once they are stored. A {@link #wakeup()}
     * (a stop) that lands during the commit does not lose it: the wakeup is spent on the first attempt, and
     * the commit is made once more, so what was stored is not read again after a restart.
     */
    public void commit() {
        if (!pending.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(pending);
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException stopping) {
                consumer.commitSync(offsets);
            }
            pending.clear();
        }
    }

    /** Interrupts a blocking {@link #poll}; safe from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    /** Leaves the group (so a restart is assigned the partitions at once) and closes the consumer. */
    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
