package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    private final Preprocessing native28 = new Preprocessing(28, 28, false);

    private void installTinyCopy(boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        IdxFiles.writeImages(dir.resolve("train-images-idx3-ubyte" + suffix), 5, 28, 28, IdxFiles.pixels(5, 784), gzip);
        IdxFiles.writeLabels(dir.resolve("train-labels-idx1-ubyte" + suffix), new int[] {9, 0, 3, 3, 1}, gzip);
        IdxFiles.writeImages(dir.resolve("t10k-images-idx3-ubyte" + suffix), 3, 28, 28, IdxFiles.pixels(3, 784), gzip);
        IdxFiles.writeLabels(dir.resolve("t10k-labels-idx1-ubyte" + suffix), new int[] {8, 7, 6}, gzip);
    }

    @Test
    void shouldExplainHowToInstallWhenMissing() {
        Path missing = dir.resolve("nowhere");
        var e = assertThrows(DatasetNotFoundException.class, () -> FashionMnist.open(missing, Split.TEST, native28));
        assertEquals("Fashion-MNIST not found in " + missing + ": install it with `sudo apt-get install"
                + " dataset-fashion-mnist` (Debian package, MIT licence) or set SIAMESE_FASHION_MNIST_DIR",
                e.getMessage());
        assertFalse(FashionMnist.isInstalled(missing));
    }

    @Test
    void shouldOpenBothSplitsFromGzippedStandardFiles() throws IOException {
        installTinyCopy(true);
        assertTrue(FashionMnist.isInstalled(dir));
        LabelledImages test = FashionMnist.open(dir, Split.TEST, native28);
        assertEquals("fashion-mnist test (3 images, 10 classes)", test.description());
        assertEquals("Bag", test.className(test.label(0)));
        LabelledImages train = FashionMnist.open(dir, Split.TRAIN, native28);
        assertEquals("fashion-mnist train (5 images, 10 classes)", train.description());
        assertEquals("Ankle boot", train.className(train.label(0)));
        assertEquals(784, train.tensor(4).length);
    }

    @Test
    void shouldAcceptAlreadyUnpackedFiles() throws IOException {
        installTinyCopy(false);
        assertEquals(3, FashionMnist.open(dir, Split.TEST, native28).size());
    }

    @Test
    void shouldReportMalformedFileAsIoProblemNotAsMissing() throws IOException {
        installTinyCopy(true);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
        var e = assertThrows(UncheckedIOException.class, () -> FashionMnist.open(dir, Split.TEST, native28));
        assertTrue(e.getMessage().startsWith("could not read Fashion-MNIST from " + dir), e.getMessage());
    }

    @Test
    void shouldListClassNamesInLabelOrder() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.CLASS_NAMES.get(0));
        assertEquals("Sneaker", FashionMnist.CLASS_NAMES.get(7));
    }
}
