package io.siamese.service.model;

import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.Topics;
import io.siamese.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads the compacted checkpoint topic from the beginning and hands every announcement and pin to a
 * {@link Sink}. No failure stops it: a broker or registry that is down (at start or later), a missing
 * topic or any other error closes the consumer, waits ({@link RetryBackoff#DEFAULT}) and reads the topic
 * again from the beginning, so a follower started before the broker catches up once it is there. A record
 * it cannot deserialize is skipped (logged and counted); one it cannot read because the registry is down
 * is retried instead, never skipped.
 */
final class CheckpointTopicReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(CheckpointTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    /** Where announcements and pins go: the {@link ModelLifecycle}. */
    interface Sink {
        void announced(ModelCheckpoint event);

        void pin(String version);

        /** Swaps to the target if needed; called after every poll once the topic was read to its end. */
        void apply();

        List<String> announcedVersions();
    }

    private final Supplier<Consumer<String, ModelCheckpoint>> consumers;
    private final String topic;
    private final Sink sink;
    private final FollowerHealth health;
    private final RetryBackoff backoff;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private volatile Consumer<String, ModelCheckpoint> current;
    private int failures;

    CheckpointTopicReader(Supplier<Consumer<String, ModelCheckpoint>> consumers, String topic, Sink sink,
            FollowerHealth health, RetryBackoff backoff) {
        this.consumers = consumers;
        this.topic = topic;
        this.sink = sink;
        this.health = health;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        while (running) {
            try {
                follow();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration delay = backoff.delay(++failures);
                health.failed(problem(e), e, delay);
                pause(delay);
            }
        }
    }

    /** Stops reading (from another thread); {@link #run} returns soon after. */
    void stop() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        Consumer<String, ModelCheckpoint> c = current;
        if (c != null) {
            c.wakeup();
        }
    }

    private void follow() {
        try (Consumer<String, ModelCheckpoint> consumer = consumers.get()) {
            current = consumer;
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            failures = 0;
            health.following(topic);
            boolean readToEnd = false;
            while (running) {
                for (ConsumerRecord<String, ModelCheckpoint> r : poll(consumer)) {
                    handle(r);
                }
                if (!readToEnd && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    if (!health.isCaughtUp()) {
                        LOG.infof("checkpoint topic read: %s announced", sink.announcedVersions());
                    }
                    sink.apply();
                    readToEnd = true;
                    health.caughtUp();
                } else if (readToEnd) {
                    sink.apply();
                }
            }
        } catch (WakeupException | InterruptException e) {
            if (running) {
                throw e;
            }
        } finally {
            current = null;
        }
    }

    private List<TopicPartition> partitions(Consumer<String, ModelCheckpoint> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new MissingTopicException("topic " + topic + " does not exist (whoever owns it creates it compacted)");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private ConsumerRecords<String, ModelCheckpoint> poll(Consumer<String, ModelCheckpoint> consumer) {
        try {
            return consumer.poll(POLL);
        } catch (RecordDeserializationException e) {
            if (registryDown(e)) {
                throw e;
            }
            health.skipped(e.topicPartition() + " offset " + e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }

    private void handle(ConsumerRecord<String, ModelCheckpoint> r) {
        if (Topics.PIN_KEY.equals(r.key())) {
            sink.pin(r.value() == null ? null : r.value().getVersion());
        } else if (r.value() != null) {
            sink.announced(r.value());
        }
    }

    /** The problem in a few words, for readiness and the log. */
    static String problem(RuntimeException e) {
        if (e instanceof MissingTopicException) {
            return "checkpoint topic missing";
        }
        if (registryDown(e)) {
            return "schema registry unreachable";
        }
        if (e instanceof TimeoutException) {
            return "broker unreachable";
        }
        return "failed with " + e.getClass().getSimpleName();
    }

    private static boolean registryDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException s && (s.isUnreachable() || s.httpStatus() >= 500)) {
                return true;
            }
        }
        return false;
    }

    private void pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (wake) {
            for (long left = delay.toMillis(); running && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                try {
                    wake.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** The checkpoint topic does not exist (yet). */
    static final class MissingTopicException extends IllegalStateException {
        MissingTopicException(String message) {
            super(message);
        }
    }
}
