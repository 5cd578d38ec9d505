package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.PairDissimilarity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry that does not answer says nothing about a pair: pairs are held until it answers again,
 * then scored (or dead-lettered for what is really wrong with them) in arrival order; none is dead-lettered
 * for the outage, and the stream thread never fails.
 */
class RegistryOutageTopologyTest {

    private static final byte[] GARBAGE = {0, 0, 0, 0, 1, 7, 7};

    @TempDir
    Path state;

    private TopologyHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private TopologyHarness start() {
        h = new TopologyHarness(StreamSettings.defaults(3, Duration.ofMillis(20)), state);
        return h;
    }

    private void linger() {
        h.driver.advanceWallClockTime(Duration.ofMillis(50));
    }

    @Test
    void shouldHoldPairsWhenTheRegistryIsDownBeforeTheFirstPairThenScoreThemWhenItAnswers() {
        start();
        byte[] a = h.encode(PairBatchTopologyTest.valid("a"));
        byte[] b = h.encode(PairBatchTopologyTest.valid("b"));
        byte[] c = h.encode(PairBatchTopologyTest.valid("c"));
        h.registry.setDown(true);

        h.input.pipeInput("a".getBytes(), a);
        h.input.pipeInput("x".getBytes(), new byte[] {9, 9, 9}); // unreadable whatever the registry says
        h.input.pipeInput("b".getBytes(), b);
        h.input.pipeInput("c".getBytes(), c);
        linger();

        assertTrue(h.outage.isDown(), "the outage is reported");
        assertTrue(h.results().isEmpty());
        assertTrue(h.deadLetters().isEmpty(), "nothing is dead-lettered while the registry is away");
        h.outage.probeOnce();
        assertTrue(h.outage.isDown(), "a probe while it is still down changes nothing");

        h.registry.setDown(false);
        h.outage.probeOnce();
        linger();

        assertFalse(h.outage.isDown());
        assertEquals(List.of("a", "b", "c"), h.results().stream().map(PairDissimilarity::getPairId).toList());
        List<DeadLetter> letters = h.deadLetters();
        assertEquals(1, letters.size(), "the unreadable record still becomes its one dead letter");
        assertEquals(DeadLetterKinds.DESERIALIZATION, letters.get(0).getErrorKind());
    }

    @Test
    void shouldHoldValidPairsWhoseSchemaIsNotCachedEvenWhenTheDeadLetterSchemaIs() {
        start();
        h.input.pipeInput("x".getBytes(), GARBAGE); // resolves every output schema, dead letters included
        assertEquals(1, h.deadLetters().size());
        byte[] a = h.encode(PairBatchTopologyTest.valid("a"));
        byte[] b = h.encode(PairBatchTopologyTest.valid("b"));
        h.registry.setDown(true);

        h.input.pipeInput("a".getBytes(), a);
        h.input.pipeInput("b".getBytes(), b);
        linger();

        assertTrue(h.outage.isDown());
        assertTrue(h.deadLetters().isEmpty(), "valid pairs must not become DESERIALIZATION dead letters");
        assertTrue(h.results().isEmpty());

        h.registry.setDown(false);
        h.outage.probeOnce();
        linger();

        assertEquals(List.of("a", "b"), h.results().stream().map(PairDissimilarity::getPairId).toList());
        assertTrue(h.deadLetters().isEmpty());
    }

    @Test
    void shouldKeepScoringPairsOfCachedSchemasWithoutAskingTheRegistry() {
        start();
        h.send("a", PairBatchTopologyTest.valid("a"));
        linger();
        assertEquals(1, h.results().size());
        byte[] b = h.encode(PairBatchTopologyTest.valid("b"));
        h.registry.setDown(true);

        h.input.pipeInput("b".getBytes(), b);
        linger();

        assertFalse(h.outage.isDown(), "every schema needed is cached: the outage does not matter");
        assertEquals(List.of("b"), h.results().stream().map(PairDissimilarity::getPairId).toList());
    }
}
