package io.siamese.service.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.service.it.TestCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version announced before its files are complete in the store is tried again with backoff and served once
 * they are; one that can never load stays rejected. Loads PyTorch (a unit test: see ModelServiceSwapTest).
 */
class ModelLifecycleFileWaitTest {

    /** A clock the test moves by hand, so backoff needs no sleeping. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private DirectoryCheckpointStore store;
    private ModelService models;
    private ModelLifecycle lifecycle;
    private String first;

    @BeforeEach
    void serveAFirstModel() {
        Path dir = tmp.resolve("first");
        first = TestCheckpoints.write(dir, 1, 0.5).version();
        models = new ModelService(Device.cpu(), Set.of(1), d -> Checkpoints.load(dir, d));
        store = new DirectoryCheckpointStore(tmp.resolve("store"));
        lifecycle = new ModelLifecycle(models, store, Device.cpu(), new ModelLifecycle.Listener() {
            @Override
            public void rejected(String version, String reason) {
                rejected.add(version);
            }
        }, new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), clock);
    }

    @AfterEach
    void close() {
        models.close();
    }

    private void announce(Manifest m) {
        lifecycle.announced(ModelCheckpoint.newBuilder().setVersion(m.version()).setLocation("").setSha256(m.parametersSha256())
                .setArchitecture(m.architecture()).setThreshold(m.threshold()).setMetrics(Map.of())
                .setCreatedAt(Instant.now()).build());
    }

    @Test
    void shouldServeAVersionAnnouncedBeforeItsFilesWereCompleteInTheStore() throws IOException {
        Path staged = tmp.resolve("staged");
        Manifest next = TestCheckpoints.write(staged, 2, 0.5);
        announce(next);
        lifecycle.apply();
        assertEquals(first, models.current().version(), "no files yet: the first model serves");
        assertTrue(lifecycle.waitingForFiles(next.version()).orElseThrow().contains("not in the checkpoint store"));
        assertTrue(lifecycle.rejection(next.version()).isEmpty(), "missing files are no reason to reject for good");

        // The copy is half done: the parameters are truncated.
        Path stored = Path.of(store.put(staged));
        Path params = stored.resolve(next.parametersFile());
        byte[] complete = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(complete, complete.length / 2));
        clock.advance(Duration.ofSeconds(1));
        lifecycle.apply();
        assertEquals(first, models.current().version());
        assertTrue(lifecycle.waitingForFiles(next.version()).orElseThrow().contains("is corrupt"));

        Files.write(params, complete);
        lifecycle.apply();
        assertEquals(first, models.current().version(), "not tried again before its delay (2 s after 2 failures)");
        clock.advance(Duration.ofSeconds(2));
        lifecycle.apply();
        assertEquals(next.version(), models.current().version(), "served once its files are complete");
        assertTrue(lifecycle.waitingForFiles(next.version()).isEmpty());
        assertEquals(List.of(), rejected);
    }

    @Test
    void shouldKeepRejectingAVersionThatCanNeverLoad() {
        Path staged = tmp.resolve("wide");
        Manifest incompatible = TestCheckpoints.write(staged, 3, 0.5, 20);
        store.put(staged);
        announce(incompatible);
        lifecycle.apply();
        clock.advance(Duration.ofHours(1));
        lifecycle.apply();
        assertEquals(first, models.current().version());
        assertTrue(lifecycle.rejection(incompatible.version()).orElseThrow().contains("incompatible preprocessing"));
        assertTrue(lifecycle.waitingForFiles(incompatible.version()).isEmpty());
        assertEquals(List.of(incompatible.version()), rejected, "rejected once, never tried again");
    }
}
