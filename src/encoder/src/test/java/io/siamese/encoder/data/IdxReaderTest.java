package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldRoundTripGzippedImagesAndLabels() throws IOException {
        byte[] pixels = IdxFiles.pixels(5, 12);
        Path images = IdxFiles.writeImages(dir.resolve("images.gz"), 5, 3, 4, pixels, true);
        Path labels = IdxFiles.writeLabels(dir.resolve("labels.gz"), new int[] {0, 9, 255, 3, 1}, true);
        IdxReader.Images read = IdxReader.readImages(images);
        assertEquals(5, read.count());
        assertEquals(3, read.rows());
        assertEquals(4, read.columns());
        assertEquals(12, read.imageBytes());
        assertArrayEquals(pixels, read.pixels());
        assertArrayEquals(new int[] {0, 9, 255, 3, 1}, IdxReader.readLabels(labels));
    }

    @Test
    void shouldDetectPlainFilesByContentNotName() throws IOException {
        byte[] pixels = IdxFiles.pixels(2, 4);
        Path images = IdxFiles.writeImages(dir.resolve("misleading.gz"), 2, 2, 2, pixels, false);
        assertArrayEquals(pixels, IdxReader.readImages(images).pixels());
    }

    @Test
    void shouldRejectLabelFileReadAsImagesWithBadMagicMessage() throws IOException {
        Path labels = IdxFiles.writeLabels(dir.resolve("labels"), new int[] {1, 2}, true);
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().contains("bad IDX magic number 0x00000801, expected 0x00000803"), e.getMessage());
        assertTrue(e.getMessage().startsWith(labels.toString()), "names the file");
    }

    @Test
    void shouldRejectImagesFileReadAsLabels() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("images"), 1, 1, 1, new byte[1], false);
        IOException e = assertThrows(IOException.class, () -> IdxReader.readLabels(images));
        assertTrue(e.getMessage().contains("expected 0x00000801"), e.getMessage());
    }

    @Test
    void shouldRejectTruncatedPixelData() throws IOException {
        byte[] full = IdxFiles.pixels(4, 9);
        Path images = IdxFiles.writeImages(dir.resolve("short.gz"), 4, 3, 3, Arrays.copyOf(full, 30), true);
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(images));
        assertTrue(e.getMessage().contains("truncated IDX data: the header promises 4 images of 3x3 (36 bytes)"
                + " but only 30 bytes follow"), e.getMessage());
    }

    @Test
    void shouldRejectTruncatedHeader() throws IOException {
        Path stub = Files.write(dir.resolve("stub"), new byte[] {0, 0, 8, 3, 0, 0});
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(stub));
        assertTrue(e.getMessage().contains("truncated or damaged IDX header"), e.getMessage());
    }
}
