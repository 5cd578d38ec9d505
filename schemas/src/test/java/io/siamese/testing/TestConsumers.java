package io.siamese.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reading from a real broker in tests without sleeping: poll (which blocks until data) up to a deadline. */
public final class TestConsumers {

    private TestConsumers() {
    }

    /**
     * Polls until {@code count} records arrived or {@code timeout} passed.
     *
     * @return the records, in arrival order
     * @throws AssertionError when fewer than {@code count} arrived in time
     */
    public static <K, V> List<ConsumerRecord<K, V>> poll(Consumer<K, V> consumer, int count, Duration timeout) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(250)).forEach(records::add);
        }
        if (records.size() < count) {
            throw new AssertionError("expected " + count + " records within " + timeout + ", got " + records.size());
        }
        return records;
    }
}
