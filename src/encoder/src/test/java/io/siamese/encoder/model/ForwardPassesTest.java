package io.siamese.encoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ForwardPassesTest {

    @Test
    void shouldShareTheCoresBetweenThePassesAndGiveEachAtLeastOneThread() {
        assertEquals(1, ForwardPasses.intraOpThreads(2, 2));
        assertEquals(8, ForwardPasses.intraOpThreads(2, 16));
        assertEquals(4, ForwardPasses.intraOpThreads(1, 4));
        assertEquals(1, ForwardPasses.intraOpThreads(2, 1), "a one-core machine still gets a thread per pass");
        assertEquals(1, ForwardPasses.intraOpThreads(3, 2));
    }

    @Test
    void shouldRunOnePassAtATimeWhenNotPipelined() {
        assertEquals(2, ForwardPasses.concurrentPasses(true, 2));
        assertEquals(1, ForwardPasses.concurrentPasses(false, 2));
    }

    @Test
    void shouldRejectNoPasses() {
        assertThrows(IllegalArgumentException.class, () -> ForwardPasses.intraOpThreads(0, 4));
        assertThrows(IllegalArgumentException.class, () -> ForwardPasses.setIntraOpThreads(0));
    }
}
