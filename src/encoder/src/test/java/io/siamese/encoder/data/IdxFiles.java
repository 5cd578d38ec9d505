package io.siamese.encoder.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    static Path writeImages(Path file, int count, int rows, int columns, byte[] pixels, boolean gzip)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        out.write(pixels);
        return write(file, bytes.toByteArray(), gzip);
    }

    static Path writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        return write(file, bytes.toByteArray(), gzip);
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    /** Deterministic pixel values: image i, pixel p. */
    static byte[] pixels(int count, int imageBytes) {
        byte[] pixels = new byte[count * imageBytes];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37 + i / imageBytes * 11);
        }
        return pixels;
    }
}
