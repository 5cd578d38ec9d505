package io.siamese.trainer.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaBrokerProcessTest {

    @Test
    void shouldUseTheDefaultHeapAndCollectorUnlessTheEnvironmentReplacesThem() {
        assertEquals(KafkaBrokerProcess.DEFAULT_JAVA_OPTIONS, KafkaBrokerProcess.javaOptions(null));
        assertEquals(KafkaBrokerProcess.DEFAULT_JAVA_OPTIONS, KafkaBrokerProcess.javaOptions(" "));
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), KafkaBrokerProcess.javaOptions("-Xmx1g  -XX:+UseG1GC"));
    }
}
