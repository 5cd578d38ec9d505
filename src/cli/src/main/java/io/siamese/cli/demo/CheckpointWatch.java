package io.siamese.cli.demo;

import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code model-checkpoints} from the beginning on a background thread, as the service does, and hands
 * every announcement to a callback, so the demo can say when the trainer promoted a version and with which
 * holdout figures. {@link #close()} stops the thread.
 */
final class CheckpointWatch implements AutoCloseable {

    private final KafkaConsumer<String, ModelCheckpoint> consumer;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param endpoints where Kafka and the registry are
     * @param announced called on the watch thread for each announcement (pins excluded)
     */
    CheckpointWatch(Endpoints endpoints, Consumer<ModelCheckpoint> announced) {
        Map<String, Object> config = endpoints.consumerConfig("siamese-demo-checkpoints");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConfluentAvroDeserializer<ModelCheckpoint> values = new ConfluentAvroDeserializer<>(ModelCheckpoint.class);
        values.configure(config, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODEL_CHECKPOINTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> follow(announced), "demo-checkpoints");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(Consumer<ModelCheckpoint> announced) {
        try {
            while (!stopped) {
                for (ConsumerRecord<String, ModelCheckpoint> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && !"pin".equals(r.key())) {
                        announced.accept(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    /** Stops following and waits for the thread. */
    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
