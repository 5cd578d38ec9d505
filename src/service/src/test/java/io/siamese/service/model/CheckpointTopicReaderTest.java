package io.siamese.service.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.registry.SchemaRegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint follower's reading loop against Kafka's MockConsumer (no broker): a broker that is down
 * at start, an unreadable record, a registry that is down.
 */
class CheckpointTopicReaderTest {

    private static final String TOPIC = "checkpoints";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final RetryBackoff FAST = new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(40));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FollowerHealth health = new FollowerHealth(meters, Clock.systemUTC());
    private final List<String> announced = new CopyOnWriteArrayList<>();
    private final CheckpointTopicReader.Sink sink = new CheckpointTopicReader.Sink() {
        @Override
        public void announced(ModelCheckpoint event) {
            announced.add(event.getVersion());
        }

        @Override
        public void pin(String version) {}

        @Override
        public void apply() {}

        @Override
        public List<String> announcedVersions() {
            return List.copyOf(announced);
        }
    };

    /** A broker that is not there: metadata requests time out, as KafkaConsumer's do. */
    private static MockConsumer<String, ModelCheckpoint> brokerDown() {
        return new MockConsumer<>("earliest") {
            @Override
            public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
                throw new TimeoutException("Timeout expired while fetching topic metadata");
            }
        };
    }

    /** A topic holding {@code versions} from offset {@code first} on; offsets before it are not returned. */
    private static MockConsumer<String, ModelCheckpoint> topic(long first, String... versions) {
        return topic(null, first, versions);
    }

    /** The same, where the first poll throws {@code firstPoll} (when not null), as a record before them would. */
    private static MockConsumer<String, ModelCheckpoint> topic(KafkaException firstPoll, long first, String... versions) {
        MockConsumer<String, ModelCheckpoint> c = new MockConsumer<>("earliest");
        c.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        c.updateBeginningOffsets(Map.of(TP, 0L));
        c.updateEndOffsets(Map.of(TP, first + versions.length));
        if (firstPoll != null) {
            c.schedulePollTask(() -> c.setPollException(firstPoll));
        }
        c.schedulePollTask(() -> {
            for (int i = 0; i < versions.length; i++) {
                c.addRecord(new ConsumerRecord<>(TOPIC, 0, first + i, versions[i], event(versions[i])));
            }
        });
        return c;
    }

    private static ModelCheckpoint event(String version) {
        return ModelCheckpoint.newBuilder().setVersion(version).setLocation("").setSha256("").setArchitecture("compact")
                .setThreshold(0.5).setMetrics(Map.of()).setCreatedAt(Instant.now()).build();
    }

    private void runUntil(List<Consumer<String, ModelCheckpoint>> sessions, BooleanSupplier done) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<String> seenBeforeEachSession = new ArrayList<>();
        CheckpointTopicReader reader = new CheckpointTopicReader(() -> {
            seenBeforeEachSession.add(health.describe());
            return sessions.get(Math.min(next.getAndIncrement(), sessions.size() - 1));
        }, TOPIC, sink, health, FAST);
        Thread t = new Thread(reader, "reader-under-test");
        t.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        reader.stop();
        t.join(5_000);
        assertFalse(t.isAlive(), "the reader stops when asked");
        assertTrue(done.getAsBoolean(), "condition not met; follower: " + health.describe() + ", before each session: "
                + seenBeforeEachSession);
    }

    private double meter(String name) {
        return meters.get(name).meter().measure().iterator().next().getValue();
    }

    @Test
    void shouldCatchUpOnceTheBrokerIsBackWhenStartedWhileItWasDown() throws Exception {
        List<String> whileDown = new CopyOnWriteArrayList<>();
        MockConsumer<String, ModelCheckpoint> back = topic(0, "v1", "v2");
        MockConsumer<String, ModelCheckpoint> thirdTry = new MockConsumer<>("earliest") {
            @Override
            public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
                whileDown.add(health.describe());
                whileDown.add(String.valueOf(health.isCaughtUp()));
                throw new TimeoutException("Timeout expired while fetching topic metadata");
            }
        };
        runUntil(List.of(brokerDown(), thirdTry, back), health::isCaughtUp);
        assertTrue(whileDown.get(0).startsWith("broker unreachable since "), whileDown.get(0));
        assertTrue(whileDown.get(0).contains("retrying (1 failures"), whileDown.get(0));
        assertEquals("false", whileDown.get(1), "not ready while the broker is down");
        assertEquals(List.of("v1", "v2"), announced);
        assertEquals(2.0, meter("siamese.checkpoint.follower.failures"));
        assertEquals(1.0, meter("siamese.checkpoint.follower.up"));
        assertTrue(health.describe().startsWith("following since"), health.describe());
    }

    @Test
    void shouldSkipARecordItCannotDeserializeAndKeepFollowing() throws Exception {
        // The record at offset 0 is garbage: poll throws as KafkaConsumer does, and the position stays on it.
        MockConsumer<String, ModelCheckpoint> c = topic(
                new RecordDeserializationException(TP, 0, "corrupt Avro payload", new SerializationException("bad")), 1, "v2");
        runUntil(List.of(c), health::isCaughtUp);
        assertEquals(List.of("v2"), announced);
        assertEquals(1.0, meter("siamese.checkpoint.records.skipped"));
        assertEquals(0.0, meter("siamese.checkpoint.follower.failures"));
    }

    @Test
    void shouldRetryARecordItCannotReadWhileTheRegistryIsDownInsteadOfSkippingIt() throws Exception {
        MockConsumer<String, ModelCheckpoint> registryDown = topic(new RecordDeserializationException(TP, 0,
                "cannot fetch writer schema", new SerializationException("cannot fetch writer schema id 1",
                        new SchemaRegistryException("connection refused", SchemaRegistryException.NO_ANSWER,
                                SchemaRegistryException.NO_ANSWER, null))), 0, "v1");
        runUntil(List.of(registryDown, topic(0, "v1")), health::isCaughtUp);
        assertEquals(List.of("v1"), announced);
        assertEquals(0.0, meter("siamese.checkpoint.records.skipped"));
        assertEquals(1.0, meter("siamese.checkpoint.follower.failures"));
    }
}
