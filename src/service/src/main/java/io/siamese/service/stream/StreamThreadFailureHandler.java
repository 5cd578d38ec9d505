package io.siamese.service.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.siamese.service.config.ServiceConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * What a stream thread's death leads to. Records that cannot be read, decoded or scored never get here
 * (they become dead letters); what does is a broker error that outlasted {@code task.timeout.ms}, an
 * input that could not be read back after a crash, or a bug. Kafka Streams' default shuts the instance
 * down at the first one, which leaves {@code ./siamese serve} alive but idle; instead the thread is
 * replaced, up to {@code siamese.recovery.max-thread-replacements} times within
 * {@code siamese.recovery.window}. A replacement aborts the thread's open transaction and resumes its
 * tasks from their last commit (buffered pairs from the buffer store), so nothing is lost. Past the budget,
 * or on a JVM {@link Error}, the instance shuts down: liveness goes DOWN and the orchestrator restarts it.
 *
 * <p>The Quarkus extension installs the one bean of this type on the {@code KafkaStreams} it creates.
 */
@Singleton // not a lazy proxy: the counters exist from startup
public class StreamThreadFailureHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(StreamThreadFailureHandler.class);

    /** Counter of stream-thread failures, tagged {@code response} (replace_thread or shutdown_client). */
    public static final String METRIC = "siamese.stream.thread.failures";

    private final ThreadReplacementBudget budget;
    private final Duration window;
    private final LongSupplier clock;
    private final Counter replaced;
    private final Counter shutDown;

    @Inject
    StreamThreadFailureHandler(ServiceConfig config, MeterRegistry registry) {
        this(config.recovery().maxThreadReplacements(), config.recovery().window(), System::currentTimeMillis,
                registry);
    }

    StreamThreadFailureHandler(int maxReplacements, Duration window, LongSupplier clock, MeterRegistry registry) {
        this.budget = new ThreadReplacementBudget(maxReplacements, window.toMillis());
        this.window = window;
        this.clock = clock;
        // Registered up front, so a dashboard shows 0 rather than no data before the first failure.
        this.replaced = counter(registry, "replace_thread");
        this.shutDown = counter(registry, "shutdown_client");
    }

    private static Counter counter(MeterRegistry registry, String response) {
        return Counter.builder(METRIC).description("Stream threads that died of an unhandled error, by response")
                .tag("response", response).register(registry);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        boolean jvmError = jvmError(exception);
        if (!jvmError && budget.tryTake(clock.getAsLong())) {
            replaced.increment();
            LOG.errorf(exception, "A stream thread died (%s); replacing it: its tasks resume from their last commit"
                    + " (at most %d replacements per %s)", exception, budget.max(), window);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        shutDown.increment();
        LOG.errorf(exception, "A stream thread died (%s); shutting this instance down (liveness DOWN): %s", exception,
                whyNotReplaced(jvmError));
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** An {@link Error}, also as the cause of the exception Kafka Streams wraps it in. */
    private static boolean jvmError(Throwable exception) {
        Throwable t = exception;
        for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) { // bounded: causes can cycle
            if (t instanceof Error) {
                return true;
            }
        }
        return false;
    }

    private String whyNotReplaced(boolean jvmError) {
        if (jvmError) {
            return "a JVM error is not something a new thread fixes";
        }
        return budget.max() == 0 ? "siamese.recovery.max-thread-replacements is 0"
                : budget.max() + " threads were already replaced within " + window;
    }
}
