package io.siamese.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.schemas.LabelledPair;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

/** {@link LabelledPairSource} commits: a stop's wakeup must not leave stored pairs uncommitted. */
class LabelledPairSourceTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.LABELLED_PAIRS, 0);

    /**
     * KafkaConsumer's contract that MockConsumer leaves out: after {@link #wakeup()}, the next blocking call,
     * a commit included, throws {@link WakeupException} once.
     */
    private static final class WakeableConsumer extends MockConsumer<byte[], byte[]> {

        private final AtomicBoolean woken = new AtomicBoolean();

        WakeableConsumer() {
            super("earliest");
        }

        @Override
        public void wakeup() {
            woken.set(true);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (woken.getAndSet(false)) {
                throw new WakeupException();
            }
            super.commitSync(offsets);
        }
    }

    @Test
    void shouldCommitWhatWasPolledWhenAStopWakesTheConsumerDuringTheCommit() {
        WakeableConsumer consumer = new WakeableConsumer();
        LabelledPairSource source = new LabelledPairSource(consumer,
                new ConfluentAvroDeserializer<>(LabelledPair.class));
        consumer.rebalance(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        for (long offset = 0; offset < 3; offset++) {
            consumer.addRecord(new ConsumerRecord<>(Topics.LABELLED_PAIRS, 0, offset,
                    ("p-" + offset).getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}));
        }
        assertEquals(3, source.poll(Duration.ZERO).size());

        source.wakeup(); // the trainer's stop(), landing while the stored pairs are committed
        source.commit();

        assertEquals(new OffsetAndMetadata(3), consumer.committed(Set.of(PARTITION)).get(PARTITION));
    }
}
