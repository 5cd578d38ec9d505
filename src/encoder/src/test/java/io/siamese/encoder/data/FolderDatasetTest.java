package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageDecodeException;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.encoder.image.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {

    @TempDir
    Path root;

    private final Preprocessing p = new Preprocessing(4, 4, false);

    static void writePng(Path file, int gray) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, TestImages.encode(TestImages.gray(8, 8, (x, y) -> gray), "png"));
    }

    /** cat: 2 images, dog: 3 mixed-format images, emu: 1 image, plus clutter that must be ignored. */
    private void buildThreeClassTree() throws IOException {
        writePng(root.resolve("cat/b.png"), 20);
        writePng(root.resolve("cat/a.png"), 10);
        writePng(root.resolve("dog/1.png"), 100);
        Files.write(root.resolve("dog/2.pgm"), TestImages.pgm(8, 8, (x, y) -> 0));
        Files.write(root.resolve("dog/3.BMP"), TestImages.encode(TestImages.grayAsRgb(8, 8, (x, y) -> 200), "bmp"));
        Files.writeString(root.resolve("dog/notes.txt"), "not an image");
        writePng(root.resolve("dog/nested/deep.png"), 1);
        writePng(root.resolve("emu/x.png"), 255);
        writePng(root.resolve(".ipynb_checkpoints/junk.png"), 5);
        writePng(root.resolve("cat/.hidden.png"), 5);
        Files.createDirectories(root.resolve("fox"));
        Files.writeString(root.resolve("README.md"), "top-level files are not classes");
    }

    @Test
    void shouldMapSortedSubfoldersToClassesAndSkipEmptyOnes() throws IOException {
        buildThreeClassTree();
        FolderDataset dataset = FolderDataset.open(root, p);
        assertEquals(3, dataset.numClasses());
        assertEquals(List.of("cat", "dog", "emu"),
                List.of(dataset.className(0), dataset.className(1), dataset.className(2)));
        assertEquals(6, dataset.size());
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 2},
                java.util.stream.IntStream.range(0, 6).map(dataset::label).toArray());
        assertEquals(root.resolve("cat/a.png"), dataset.path(0));
        assertEquals(root.resolve("dog/3.BMP"), dataset.path(4));
        assertEquals("folder " + root + " (6 images, 3 classes)", dataset.description());
    }

    @Test
    void shouldDecodeAndPreprocessEachFormatOnDemand() throws IOException {
        buildThreeClassTree();
        FolderDataset dataset = FolderDataset.open(root, p);
        float[] expected = {10, 20, 100, 0, 200, 255};
        for (int i = 0; i < expected.length; i++) {
            float[] tensor = dataset.tensor(i);
            assertEquals(16, tensor.length);
            for (float v : tensor) {
                assertEquals(expected[i] / 255f, v, 1e-6f, dataset.path(i).toString());
            }
        }
    }

    @Test
    void shouldRejectMissingRoot() {
        var e = assertThrows(DatasetNotFoundException.class, () -> FolderDataset.open(root.resolve("absent"), p));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void shouldRejectRootWithoutClassFolders() throws IOException {
        Files.writeString(root.resolve("a.png"), "x");
        var e = assertThrows(DatasetNotFoundException.class, () -> FolderDataset.open(root, p));
        assertTrue(e.getMessage().contains("has no class sub-folders"), e.getMessage());
    }

    @Test
    void shouldRejectFewerThanTwoClassesWithImages() throws IOException {
        writePng(root.resolve("only/a.png"), 1);
        Files.createDirectories(root.resolve("empty"));
        var e = assertThrows(IllegalArgumentException.class, () -> FolderDataset.open(root, p));
        assertTrue(e.getMessage().contains("has 1 class folder(s) with images [only]"), e.getMessage());
    }

    @Test
    void shouldNameTheFileWhenAnImageIsCorrupt() throws IOException {
        writePng(root.resolve("a/ok.png"), 1);
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("b/broken.png"), "this is not a png");
        FolderDataset dataset = FolderDataset.open(root, p);
        var e = assertThrows(ImageDecodeException.class, () -> dataset.tensor(1));
        assertEquals(ImageDecodeException.Reason.UNSUPPORTED_FORMAT, e.reason());
        assertTrue(e.getMessage().startsWith(root.resolve("b/broken.png").toString()), e.getMessage());
    }

    @Test
    void shouldRefuseOversizedFileBeforeReadingIt() throws IOException {
        writePng(root.resolve("a/ok.png"), 1);
        writePng(root.resolve("b/big.png"), 2);
        FolderDataset dataset = FolderDataset.open(root, p, new ImageDecoder(new ImageLimits(10, 100)));
        var e = assertThrows(ImageDecodeException.class, () -> dataset.tensor(1));
        assertEquals(ImageDecodeException.Reason.TOO_LARGE, e.reason());
    }
}
