package io.siamese.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessIT {

    @TempDir
    Path dir;

    private ServiceProcessConfig config;

    @BeforeEach
    void fakeServiceJar() throws IOException {
        Path jar = dir.resolve("fake-service.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream classFile = FakeService.class.getResourceAsStream("FakeService.class")) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
        }
        config = ServiceProcessConfig.of("127.0.0.1:9", "http://127.0.0.1:8/apis/ccompat/v7", dir.resolve("model"), dir)
                .withJar(jar).withBatching(16, Duration.ofMillis(7))
                .withJvm(List.of("-Xmx64m"), Duration.ofSeconds(30));
    }

    @Test
    void startsTheServiceWithThePipelinePropertiesAndReturnsOnceItIsReady() throws Exception {
        Path seen = dir.resolve("seen.properties");
        ServiceProcessConfig slowStart = config.withProperties(Map.of("fake.props-out", seen.toString(),
                "fake.ready-after-ms", "700", "siamese.extra", "yes"));

        try (ServiceProcess service = ServiceProcess.start(slowStart)) {
            assertEquals(200, get(service.baseUrl() + "/q/health/ready"), "ready when start returns");
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(seen)) {
                props.load(in);
            }
            assertEquals("127.0.0.1", props.getProperty("quarkus.http.host"));
            assertEquals(Integer.toString(service.port()), props.getProperty("quarkus.http.port"));
            assertEquals("127.0.0.1:9", props.getProperty("quarkus.kafka-streams.bootstrap-servers"));
            assertEquals("http://127.0.0.1:8/apis/ccompat/v7", props.getProperty("siamese.registry.url"));
            assertEquals(dir.resolve("model").toAbsolutePath().toString(), props.getProperty("siamese.model.path"));
            assertEquals(dir.resolve("streams-state").toString(), props.getProperty("kafka-streams.state.dir"));
            assertEquals("16", props.getProperty("siamese.batch.max-size"));
            assertEquals("7ms", props.getProperty("siamese.batch.max-linger"));
            assertEquals("yes", props.getProperty("siamese.extra"));
            assertEquals("true", props.getProperty("ai.djl.offline"));
            assertFalse(props.getProperty("env.DJL_CACHE_DIR").equals("null"), "DJL cache dir is set");
            assertTrue(Files.isDirectory(dir.resolve("streams-state")));
            assertTrue(Files.readString(service.log()).contains("fake service listening"));
        }
    }

    @Test
    void closeStopsTheServiceAndKillStopsItAtOnce() {
        ServiceProcess graceful = ServiceProcess.start(config);
        ServiceProcess crashing = ServiceProcess.start(config);
        ProcessHandle first = graceful.handle();
        ProcessHandle second = crashing.handle();

        graceful.close();
        crashing.kill();

        assertFalse(first.isAlive());
        assertFalse(second.isAlive());
        assertFalse(crashing.isAlive());
    }

    @Test
    void aServiceThatExitsBeforeItIsReadyFailsWithTheTailOfItsLog() {
        ServiceProcessConfig failing = config.withProperties(Map.of("fake.exit-code", "3"));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ServiceProcess.start(failing));

        assertTrue(error.getMessage().contains("exited with code 3"), error.getMessage());
        assertTrue(error.getMessage().contains("boom: fake service failing on purpose"), error.getMessage());
    }

    @Test
    void aServiceThatIsNotReadyInTimeIsStoppedAndReported() {
        ServiceProcessConfig neverReady = config.withProperties(Map.of("fake.ready-after-ms", "600000"))
                .withJvm(List.of("-Xmx64m"), Duration.ofSeconds(3));
        List<ProcessHandle> before = ProcessHandle.current().children().toList();

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ServiceProcess.start(neverReady));

        assertTrue(error.getMessage().contains("not ready within 3 s"), error.getMessage());
        assertTrue(error.getMessage().contains("fake service listening"), "log tail: " + error.getMessage());
        assertEquals(before.stream().filter(ProcessHandle::isAlive).count(),
                ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(), "no child left running");
    }

    @Test
    void aMissingJarIsReportedBeforeAnythingStarts() {
        ServiceProcessConfig missing = config.withJar(dir.resolve("nowhere.jar"));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ServiceProcess.start(missing));

        assertTrue(error.getMessage().contains("not built"), error.getMessage());
    }

    @Test
    void extraJvmOptionsFromTheEnvironmentAreSplitOnWhitespace() {
        assertEquals(List.of(), ServiceProcess.environmentJavaOptions(null));
        assertEquals(List.of(), ServiceProcess.environmentJavaOptions("  "));
        assertEquals(List.of("-Xmx2g", "-XX:StartFlightRecording=filename=s.jfr"),
                ServiceProcess.environmentJavaOptions(" -Xmx2g   -XX:StartFlightRecording=filename=s.jfr "));
    }

    @Test
    void theServiceGetsTheDefaultJvmOptionsBeforeTheConfiguredOnesWhichMayOverrideThem() {
        List<String> command = ServiceProcess.command(config, 8080);

        int jit = command.indexOf("-XX:CompileThresholdScaling=0.1");
        assertTrue(jit > 0, "the JIT option is passed: " + command);
        assertTrue(jit < command.indexOf("-Xmx64m"), "configured options come later, so they win: " + command);
        assertTrue(command.indexOf("-Xmx64m") < command.indexOf("-jar"));
    }

    private static int get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
