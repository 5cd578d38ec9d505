package io.siamese.trainer.continuous;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * One pair per file: magic, id, label, source, both images with their media types, then a CRC32 of all that.
 * Written to a temporary name, forced to disk, renamed atomically and the directory forced too, so once
 * {@link #write} returns the pair survives a crash or power loss and a reader never sees half a file.
 */
final class PairFiles {

    /** "SPR1": siamese pair record, format 1. */
    private static final int MAGIC = 0x53505231;
    /** Suffix of complete pair files. */
    static final String SUFFIX = ".pair";
    /** Suffix of files being written; left over only by a crash, and deleted when the store opens. */
    static final String TEMP_SUFFIX = ".tmp";

    private PairFiles() {}

    /** The file name of the pair with sequence number {@code seq}: zero-padded so names sort by age. */
    static String name(long seq) {
        return String.format("%016d%s", seq, SUFFIX);
    }

    /** The sequence number in a pair file's name. */
    static long seqOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    /** Writes {@code pair} durably as {@code dir/name(seq)}. */
    static void write(Path dir, long seq, StoredPair pair) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(pair.left().length + pair.right().length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(pair.pairId());
            out.writeInt(pair.label());
            out.writeUTF(pair.source());
            writeImage(out, pair.leftType(), pair.left());
            writeImage(out, pair.rightType(), pair.right());
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        Path temp = dir.resolve(name(seq) + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(bytes.toByteArray()));
            channel.write(ByteBuffer.allocate(Long.BYTES).putLong(0, crc.getValue()));
            channel.force(true);
        }
        Files.move(temp, dir.resolve(name(seq)), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(dir);
    }

    /**
     * Reads a pair file.
     *
     * @throws IOException when it cannot be read, is not a pair file, or its checksum does not match
     */
    static StoredPair read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < Integer.BYTES + Long.BYTES) {
            throw new IOException(file + " is too short to be a pair file");
        }
        int body = all.length - Long.BYTES;
        CRC32 crc = new CRC32();
        crc.update(all, 0, body);
        if (crc.getValue() != ByteBuffer.wrap(all, body, Long.BYTES).getLong()) {
            throw new IOException(file + " is corrupt: checksum mismatch");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, body))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a pair file");
            }
            String id = in.readUTF();
            int label = in.readInt();
            String source = in.readUTF();
            String leftType = in.readUTF();
            byte[] left = readBytes(in);
            String rightType = in.readUTF();
            byte[] right = readBytes(in);
            return new StoredPair(id, label, source, left, leftType, right, rightType);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " holds an invalid pair: " + e.getMessage(), e);
        }
    }

    private static void writeImage(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeUTF(type);
        out.writeInt(data.length);
        out.write(data);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad image length " + length);
        }
        return in.readNBytes(length);
    }

    /** Makes the rename itself durable (Linux: fsync on the directory). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or sync a directory; the file itself is on disk already.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }
}
