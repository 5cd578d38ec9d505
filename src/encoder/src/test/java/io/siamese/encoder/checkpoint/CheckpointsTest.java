package io.siamese.encoder.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.Embedder;
import io.siamese.encoder.model.Mode;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path tmp;

    static Manifest manifest(ModelSpec spec, double threshold) {
        return new Manifest(Manifest.FORMAT_VERSION, VersionIds.next(Instant.now()), null,
                spec.architecture().id(), spec.mode().id(), spec.inputSize(), spec.embeddingDim(),
                new Manifest.PreprocessingSpec(spec.inputSize(), spec.inputSize(), spec.invert(), "L", "0..1"),
                "euclidean", "contrastive", 2.0, threshold,
                new Manifest.TrainingSummary("test", 10, 2, 100, 1, 64, 5e-4, 1),
                Map.of("validation_accuracy", 0.9), Instant.now().toString(), null, null, "test");
    }

    private static float[][] images(int size) {
        Random r = new Random(3);
        float[][] out = new float[3][size * size];
        for (float[] img : out) {
            for (int i = 0; i < img.length; i++) {
                img[i] = r.nextFloat();
            }
        }
        return out;
    }

    @Test
    void shouldRoundTripWeightsAndManifest() {
        ModelSpec spec = new ModelSpec(Architecture.COMPACT, Mode.PSEUDO, 32, 8, true);
        Path dir = tmp.resolve("ckpt");
        float[][][] before;
        Manifest written;
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 5); Embedder e = m.newEmbedder()) {
            before = e.embedPairs(images(32), images(32));
            written = Checkpoints.save(m, manifest(spec, 0.75), dir);
        }
        assertEquals(64, written.parametersSha256().length());
        try (Checkpoint c = Checkpoints.load(dir, Device.cpu()); Embedder e = c.model().newEmbedder()) {
            float[][][] after = e.embedPairs(images(32), images(32));
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(before[s][i], after[s][i], 0f);
                }
            }
            assertEquals(0.75, c.threshold());
            assertEquals(written.version(), c.version());
            assertEquals(spec, c.model().spec());
            assertTrue(c.model().preprocessing().invert());
        }
    }

    @Test
    void shouldRejectATamperedParameterFile() throws IOException {
        Path dir = saveCompact();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(Checkpoints.PARAMETERS).toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xFF);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void shouldRejectAManifestThatDoesNotMatchTheParameters() throws IOException {
        Path dir = saveCompact();
        Path manifest = dir.resolve(Checkpoints.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"embeddingDim\" : 16", "\"embeddingDim\" : 12"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("parameters do not fit"), e.getMessage());
    }

    @Test
    void shouldRejectMissingAndInvalidManifests() throws IOException {
        CheckpointException none = assertThrows(CheckpointException.class, () -> Checkpoints.load(tmp, Device.cpu()));
        assertTrue(none.getMessage().contains("has no manifest.json"), none.getMessage());
        Path dir = saveCompact();
        Path manifest = dir.resolve(Checkpoints.MANIFEST);
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replace("\"architecture\" : \"compact\"", "\"architecture\" : \"resnet\""));
        CheckpointException arch = assertThrows(CheckpointException.class, () -> Checkpoints.load(dir, Device.cpu()));
        assertTrue(arch.getMessage().contains("unknown architecture 'resnet'"), arch.getMessage());
        Files.writeString(manifest, original.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
        CheckpointException format = assertThrows(CheckpointException.class, () -> Checkpoints.load(dir, Device.cpu()));
        assertTrue(format.getMessage().contains("format 7 is not supported"), format.getMessage());
        Files.delete(dir.resolve(Checkpoints.PARAMETERS));
        Files.writeString(manifest, original);
        CheckpointException missing = assertThrows(CheckpointException.class, () -> Checkpoints.load(dir, Device.cpu()));
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
    }

    @Test
    void shouldLoadTheBytesItHashedEvenWhenTheFileIsReplacedBetweenTwoOpens() throws IOException {
        ModelSpec spec = new ModelSpec(Architecture.COMPACT, Mode.SIAMESE, 32, 8, false);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        float[][][] expected;
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 1); Embedder e = m.newEmbedder()) {
            expected = e.embedPairs(images(32), images(32));
            Checkpoints.save(m, manifest(spec, 1.0), a);
        }
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 2)) {
            Checkpoints.save(m, manifest(spec, 1.0), b);
        }
        byte[] other = Files.readAllBytes(b.resolve(Checkpoints.PARAMETERS));
        AtomicInteger opens = new AtomicInteger();
        // Any open after the first sees another model's parameters, as if the file had been replaced.
        ParameterReader.Opener replacedAfterFirstOpen = file ->
                opens.getAndIncrement() == 0 ? Files.newInputStream(file) : new ByteArrayInputStream(other);
        try (Checkpoint c = Checkpoints.load(a, Device.cpu(), replacedAfterFirstOpen);
                Embedder e = c.model().newEmbedder()) {
            assertArrayEquals(expected[0][0], e.embedPairs(images(32), images(32))[0][0], 0f);
        }
        assertEquals(1, opens.get(), "the parameter file is opened once");
    }

    private Path saveCompact() {
        ModelSpec spec = ModelSpec.defaults(Architecture.COMPACT);
        Path dir = tmp.resolve("c");
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 5)) {
            Checkpoints.save(m, manifest(spec, 1.0), dir);
        }
        return dir;
    }
}
