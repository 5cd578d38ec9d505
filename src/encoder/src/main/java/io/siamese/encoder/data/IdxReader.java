package io.siamese.encoder.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST container) of unsigned bytes: 3-dimensional image
 * files (magic {@code 0x00000803}) and 1-dimensional label files ({@code 0x00000801}), gzipped or
 * plain; gzip is recognised by its {@code 1f 8b} magic, not by the file name.
 */
public final class IdxReader {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    // Java arrays cannot be much longer than this.
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The images of an IDX image file, stored as one array, image after image, row-major.
     *
     * @param count the number of images
     * @param rows the image height
     * @param columns the image width
     * @param pixels {@code count * rows * columns} unsigned bytes; not copied, do not modify
     */
    public record Images(int count, int rows, int columns, byte[] pixels) {

        /**
         * Bytes per image.
         *
         * @return {@code rows * columns}
         */
        public int imageBytes() {
            return rows * columns;
        }
    }

    private IdxReader() {
    }

    /**
     * Reads an unsigned-byte image file.
     *
     * @param file the file, gzipped or plain
     * @return the images
     * @throws IOException if the file cannot be read, has the wrong magic number or is truncated
     */
    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            checkMagic(file, in.readInt(), IMAGES_MAGIC, "unsigned-byte images, 3 dimensions");
            int count = checkedDimension(file, "image count", in.readInt());
            int rows = checkedDimension(file, "rows", in.readInt());
            int columns = checkedDimension(file, "columns", in.readInt());
            long total = (long) count * rows * columns;
            if (total > MAX_ARRAY) {
                throw new IOException(file + ": " + count + " images of " + rows + "x" + columns
                        + " is too large to load (" + total + " bytes)");
            }
            byte[] pixels = readExactly(file, in, (int) total,
                    count + " images of " + rows + "x" + columns);
            return new Images(count, rows, columns, pixels);
        } catch (EOFException | ZipException e) {
            throw new IOException(file + ": truncated or damaged IDX header (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads an unsigned-byte label file.
     *
     * @param file the file, gzipped or plain
     * @return one label (0..255) per item
     * @throws IOException if the file cannot be read, has the wrong magic number or is truncated
     */
    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            checkMagic(file, in.readInt(), LABELS_MAGIC, "unsigned-byte labels, 1 dimension");
            int count = checkedDimension(file, "label count", in.readInt());
            byte[] bytes = readExactly(file, in, count, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        } catch (EOFException | ZipException e) {
            throw new IOException(file + ": truncated or damaged IDX header (" + e.getMessage() + ")", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        InputStream in = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        return new DataInputStream(in);
    }

    private static void checkMagic(Path file, int magic, int expected, String meaning) throws IOException {
        if (magic != expected) {
            throw new IOException(String.format("%s: bad IDX magic number 0x%08x, expected 0x%08x (%s)",
                    file, magic, expected, meaning));
        }
    }

    private static int checkedDimension(Path file, String name, int value) throws IOException {
        if (value < 0) {
            throw new IOException(file + ": IDX " + name + " is negative (" + value + ")");
        }
        return value;
    }

    private static byte[] readExactly(Path file, InputStream in, int length, String what) throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        if (read < length) {
            throw new IOException(file + ": truncated IDX data: the header promises " + what + " ("
                    + length + " bytes) but only " + read + " bytes follow");
        }
        return bytes;
    }
}
