package io.siamese.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaBrokerProcessTest {

    @Test
    void shouldUseTheDefaultHeapAndCollectorUnlessTheEnvironmentReplacesThem() {
        List<String> defaults = KafkaBrokerProcess.DEFAULT_JAVA_OPTIONS;
        assertEquals(defaults, KafkaBrokerProcess.javaOptions(null, defaults));
        assertEquals(defaults, KafkaBrokerProcess.javaOptions(" ", defaults));
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), KafkaBrokerProcess.javaOptions("-Xmx1g  -XX:+UseG1GC", defaults));
    }

    @Test
    void shouldCompileEarlyOnlyInTheBenchmarksBroker() {
        assertFalse(KafkaBrokerProcess.DEFAULT_JAVA_OPTIONS.contains("-XX:CompileThresholdScaling=0.1"),
                "a fresh demo broker pays for compiling early");
        assertTrue(KafkaBrokerProcess.STEADY_STATE_JAVA_OPTIONS.containsAll(KafkaBrokerProcess.DEFAULT_JAVA_OPTIONS));
        assertTrue(KafkaBrokerProcess.STEADY_STATE_JAVA_OPTIONS.contains("-XX:CompileThresholdScaling=0.1"));
    }
}
