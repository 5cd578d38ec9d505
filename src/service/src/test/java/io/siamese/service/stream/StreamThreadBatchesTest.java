package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageLimits;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.schemas.serde.GenericAvroSerializer;
import io.siamese.testing.InMemorySchemaRegistryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two stream tasks (partitions 0 and 1) of one stream thread sharing its batches: their pairs are
 * scored together, yet each task forwards only its own outcomes, from its own context.
 */
class StreamThreadBatchesTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final GatedEncoder encoder = new GatedEncoder(Integer.MAX_VALUE / 2);
    private final Task a = new Task(0);
    private final Task b = new Task(1);
    /** The stream thread's commits, as {@link ThreadCommits} counts them. */
    private long threadCommits;

    /** One stream task: its context, its buffer store, its processor. */
    private final class Task {
        final MockProcessorContext<byte[], Object> context;
        final KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StreamNames.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        final int partition;
        final Map<Long, byte[]> sent = new HashMap<>();
        PairBatchProcessor processor;
        long offset;

        Task(int partition) {
            this.partition = partition;
            this.context = new MockProcessorContext<>(new Properties(), new TaskId(0, partition),
                    new java.io.File(System.getProperty("java.io.tmpdir")));
        }

        void start(StreamThreadBatches shared) {
            context.setCurrentSystemTimeMs(0);
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            processor = new PairBatchProcessor(shared.settings(), decoder(), new OutputKeys(OutputKeys.Format.STRING,
                    new GenericAvroSerializer(registry, true)), StreamMetrics.NONE, SchemaRegistryGates.open(),
                    this::inputTopic, () -> shared);
            processor.init(context);
        }

        /** The input topic as a restored task reads it back. */
        private InputRecords inputTopic(Map<String, Object> configs, String clientId) {
            return new InputRecords() {
                @Override
                public Map<Long, byte[]> values(String topic, int partition, SortedSet<Long> offsets) {
                    Map<Long, byte[]> found = new HashMap<>(sent);
                    found.keySet().retainAll(offsets);
                    return found;
                }

                @Override
                public void close() {}
            };
        }

        void send(String id) {
            send(PairBatchTopologyTest.valid(id));
        }

        void send(ImagePair pair) {
            context.setRecordMetadata(Topics.IMAGE_PAIRS, partition, offset);
            ConfluentAvroSerializer<ImagePair> serializer = new ConfluentAvroSerializer<>(registry, true);
            serializer.configure(TopologyHarness.REGISTRY, false);
            byte[] value = serializer.serialize(Topics.IMAGE_PAIRS, pair);
            sent.put(offset++, value);
            processor.process(new Record<>(pair.getPairId().getBytes(), value, 0L));
        }

        void tick(long now) {
            context.setCurrentSystemTimeMs(now);
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
        }

        List<String> results() {
            return context.forwarded().stream().filter(f -> f.childName().orElseThrow().equals(StreamNames.RESULTS_SINK))
                    .map(f -> ((PairDissimilarity) f.record().value()).getPairId()).toList();
        }

        List<String> deadLetters() {
            return context.forwarded().stream().filter(f -> f.childName().orElseThrow().equals(StreamNames.DEAD_LETTER_SINK))
                    .map(f -> new String(((DeadLetter) f.record().value()).getKey().array())).toList();
        }
    }

    private PairDecoder decoder() {
        ConfluentAvroDeserializer<ImagePair> pairs = new ConfluentAvroDeserializer<>(ImagePair.class, registry);
        pairs.configure(TopologyHarness.REGISTRY, false);
        return new PairDecoder(pairs, ImageLimits.DEFAULT, 8);
    }

    /** Both tasks on one shared set of batches; the stream's clock at 0. */
    private StreamThreadBatches startBoth(int maxSize, Duration linger, boolean pipelined) {
        return startBoth(maxSize, linger, pipelined, false, Duration.ZERO);
    }

    private StreamThreadBatches startBoth(int maxSize, Duration linger, boolean pipelined, boolean eagerCommit,
            Duration minGap) {
        StreamThreadBatches shared = new StreamThreadBatches(new BatchSettings(maxSize, linger,
                Topics.PAIR_DISSIMILARITIES, 1, BatchSettings.Clock.STREAM, pipelined, eagerCommit, minGap, 1),
                encoder, decoder(), StreamMetrics.NONE, SchemaRegistryGates.open());
        a.start(shared);
        b.start(shared);
        return shared;
    }

    @Test
    void shouldScorePairsOfTwoPartitionsInOneBatch() {
        startBoth(4, Duration.ofMinutes(1), false);

        a.send("a0");
        b.send("b0");
        a.send("a1");
        b.send("b1"); // the fourth pair of the thread fills the batch, though each task holds only two

        assertEquals(List.of(4), encoder.inner.batchSizes);
        assertEquals(List.of("b0", "b1"), b.results(), "the task that filled the batch forwards its own at once");
        assertEquals(List.of(), a.results(), "a task forwards only while it processes or punctuates");
        assertEquals(2, a.store.approximateNumEntries(), "until forwarded, a's pairs stay in its store");

        a.tick(0);

        assertEquals(List.of("a0", "a1"), a.results());
        assertEquals(0, a.store.approximateNumEntries());
        assertEquals(0, b.store.approximateNumEntries());
        PairDissimilarity first = (PairDissimilarity) a.context.forwarded().get(0).record().value();
        assertEquals(4, first.getTimings().getBatchSize(), "the result names the batch it was scored in");
    }

    @Test
    void shouldFlushPairsOfSeveralPartitionsTogetherWhenTheLingerExpires() {
        startBoth(8, Duration.ofMillis(10), false);

        a.send("a0");
        b.send("b0");
        b.send("b1");
        a.tick(5);
        assertEquals(List.of(), encoder.inner.batchSizes, "nothing has waited 10 ms yet");

        b.tick(10);
        a.tick(10);

        assertEquals(List.of(3), encoder.inner.batchSizes);
        assertEquals(List.of("a0"), a.results());
        assertEquals(List.of("b0", "b1"), b.results());
    }

    @Test
    void shouldDeadLetterARejectedPairThroughItsOwnTask() {
        startBoth(3, Duration.ofMinutes(1), false);

        a.send("a0");
        a.send(PairBatchTopologyTest.pair("a-bad", new byte[] {1, 2, 3}, new byte[] {4, 5, 6}));
        b.send("b0"); // fills the batch; a's corrupt images are found when it is decoded

        assertEquals(List.of(2), encoder.inner.batchSizes);
        assertEquals(List.of(), b.deadLetters());
        assertEquals(List.of(), a.deadLetters(), "found while b processed: a forwards it itself, later");
        a.tick(0);
        assertEquals(List.of("a-bad"), a.deadLetters());
        assertEquals(List.of("a0"), a.results());
        assertEquals(List.of("b0"), b.results());
        assertEquals(0, a.store.approximateNumEntries());
    }

    @Test
    void shouldDropAClosedTasksWaitingPairsAndKeepThemInItsStore() {
        StreamThreadBatches shared = startBoth(8, Duration.ofMillis(10), false);
        a.send("a0");
        b.send("b0");

        a.processor.close(); // revoked: its next owner restores a0 from the changelog and scores it

        assertEquals(1, shared.pendingCount());
        b.tick(10);
        assertEquals(List.of(1), encoder.inner.batchSizes, "only b's pair is scored");
        assertEquals(List.of("b0"), b.results());
        assertEquals(List.of(), a.results());
        assertEquals(1, a.store.approximateNumEntries());
    }

    @Test
    @Timeout(30)
    void shouldScoreAPairOnceWhenItsTaskIsRevivedWhileItWasInFlight() {
        encoder.gate.drainPermits();
        StreamThreadBatches shared = startBoth(2, Duration.ofMinutes(1), true);
        a.send("a0");
        b.send("b0"); // full: to an inference thread, which waits at the gate

        assertEquals(2, shared.inFlightCount());
        a.processor.close(); // closed dirty and revived, as Kafka Streams does after a corrupted task
        a.processor.init(a.context); // restores a0 from its store: it waits for a new batch
        encoder.gate.release();
        b.processor.awaitInFlight();

        assertEquals(List.of("b0"), b.results());
        assertEquals(List.of(), a.results(), "the old incarnation's outcome is dropped");
        assertEquals(1, a.store.approximateNumEntries(), "a0 stays in a's store for the revived task");

        encoder.gate.release();
        a.tick(60_000); // the restored pair has lingered: it is scored now
        a.processor.awaitInFlight();
        assertEquals(List.of("a0"), a.results(), "scored once, by the revived task");
        assertEquals(0, a.store.approximateNumEntries());
    }

    @Test
    void shouldCommitEarlyAtMostOncePerGapForAllTheThreadsTasks() {
        startBoth(8, Duration.ofMillis(10), false, true, Duration.ofMillis(20));
        a.send("a0");
        b.send("b0");

        a.tick(10); // lingered: one batch of both, a forwards a0 and asks for the commit owed
        assertEquals(List.of("a0"), a.results());
        assertTrue(a.context.committed());
        b.tick(12); // b forwards b0 inside the gap: one commit commits every task of the thread, so none now
        assertEquals(List.of("b0"), b.results());
        assertFalse(b.context.committed(), "a second transaction 2 ms after the first");
        a.tick(25);
        assertFalse(b.context.committed());

        b.tick(30); // the gap has passed: the commit owed to b's result is made

        assertTrue(b.context.committed(), "a result waits at most the gap for its commit");
    }

    /**
     * Kafka Streams' poll loop: each task processes a record, then each ticks, then the thread commits,
     * which takes longer than the linger while the service is cold. A batch that lingered must not be
     * flushed by the first task's record of a pass, before the other tasks have added theirs: their
     * pairs would be left over, would linger through the commit that flush asked for, and would flush
     * and commit again on the next pass's first record, every pass, three pairs a transaction, which is
     * how the service fell behind for its first seconds. Nor may results that the commit asked for takes
     * along owe a commit of their own, made on the next pass.
     */
    @Test
    void shouldFlushALingeredBatchOnlyOnceEveryTaskHasProcessedItsRecords() {
        StreamThreadBatches shared = startBoth(32, Duration.ofMillis(10), false, true, Duration.ofMillis(20));
        shared.commits().countCommits(() -> threadCommits);
        a.send("a0");
        b.send("b0");
        a.tick(0);
        b.tick(0);

        a.context.setCurrentSystemTimeMs(10); // the next pass: a0 and b0 have lingered
        b.context.setCurrentSystemTimeMs(10);
        a.send("a1");
        assertEquals(List.of(), encoder.inner.batchSizes, "b has yet to process its record of this pass");
        assertFalse(a.context.committed(), "no commit in the middle of a pass");
        b.send("b1");
        a.tick(10);
        b.tick(10);

        assertEquals(List.of(4), encoder.inner.batchSizes, "the pass's pairs of both tasks in one batch");
        assertEquals(List.of("a0", "a1"), a.results());
        assertEquals(List.of("b0", "b1"), b.results());
        assertTrue(a.context.committed());
        assertFalse(b.context.committed(), "b's results are in the commit a asked for");
        assertEquals(0, shared.pendingCount(), "nothing left to linger through the commit");

        threadCommits++; // the thread commits, taking 50 ms
        a.context.resetCommit();
        a.context.setCurrentSystemTimeMs(60);
        b.context.setCurrentSystemTimeMs(60);
        a.send("a2");
        b.send("b2");
        a.tick(60);
        b.tick(60);

        assertEquals(List.of(4), encoder.inner.batchSizes, "fresh pairs wait for the linger");
        assertFalse(a.context.committed() || b.context.committed(), "so the thread reads on instead of committing");
    }

    @Test
    void shouldOweACommitToResultsForwardedAfterTheThreadCommitted() {
        StreamThreadBatches shared = startBoth(8, Duration.ofMillis(10), false, true, Duration.ofMillis(20));
        shared.commits().countCommits(() -> threadCommits);
        a.send("a0");
        b.send("b0");
        a.tick(10); // one batch of both; a forwards a0 and asks for a commit
        assertTrue(a.context.committed());

        threadCommits++; // b's tick was not due in that pass: the thread committed before b forwarded b0
        b.tick(12);
        assertEquals(List.of("b0"), b.results());
        assertFalse(b.context.committed(), "inside the gap");
        b.tick(30);
        assertTrue(b.context.committed(), "b0 is owed a commit, made once the gap has passed");

        threadCommits++;
        a.context.resetCommit();
        a.send("a1");
        a.tick(40); // a forwards a1 inside the gap
        assertEquals(List.of("a0", "a1"), a.results());
        threadCommits++; // a commit on the interval comes first
        a.tick(60);
        a.tick(70);
        assertFalse(a.context.committed(), "a commit is owed only until the thread has made one");
    }
}
