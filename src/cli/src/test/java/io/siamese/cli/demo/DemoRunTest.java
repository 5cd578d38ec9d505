package io.siamese.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.siamese.cli.tail.StreamSnapshot;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.localstack.StackFiles;
import io.siamese.schemas.Endpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service configuration a demo runs: the demo's JVM options, and batching only where the options name it. */
class DemoRunTest {

    @TempDir
    Path dir;

    @Test
    void shouldRunTheDemosServiceWithTheJvmsOwnCompileThresholds() throws IOException {
        DemoOptions options = new DemoOptions(20, 0, 0.25, dir.resolve("images").toString(), dir.resolve("model"), 8,
                Duration.ofMillis(5), 3, Duration.ofSeconds(30), dir.resolve("work"));
        DemoRun run = new DemoRun(options, new DemoListener() {
            @Override
            public void stage(String message) {
            }

            @Override
            public void progress(long published, StreamSnapshot stats) {
            }
        }, StackFiles.fromSystemProperties());
        ServiceProcessConfig config = run.serviceConfig(new Endpoints("127.0.0.1:1", "http://127.0.0.1:2"), dir.resolve("model"),
                dir.resolve("service.jar"), Map.of());

        // Configured options follow the default ones, so they win (ServiceProcessTest).
        assertEquals(ServiceProcess.SHORT_RUN_JAVA_OPTIONS, config.javaOptions());
        assertEquals("8", config.extraProperties().get(ServiceProcessConfig.BATCH_MAX_SIZE));
        assertEquals("5ms", config.extraProperties().get(ServiceProcessConfig.BATCH_MAX_LINGER));
    }

    @Test
    void shouldLeaveBatchingToTheServicesDefaultsUnlessTheOptionsNameThem() throws IOException {
        DemoOptions options = new DemoOptions(20, 0, 0.25, dir.resolve("images").toString(), dir.resolve("model"), null,
                null, 3, Duration.ofSeconds(30), dir.resolve("work"));
        DemoRun run = new DemoRun(options, new DemoListener() {
            @Override
            public void stage(String message) {
            }

            @Override
            public void progress(long published, StreamSnapshot stats) {
            }
        }, StackFiles.fromSystemProperties());
        ServiceProcessConfig config = run.serviceConfig(new Endpoints("127.0.0.1:1", "http://127.0.0.1:2"),
                dir.resolve("model"), dir.resolve("service.jar"), Map.of());

        assertFalse(config.extraProperties().containsKey(ServiceProcessConfig.BATCH_MAX_SIZE));
        assertFalse(config.extraProperties().containsKey(ServiceProcessConfig.BATCH_MAX_LINGER));
    }
}
