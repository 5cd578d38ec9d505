package io.siamese.service.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.checkpoint.VersionIds;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapping models between batches: in-flight batches finish on the old model, then it is freed. A unit test:
 * surefire's JVM runs no Quarkus test, so PyTorch's native library loads here in the one class loader it may.
 */
class ModelServiceSwapTest {

    @TempDir
    Path tmp;

    /** A seed-architecture checkpoint: 161 MB of weights, so a leak of one model per swap would show. */
    private Path seedCheckpoint() {
        ModelSpec spec = ModelSpec.defaults(Architecture.SEED);
        Path dir = tmp.resolve("seed");
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 1)) {
            Checkpoints.save(m, new Manifest(Manifest.FORMAT_VERSION, VersionIds.next(Instant.now()), null, "seed",
                    "siamese", 100, 5, new Manifest.PreprocessingSpec(100, 100, false, "L", "0..1"), "euclidean",
                    "contrastive", 2.0, 1.0, new Manifest.TrainingSummary("none", 0, 0, 0, 0, 64, 5e-4, 1), Map.of(),
                    Instant.now().toString(), null, null, "test"), dir);
        }
        return dir;
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void shouldKeepResidentMemoryFlatOverTwentySwaps() throws IOException {
        Path dir = seedCheckpoint();
        ModelService service = new ModelService(Device.cpu(), Set.of(1, 4), d -> Checkpoints.load(dir, d));
        float[][] batch = new float[4][100 * 100];
        long afterWarmup = 0;
        for (int swap = 1; swap <= 20; swap++) {
            service.swap(Checkpoints.load(dir, Device.cpu()));
            service.score(batch, batch);
            if (swap == 3) {
                afterWarmup = residentKb();
            }
        }
        long growthMb = (residentKb() - afterWarmup) / 1024;
        System.out.printf("RSS after 3 swaps %d MB, after 20 swaps %d MB%n", afterWarmup / 1024, residentKb() / 1024);
        // One leaked seed model is 161 MB; seventeen would be 2.7 GB.
        assertTrue(growthMb < 120, "resident memory grew by " + growthMb + " MB over 17 swaps");
        service.close();
    }

    @Test
    void shouldFinishInFlightBatchesOnTheOldModelAndThenFreeIt() throws Exception {
        ModelSpec spec = new ModelSpec(Architecture.COMPACT, io.siamese.encoder.model.Mode.SIAMESE, 16, 8, false);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path p : new Path[] {a, b}) {
            try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), p.hashCode())) {
                Checkpoints.save(m, new Manifest(Manifest.FORMAT_VERSION, VersionIds.next(Instant.now()), null, "compact",
                        "siamese", 16, 8, new Manifest.PreprocessingSpec(16, 16, false, "L", "0..1"), "euclidean",
                        "contrastive", 2.0, 1.0, new Manifest.TrainingSummary("none", 0, 0, 0, 0, 64, 5e-4, 1), Map.of(),
                        Instant.now().toString(), null, null, "test"), p);
            }
        }
        ModelService service = new ModelService(Device.cpu(), Set.of(1), d -> Checkpoints.load(a, d));
        String first = service.current().version();
        LoadedModel old = currentOf(service);
        assertTrue(old.acquire(), "a batch in flight holds the old model");
        Checkpoint next = Checkpoints.load(b, Device.cpu());
        service.swap(next);
        assertEquals(next.version(), service.current().version());
        // The in-flight batch can still run on the old model: it is not closed yet.
        var embedder = old.borrow();
        embedder.embed(new float[][] {new float[256]});
        old.giveBack(embedder);
        assertTrue(!old.closed());
        old.release();
        assertTrue(old.closed(), "the old model is freed when its last batch ends");
        assertTrue(!first.equals(service.current().version()));
        service.close();
    }

    private static LoadedModel currentOf(ModelService service) throws Exception {
        var f = ModelService.class.getDeclaredField("current");
        f.setAccessible(true);
        return ((java.util.concurrent.atomic.AtomicReference<LoadedModel>) f.get(service)).get();
    }
}
