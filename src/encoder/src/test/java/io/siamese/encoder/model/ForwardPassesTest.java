package io.siamese.encoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
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
    void shouldPreferTheConfiguredThreadsAndNameThePropertyWhenTheyAreBelowOne() {
        assertEquals(3, ForwardPasses.intraOpThreads(Optional.of(3), 2));
        assertEquals(ForwardPasses.intraOpThreads(2), ForwardPasses.intraOpThreads(Optional.empty(), 2));
        var e = assertThrows(IllegalArgumentException.class, () -> ForwardPasses.intraOpThreads(Optional.of(0), 2));
        assertEquals("siamese.model.threads must be >= 1, got 0", e.getMessage());
    }

    @Test
    void shouldRejectNoPasses() {
        assertThrows(IllegalArgumentException.class, () -> ForwardPasses.intraOpThreads(0, 4));
        assertThrows(IllegalArgumentException.class, () -> ForwardPasses.setIntraOpThreads(0));
    }
}
