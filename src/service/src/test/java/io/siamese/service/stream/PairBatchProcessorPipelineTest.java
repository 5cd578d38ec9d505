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
import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.BatchScores;
import io.siamese.service.model.ServedModel;
import io.siamese.testing.InMemorySchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pipelined scoring: the forward pass runs on the inference thread while the stream thread goes on. */
class PairBatchProcessorPipelineTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final HookedContext<byte[], Object> context = new HookedContext<>();
    private final KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(StreamNames.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
            .withLoggingDisabled().build();

    /** A context that runs a hook before each record it is given, on the forwarding (stream) thread. */
    private static final class HookedContext<KF, VF> extends MockProcessorContext<KF, VF> {
        volatile Runnable beforeForward = () -> {};

        @Override
        public <K extends KF, V extends VF> void forward(Record<K, V> record, String childName) {
            beforeForward.run();
            super.forward(record, childName);
        }
    }

    @Test
    void shouldKeepAPairInTheStoreUntilItsResultIsForwardedAndForwardBatchesInOrder() {
        GatedEncoder encoder = new GatedEncoder();
        PairBatchProcessor processor = start(encoder);

        processor.process(pair("p0"));
        processor.process(pair("p1")); // a full batch: handed to the inference thread, which waits at the gate

        assertEquals(2, processor.inFlightCount());
        assertEquals(0, context.forwarded().size(), "no result before the forward pass ends");
        assertEquals(2, store.approximateNumEntries(), "in flight, still in the store: a crash now loses nothing");

        encoder.gate.release();
        processor.process(pair("p2"));
        processor.process(pair("p3")); // the next batch waits for the one in flight, which is then forwarded

        assertEquals(List.of("p0", "p1"), resultIds());
        assertEquals(2, store.approximateNumEntries(), "p2 and p3 are in flight now");

        encoder.gate.release();
        processor.awaitInFlight();

        assertEquals(List.of("p0", "p1", "p2", "p3"), resultIds());
        assertEquals(0, store.approximateNumEntries());
        assertEquals(List.of(2, 2), encoder.inner.batchSizes);
    }

    @Test
    @Timeout(30) // the stream thread must not block on the batch in flight: without the feature this hangs
    void shouldKeepFillingTheNextBatchWhileOneIsInFlightAndScoreALingeredBatchAtOnce() {
        GatedEncoder encoder = new GatedEncoder();
        PairBatchProcessor processor = start(encoder, 2, Duration.ofMillis(10), BatchSettings.Clock.STREAM);
        context.setCurrentSystemTimeMs(0);

        processor.process(pair("p0"));
        processor.process(pair("p1")); // full: to the inference thread, which waits at the gate
        processor.process(pair("p2"));
        context.setCurrentSystemTimeMs(60_000);
        tick(60_000); // p2 has lingered, but the encoder is busy: it waits, the stream thread does not

        assertEquals(2, processor.inFlightCount());
        assertEquals(1, processor.pendingCount());

        encoder.gate.release(2);
        processor.awaitInFlight();
        assertEquals(List.of("p0", "p1"), resultIds());

        // The encoder is free and the input is not ahead of it: the lingered pair is scored on this thread.
        tick(60_000);

        assertEquals(List.of("p0", "p1", "p2"), resultIds());
        assertEquals(0, processor.inFlightCount());
        assertEquals(List.of(2, 1), encoder.inner.batchSizes);
    }

    @Test
    void shouldTurnAFailedForwardPassIntoDeadLettersForItsPairs() {
        GatedEncoder encoder = new GatedEncoder();
        encoder.inner.fail = true;
        PairBatchProcessor processor = start(encoder);
        encoder.gate.release();

        processor.process(pair("p0"));
        processor.process(pair("p1"));
        processor.awaitInFlight();

        List<String> kinds = context.forwarded().stream()
                .map(f -> ((DeadLetter) f.record().value()).getErrorKind()).toList();
        assertEquals(List.of("INFERENCE_FAILURE", "INFERENCE_FAILURE"), kinds);
        assertEquals(0, store.approximateNumEntries());
    }

    @Test
    void shouldRequestACommitAfterALingeredBatchButLeaveFullBatchesToTheCommitInterval() {
        GatedEncoder encoder = new GatedEncoder();
        encoder.gate.release(2);
        PairBatchProcessor processor = start(encoder, 2, Duration.ofMillis(10), BatchSettings.Clock.STREAM, true);
        context.setCurrentSystemTimeMs(0);

        processor.process(pair("p0"));
        processor.process(pair("p1")); // full: the input is ahead of the encoder
        processor.awaitInFlight();
        assertEquals(List.of("p0", "p1"), resultIds());
        assertFalse(context.committed(), "a full batch waits for the commit interval: commits cost throughput");

        processor.process(pair("p2"));
        context.setCurrentSystemTimeMs(60_000);
        tick(60_000); // lingered, encoder free: scored at once

        assertEquals(List.of("p0", "p1", "p2"), resultIds());
        assertTrue(context.committed(), "a lingered batch's results are committed at once, so readers see them now");
    }

    @Test
    void shouldLeaveLingeredBatchesToTheCommitIntervalWhenEagerCommitIsOff() {
        PairBatchProcessor processor = start(new FakeEncoder(), 2, Duration.ofMillis(10), BatchSettings.Clock.STREAM,
                false);
        context.setCurrentSystemTimeMs(0);
        processor.process(pair("p0"));
        context.setCurrentSystemTimeMs(60_000);
        tick(60_000);

        assertEquals(List.of("p0"), resultIds());
        assertFalse(context.committed());
    }

    @Test
    void shouldMakeAtMostOneEagerCommitPerGapAndTheOwedOneWhenTheGapEnds() {
        PairBatchProcessor processor = start(new FakeEncoder(), 8, Duration.ofMillis(10), BatchSettings.Clock.STREAM,
                true, Duration.ofMillis(50), 1);
        context.setCurrentSystemTimeMs(1_000);
        processor.process(pair("p0"));
        advanceAndTick(1_010); // lingered: scored and committed at once
        assertEquals(List.of("p0"), resultIds());
        assertTrue(context.committed());
        context.resetCommit();

        processor.process(pair("p1"));
        advanceAndTick(1_020); // lingered again, 10 ms after the last commit: results out, commit owed
        assertEquals(List.of("p0", "p1"), resultIds());
        assertFalse(context.committed(), "a second commit inside the gap would cost the stream thread a transaction");

        advanceAndTick(1_059);
        assertFalse(context.committed());
        advanceAndTick(1_060); // the gap has passed: the owed commit is made
        assertTrue(context.committed(), "a result waits at most the gap for its commit");
        context.resetCommit();

        advanceAndTick(1_200);
        assertFalse(context.committed(), "nothing owed, nothing committed");
    }

    private void advanceAndTick(long millis) {
        context.setCurrentSystemTimeMs(millis);
        tick(millis);
    }

    /** Holds the first batch until released; later batches finish at once. */
    private static final class FirstBatchHeldEncoder implements BatchEncoder {
        final FakeEncoder inner = new FakeEncoder();
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        final CountDownLatch secondDone = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public BatchScores score(float[][] left, float[][] right) {
            int call = calls.incrementAndGet();
            try {
                if (call == 1 && !releaseFirst.await(20, TimeUnit.SECONDS)) {
                    throw new AssertionError("the first batch was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            BatchScores scores;
            synchronized (inner) {
                scores = inner.score(left, right);
            }
            if (call == 2) {
                secondDone.countDown();
            }
            return scores;
        }

        @Override
        public ServedModel current() {
            return inner.current();
        }
    }

    @Test
    @Timeout(30)
    void shouldRunTwoBatchesAtOnceWithTwoInferenceThreadsButForwardTheirResultsInArrivalOrder() throws Exception {
        FirstBatchHeldEncoder encoder = new FirstBatchHeldEncoder();
        PairBatchProcessor processor = start(encoder, 2, Duration.ofMinutes(1), BatchSettings.Clock.SYSTEM, false, 2);

        processor.process(pair("p0"));
        processor.process(pair("p1")); // batch A: held
        processor.process(pair("p2"));
        processor.process(pair("p3")); // batch B: runs beside A, on the second inference thread, and finishes
        assertTrue(encoder.secondDone.await(20, TimeUnit.SECONDS), "with two inference threads B does not wait for A");
        tick(0);

        assertEquals(List.of(), resultIds(), "B is done but A is not: nothing may overtake A");
        assertEquals(4, processor.inFlightCount());

        encoder.releaseFirst.countDown();
        processor.awaitInFlight();

        assertEquals(List.of("p0", "p1", "p2", "p3"), resultIds());
        assertEquals(0, store.approximateNumEntries());
    }

    /**
     * Counts the batches that reached the encoder and holds each until released; armed, it releases
     * the one in flight when the stream thread next asks for the model (to decode a batch), so that
     * batch finishes while the stream thread is about to wait for it.
     */
    private static final class CountingGatedEncoder implements BatchEncoder {
        final GatedEncoder gated = new GatedEncoder();
        final Semaphore entered = new Semaphore(0);
        final AtomicBoolean releaseOnDecode = new AtomicBoolean();

        @Override
        public BatchScores score(float[][] left, float[][] right) {
            entered.release();
            return gated.score(left, right);
        }

        @Override
        public ServedModel current() {
            if (releaseOnDecode.getAndSet(false)) {
                gated.gate.release();
            }
            return gated.current();
        }
    }

    @Test
    @Timeout(30)
    void shouldHandTheFreedInferenceThreadItsNextBatchBeforeForwardingTheFinishedOne() throws Exception {
        CountingGatedEncoder encoder = new CountingGatedEncoder();
        PairBatchProcessor processor = start(encoder);
        processor.process(pair("p0"));
        processor.process(pair("p1")); // batch A: on the only inference thread, held
        assertTrue(encoder.entered.tryAcquire(20, TimeUnit.SECONDS));
        processor.process(pair("p2"));
        AtomicInteger enteredWhenForwarding = new AtomicInteger(-1);
        context.beforeForward = () -> {
            try {
                // Forwarding A's results must not keep B from the inference thread: B is there already.
                if (enteredWhenForwarding.get() < 0) {
                    enteredWhenForwarding.set(encoder.entered.tryAcquire(20, TimeUnit.SECONDS) ? 1 : 0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        encoder.releaseOnDecode.set(true);

        processor.process(pair("p3")); // batch B: full; A ends while the stream thread waits for its slot

        assertEquals(1, enteredWhenForwarding.get(), "B reached the encoder before A's results were forwarded");
        assertEquals(List.of("p0", "p1"), resultIds());
        context.beforeForward = () -> {};
        encoder.gated.gate.release();
        processor.awaitInFlight();
        assertEquals(List.of("p0", "p1", "p2", "p3"), resultIds());
    }

    private PairBatchProcessor start(BatchEncoder encoder) {
        return start(encoder, 2, Duration.ofMinutes(1), BatchSettings.Clock.SYSTEM);
    }

    private PairBatchProcessor start(BatchEncoder encoder, int maxSize, Duration linger, BatchSettings.Clock clock) {
        return start(encoder, maxSize, linger, clock, false);
    }

    private PairBatchProcessor start(BatchEncoder encoder, int maxSize, Duration linger, BatchSettings.Clock clock,
            boolean eagerCommit) {
        return start(encoder, maxSize, linger, clock, eagerCommit, 1);
    }

    private PairBatchProcessor start(BatchEncoder encoder, int maxSize, Duration linger, BatchSettings.Clock clock,
            boolean eagerCommit, int inferenceThreads) {
        return start(encoder, maxSize, linger, clock, eagerCommit, Duration.ZERO, inferenceThreads);
    }

    private PairBatchProcessor start(BatchEncoder encoder, int maxSize, Duration linger, BatchSettings.Clock clock,
            boolean eagerCommit, Duration minGap, int inferenceThreads) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setRecordMetadata(Topics.IMAGE_PAIRS, 0, 0);
        ConfluentAvroDeserializer<ImagePair> pairs = new ConfluentAvroDeserializer<>(ImagePair.class, registry);
        pairs.configure(TopologyHarness.REGISTRY, false);
        PairBatchProcessor processor = new PairBatchProcessor(
                new BatchSettings(maxSize, linger, Topics.PAIR_DISSIMILARITIES, 1, clock, true, eagerCommit, minGap, inferenceThreads),
                encoder, new PairDecoder(pairs, ImageLimits.DEFAULT, 8),
                new OutputKeys(OutputKeys.Format.STRING, new GenericAvroSerializer(registry, true)), StreamMetrics.NONE,
                SchemaRegistryGates.open());
        processor.init(context);
        return processor;
    }

    private Record<byte[], byte[]> pair(String id) {
        ConfluentAvroSerializer<ImagePair> serializer = new ConfluentAvroSerializer<>(registry, true);
        serializer.configure(TopologyHarness.REGISTRY, false);
        return new Record<>(id.getBytes(), serializer.serialize(Topics.IMAGE_PAIRS, PairBatchTopologyTest.valid(id)), 0L);
    }

    private void tick(long now) {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
    }

    private List<String> resultIds() {
        return context.forwarded().stream().map(f -> ((PairDissimilarity) f.record().value()).getPairId()).toList();
    }
}
