package io.siamese.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * Reads a growing log file incrementally, to wait for a readiness line without re-reading megabytes of
 * broker output on every poll.
 */
final class LogFollower {

    private final Path file;
    private long position;
    private String partialLine = "";

    LogFollower(Path file) {
        this(file, 0);
    }

    /** Follows {@code file} from byte {@code position} on: what was logged before is not searched. */
    LogFollower(Path file, long position) {
        this.file = file;
        this.position = position;
    }

    /** @return the size of {@code file} in bytes, 0 when it does not exist (yet) */
    static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** @return whether a complete line read so far (including the new ones) contains {@code marker} */
    boolean contains(String marker) {
        if (!Files.exists(file)) {
            return false;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= position) {
                return false;
            }
            byte[] chunk = new byte[(int) Math.min(length - position, 1 << 20)];
            in.seek(position);
            in.readFully(chunk);
            position += chunk.length;
            String text = partialLine + new String(chunk, StandardCharsets.UTF_8);
            int lastBreak = text.lastIndexOf('\n');
            // A line still being written is kept for the next call, so a marker is never split in two.
            partialLine = text.substring(lastBreak + 1);
            return lastBreak >= 0 && text.substring(0, lastBreak).contains(marker);
        } catch (IOException e) {
            return false; // a log being rotated or created: try again on the next poll
        }
    }

    /** @return the last {@code lines} lines of {@code file}, or a note when it cannot be read */
    static String tail(Path file, int lines) {
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last);
    }
}
