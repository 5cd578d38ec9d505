package io.siamese.encoder.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.Mode;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving over a checkpoint: always one valid checkpoint in the directory, no temporary files left. */
class CheckpointSaveTest {

    private static final ModelSpec SPEC = new ModelSpec(Architecture.COMPACT, Mode.SIAMESE, 16, 8, false);

    @TempDir
    Path tmp;

    private static Manifest save(long seed, Path dir) {
        try (SiameseModel m = SiameseModel.create(SPEC, Device.cpu(), seed)) {
            return Checkpoints.save(m, CheckpointsTest.manifest(SPEC, 1.0), dir);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldHoldAValidCheckpointAtEveryMomentWhileItIsReplaced() throws Exception {
        Path dir = tmp.resolve("best");
        save(1, dir);
        AtomicBoolean saving = new AtomicBoolean(true);
        AtomicReference<RuntimeException> invalid = new AtomicReference<>();
        AtomicInteger checks = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (saving.get() && invalid.get() == null) {
                try {
                    Checkpoints.verify(dir);
                    checks.incrementAndGet();
                } catch (RuntimeException e) {
                    invalid.set(e);
                }
            }
        });
        reader.start();
        Manifest last = null;
        for (int i = 0; i < 40 && invalid.get() == null; i++) {
            last = save(100 + i, dir);
        }
        saving.set(false);
        reader.join();
        assertNull(invalid.get(), () -> "a reader saw no valid checkpoint: " + invalid.get().getMessage());
        assertTrue(checks.get() > 40, "the reader checked " + checks.get() + " times");
        assertEquals(last.version(), Checkpoints.verify(dir).version());
    }

    @Test
    void shouldReplaceAnExistingCheckpointAndKeepOnlyItsFiles() throws IOException {
        Path dir = tmp.resolve("best");
        save(1, dir);
        Manifest second = save(2, dir);
        assertEquals(List.of("best"), names(tmp), "no temporary directory beside the target");
        assertEquals(List.of(Checkpoints.MANIFEST, second.parametersFile()), names(dir));
        try (Checkpoint c = Checkpoints.load(dir, Device.cpu())) {
            assertEquals(second.version(), c.version());
        }
        Manifest third = save(3, dir);
        assertEquals(List.of(Checkpoints.MANIFEST, Checkpoints.PARAMETERS), names(dir));
        assertEquals(third.version(), Checkpoints.verify(dir).version());
    }

    @Test
    void shouldLeaveTheOldCheckpointAndNoTemporaryFilesWhenASaveFails() throws IOException {
        Path dir = tmp.resolve("best");
        Manifest first = save(1, dir);
        SiameseModel closed = SiameseModel.create(SPEC, Device.cpu(), 2);
        closed.close();
        assertThrows(RuntimeException.class, () -> Checkpoints.save(closed, CheckpointsTest.manifest(SPEC, 1.0), dir));
        assertEquals(List.of("best"), names(tmp));
        assertEquals(first.version(), Checkpoints.verify(dir).version());
    }

    @Test
    void shouldRemoveTheTemporaryDirectoryOfASaveThatCrashed() throws IOException {
        Path dir = tmp.resolve("best");
        Files.createDirectories(tmp.resolve(".best.tmp-12345"));
        Files.writeString(tmp.resolve(".best.tmp-12345").resolve(Checkpoints.PARAMETERS), "half");
        save(1, dir);
        assertEquals(List.of("best"), names(tmp));
    }
}
