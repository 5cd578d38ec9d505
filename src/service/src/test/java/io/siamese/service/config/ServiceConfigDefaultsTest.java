package io.siamese.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.encoder.model.ForwardPasses;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

class ServiceConfigDefaultsTest {

    @Test
    void shouldRunAsManyForwardPassesAtOnceAsTheBenchmarkAssumes() throws NoSuchMethodException {
        // bench stream measures the raw encoder the way the service runs it: the two must agree.
        WithDefault d = ServiceConfig.Batch.class.getMethod("inferenceThreads").getAnnotation(WithDefault.class);
        assertEquals(Integer.toString(ForwardPasses.DEFAULT_CONCURRENT), d.value());
    }
}
