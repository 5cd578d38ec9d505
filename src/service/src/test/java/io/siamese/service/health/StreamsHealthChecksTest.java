package io.siamese.service.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthChecksTest {

    @Test
    void shouldStayAliveWhileWaitingForTheBrokerOrRebalancing() {
        for (State state : new State[] {State.CREATED, State.REBALANCING, State.RUNNING, State.PENDING_SHUTDOWN,
                State.NOT_RUNNING}) {
            assertTrue(StreamsLivenessCheck.isAlive(state), state.name());
        }
    }

    @Test
    void shouldBeDeadOnlyOnceKafkaStreamsHasFailed() {
        assertFalse(StreamsLivenessCheck.isAlive(State.ERROR));
        assertFalse(StreamsLivenessCheck.isAlive(State.PENDING_ERROR));
    }

    @Test
    void shouldNotBeReadyBeforeTheStreamFirstRuns() {
        assertFalse(StreamsReadinessCheck.isReady(State.CREATED, false));
        assertFalse(StreamsReadinessCheck.isReady(State.REBALANCING, false), "the group is still forming");
        assertTrue(StreamsReadinessCheck.isReady(State.RUNNING, false));
    }

    @Test
    void shouldStayReadyThroughARebalanceOnceItHasRun() {
        assertTrue(StreamsReadinessCheck.isReady(State.REBALANCING, true));
        assertFalse(StreamsReadinessCheck.isReady(State.ERROR, true));
        assertFalse(StreamsReadinessCheck.isReady(State.PENDING_SHUTDOWN, true));
    }
}
