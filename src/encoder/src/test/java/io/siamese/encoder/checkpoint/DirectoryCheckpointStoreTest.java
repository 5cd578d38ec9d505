package io.siamese.encoder.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryCheckpointStoreTest {

    @TempDir
    Path tmp;

    @Test
    void shouldStoreAndOpenByVersionAndRefuseToOverwrite() {
        ModelSpec spec = ModelSpec.defaults(Architecture.COMPACT);
        Manifest written;
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 1)) {
            written = Checkpoints.save(m, CheckpointsTest.manifest(spec, 0.5), tmp.resolve("out"));
        }
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(tmp.resolve("store"));
        String location = store.put(tmp.resolve("out"));
        assertEquals(tmp.resolve("store").resolve(written.version()).toString(), location);
        assertEquals(List.of(written.version()), store.versions());
        Path opened = store.open(written.version()).orElseThrow();
        try (Checkpoint c = Checkpoints.load(opened, Device.cpu())) {
            assertEquals(written.version(), c.version());
        }
        assertThrows(CheckpointException.class, () -> store.put(tmp.resolve("out")));
        assertTrue(Files.isDirectory(opened));
    }

    @Test
    void shouldNeverOpenAPathOutsideTheRoot() {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(tmp.resolve("store"));
        assertTrue(store.open("../etc").isEmpty());
        assertTrue(store.open("/etc/passwd").isEmpty());
        assertTrue(store.open("missing").isEmpty());
        assertTrue(store.open(null).isEmpty());
    }
}
