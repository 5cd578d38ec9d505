package io.siamese.service.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.model.InferencePrecision;
import io.siamese.encoder.model.SiameseModel;
import io.siamese.service.it.TestCheckpoints;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that fails its warm-up is closed, not leaked (its native memory would stay taken for good). A unit
 * test that loads PyTorch: surefire's JVM runs no Quarkus test, so the native library loads in one class loader.
 */
class ModelServiceWarmUpTest {

    @TempDir
    Path tmp;

    /** A checkpoint whose network has no weights: its first forward pass (the warm-up) throws. */
    private Checkpoint failingWarmUp() {
        Path dir = tmp.resolve("unfit");
        TestCheckpoints.write(dir, 2, 0.5);
        Checkpoint loaded = Checkpoints.load(dir, Device.cpu());
        loaded.close();
        return new Checkpoint(dir, loaded.manifest(), SiameseModel.wrap(loaded.model().spec(), Device.cpu()));
    }

    private static boolean open(Checkpoint c) {
        return c.model().djlModel().getNDManager().isOpen();
    }

    @Test
    void shouldCloseASwappedInModelWhoseWarmUpFailsAndKeepServing() {
        Path good = tmp.resolve("good");
        TestCheckpoints.write(good, 1, 0.5);
        ModelService service = new ModelService(Device.cpu(), Set.of(1), d -> Checkpoints.load(good, d));
        String serving = service.current().version();
        Checkpoint next = failingWarmUp();
        assertThrows(RuntimeException.class, () -> service.swap(next));
        assertFalse(open(next), "the model that failed its warm-up is closed");
        assertEquals(serving, service.current().version());
        service.score(new float[1][256], new float[1][256]);
        service.close();
    }

    @Test
    void shouldCloseTheFirstModelWhenItsWarmUpFails() {
        Checkpoint first = failingWarmUp();
        assertThrows(RuntimeException.class, () -> new ModelService(Device.cpu(), Set.of(1), d -> first));
        assertFalse(open(first), "the model that failed its warm-up is closed");
    }

    @Test
    void shouldWarmUpOneEmbedderPerConcurrentForwardPass() throws Exception {
        Path good = tmp.resolve("pool");
        TestCheckpoints.write(good, 1, 0.5);
        ModelService service = new ModelService(Device.cpu(), Set.of(1, 4), InferencePrecision.FP32, 3,
                d -> Checkpoints.load(good, d));
        var f = ModelService.class.getDeclaredField("current");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        LoadedModel loaded = ((java.util.concurrent.atomic.AtomicReference<LoadedModel>) f.get(service)).get();
        assertEquals(3, loaded.idleEmbedders(), "three passes at once find three prepared embedders");
        service.score(new float[2][256], new float[2][256]);
        assertEquals(3, loaded.idleEmbedders(), "a pass gives its embedder back");
        service.close();
    }
}
