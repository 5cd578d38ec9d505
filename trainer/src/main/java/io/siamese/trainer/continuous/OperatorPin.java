package io.siamese.trainer.continuous;

import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The operator's pin on {@code model-checkpoints} (key {@link Topics#PIN_KEY}, the pinned version; a tombstone unpins),
 * as every service follows it. While a version is pinned no service serves anything else, so the trainer
 * does not run rounds: a promotion would not be served, and its gate would compare against a model that is
 * not in service. Reads the topic incrementally: from the beginning on the first call, then what was
 * appended since.
 */
final class OperatorPin implements PinHold.PinReader, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, ModelCheckpoint> consumer;
    private List<TopicPartition> partitions;
    private String pinned;

    /** @param endpoints where Kafka and the registry are */
    OperatorPin(Endpoints endpoints) {
        Map<String, Object> config = endpoints.consumerConfig("siamese-trainer-pin");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        ConfluentAvroDeserializer<ModelCheckpoint> values = new ConfluentAvroDeserializer<>(ModelCheckpoint.class);
        values.configure(config, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
    }

    /**
     * @return the version pinned now, if any
     * @throws IllegalStateException when the topic cannot be read to its end within 10 s
     * @throws org.apache.kafka.common.KafkaException when Kafka or the registry fail
     */
    @Override
    public Optional<String> current() {
        if (partitions == null) {
            var infos = consumer.partitionsFor(Topics.MODEL_CHECKPOINTS, READ_LIMIT);
            if (infos == null || infos.isEmpty()) {
                return Optional.empty(); // no topic yet: nobody has pinned anything
            }
            partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_LIMIT);
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + Topics.MODEL_CHECKPOINTS + " to its end in "
                        + READ_LIMIT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, ModelCheckpoint> r : consumer.poll(POLL)) {
                if (Topics.PIN_KEY.equals(r.key())) {
                    pinned = r.value() == null ? null : r.value().getVersion();
                }
            }
        }
        return Optional.ofNullable(pinned);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
