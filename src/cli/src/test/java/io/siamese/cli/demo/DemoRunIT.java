package io.siamese.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.cli.tail.StreamSnapshot;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.localstack.StackFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end against a real local stack, with {@link EchoService} standing in for the service. */
class DemoRunIT {

    @TempDir
    Path dir;

    @Test
    void everyPublishedPairComesBackAsAResultOrADeadLetterAndEverythingIsStoppedAfterwards() throws IOException {
        // With a warm-up first: its pairs come back too but count apart, as the cold start.
        Set<Long> childrenBefore = liveChildren();
        StackFiles build = StackFiles.fromSystemProperties();
        StackFiles files = new StackFiles(build.kafkaLib(), build.apicurioHome(), echoServiceJar());
        DemoOptions options = new DemoOptions(20, 0, 0.25, folderDataset().toString(),
                Files.createDirectories(dir.resolve("model")), 8, Duration.ofMillis(5), 3, Duration.ofSeconds(30),
                dir.resolve("work")).withWarmup(7);
        List<String> stages = new ArrayList<>();
        long[] measuringFrom = {0};

        DemoSummary summary = new DemoRun(options, new DemoListener() {
            @Override
            public void stage(String message) {
                stages.add(message);
                if (message.startsWith("warm-up done")) {
                    measuringFrom[0] = System.nanoTime();
                }
            }

            @Override
            public void progress(long published, StreamSnapshot stats) {
            }
        }, files).run();
        double measuredSeconds = (System.nanoTime() - measuringFrom[0]) / 1e9;

        assertEquals(DemoSummary.Outcome.COMPLETE, summary.outcome(), summary.toText());
        assertEquals(20, summary.published());
        assertEquals(summary.valid(), summary.stats().results());
        assertEquals(summary.corrupt(), summary.stats().deadLetters());
        assertEquals(7, summary.coldStart().results(), "the warm-up pairs, none of them broken");
        assertEquals(0, summary.coldStart().deadLetters());
        assertTrue(stages.stream().anyMatch(m -> m.startsWith("warm-up done: 7 pairs")), stages.toString());
        assertTrue(summary.stats().seconds() <= measuredSeconds, "the throughput's clock starts after the warm-up: "
                + summary.stats().seconds() + " s counted, " + measuredSeconds + " s measured");
        assertTrue(summary.corrupt() > 0, "this seed breaks some pairs: " + summary.toText());
        assertEquals(1.0, summary.stats().accuracy());
        assertEquals(List.of("echo-v1"), summary.stats().modelVersions());
        assertTrue(stages.get(stages.size() - 1).startsWith("stopping"), stages.toString());
        assertEquals(childrenBefore, liveChildren(), "service, broker and registry are stopped");
    }

    /** Three class folders of small gray PNGs with distinct brightness. */
    private Path folderDataset() throws IOException {
        Path root = dir.resolve("images");
        for (int c = 0; c < 3; c++) {
            Path folder = Files.createDirectories(root.resolve("class-" + c));
            for (int i = 0; i < 4; i++) {
                float[] gray = new float[16 * 16];
                java.util.Arrays.fill(gray, (c * 4 + i) / 12f);
                Files.write(folder.resolve("img-" + i + ".png"), ImageEncoding.png(gray, 16, 16));
            }
        }
        return root;
    }

    /** A jar whose manifest runs {@link EchoService} on this test's classpath. */
    private Path echoServiceJar() throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String urls = java.util.Arrays.stream(classpath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString()).collect(Collectors.joining(" "));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EchoService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, urls);
        Path jar = dir.resolve("echo-service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    private static Set<Long> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
