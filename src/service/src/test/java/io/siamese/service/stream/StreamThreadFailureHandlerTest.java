package io.siamese.service.stream;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamThreadFailureHandlerTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private StreamThreadFailureHandler handler(int max, Duration window) {
        return new StreamThreadFailureHandler(max, window, now::get, registry);
    }

    private static StreamsException brokerTimeout() {
        return new StreamsException(new TimeoutException("task timed out"));
    }

    private double count(String response) {
        return registry.get(StreamThreadFailureHandler.METRIC).tag("response", response).counter().count();
    }

    @Test
    void shouldReplaceTheThreadAfterAnUnhandledError() {
        assertEquals(REPLACE_THREAD, handler(3, Duration.ofMinutes(10)).handle(brokerTimeout()));
        assertEquals(1.0, count("replace_thread"));
        assertEquals(0.0, count("shutdown_client"));
    }

    @Test
    void shouldShutTheInstanceDownOnceTheWindowsReplacementsAreSpent() {
        StreamThreadFailureHandler h = handler(2, Duration.ofMinutes(10));
        assertEquals(REPLACE_THREAD, h.handle(brokerTimeout()));
        now.addAndGet(60_000);
        assertEquals(REPLACE_THREAD, h.handle(brokerTimeout()));
        now.addAndGet(60_000);
        assertEquals(SHUTDOWN_CLIENT, h.handle(brokerTimeout()));
        assertEquals(2.0, count("replace_thread"));
        assertEquals(1.0, count("shutdown_client"));
    }

    @Test
    void shouldReplaceAgainOnceEarlierReplacementsLeaveTheWindow() {
        StreamThreadFailureHandler h = handler(1, Duration.ofMinutes(10));
        assertEquals(REPLACE_THREAD, h.handle(brokerTimeout()));
        now.addAndGet(Duration.ofMinutes(10).toMillis() - 1);
        assertEquals(SHUTDOWN_CLIENT, h.handle(brokerTimeout()));
        now.addAndGet(1);
        assertEquals(REPLACE_THREAD, h.handle(brokerTimeout()));
    }

    @Test
    void shouldShutDownOnAJvmErrorWhateverTheBudget() {
        assertEquals(SHUTDOWN_CLIENT, handler(3, Duration.ofMinutes(10)).handle(new OutOfMemoryError("Java heap space")));
        assertEquals(SHUTDOWN_CLIENT, handler(3, Duration.ofMinutes(10))
                .handle(new StreamsException("task failed", new OutOfMemoryError("Direct buffer memory"))));
        assertEquals(0.0, count("replace_thread"));
    }

    @Test
    void shouldNeverReplaceWhenNoReplacementsAreAllowed() {
        assertEquals(SHUTDOWN_CLIENT, handler(0, Duration.ofMinutes(10)).handle(brokerTimeout()));
    }

    @Test
    void shouldRegisterBothCountersBeforeAnyFailure() {
        handler(3, Duration.ofMinutes(10));
        assertEquals(0.0, count("replace_thread"));
        assertEquals(0.0, count("shutdown_client"));
    }

    @Test
    void shouldRefuseANegativeBudgetOrAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> handler(-1, Duration.ofMinutes(10)));
        assertThrows(IllegalArgumentException.class, () -> handler(3, Duration.ZERO));
    }
}
