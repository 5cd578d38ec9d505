package io.siamese.encoder.checkpoint;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads a checkpoint's parameter file once, hashing the bytes as they are consumed, so whatever is
 * parsed is exactly what was hashed. When the file the manifest names vanishes before it is opened
 * (a save replaced the checkpoint meanwhile), or its bytes turn out to be a later version's, the new manifest
 * is read and its file opened instead.
 */
final class ParameterReader {

    /** Opens a file for reading (a seam for tests that swap the file between two opens). */
    @FunctionalInterface
    interface Opener {
        InputStream open(Path file) throws IOException;
    }

    /** What to do with the manifest and the hashed parameter stream. */
    @FunctionalInterface
    interface Use<T> {
        T apply(Manifest manifest, HashedInput parameters);
    }

    private static final int ATTEMPTS = 5;

    private ParameterReader() {}

    static <T> T read(Path dir, Opener opener, Use<T> use) {
        for (int attempt = 1; ; attempt++) {
            Manifest m = Checkpoints.readManifest(dir);
            Path params = dir.resolve(m.parametersFile());
            InputStream raw;
            try {
                raw = opener.open(params);
            } catch (NoSuchFileException e) {
                if (attempt < ATTEMPTS && !m.parametersFile().equals(Checkpoints.readManifest(dir).parametersFile())) {
                    continue;
                }
                throw CheckpointException.incomplete("checkpoint " + dir + " is incomplete: " + m.parametersFile() + " is missing", e);
            } catch (IOException e) {
                throw CheckpointException.incomplete("checkpoint " + dir + ": cannot read " + params + ": " + e.getMessage(), e);
            }
            try (HashedInput in = new HashedInput(dir, m, raw)) {
                return use.apply(m, in);
            } catch (CheckpointException e) {
                // Between reading the manifest and opening its file, two saves may have replaced the file under
                // the same name: the bytes are then another version's. A manifest that changed meanwhile says so.
                if (attempt < ATTEMPTS && replacedSince(dir, m)) {
                    continue;
                }
                throw e;
            }
        }
    }

    private static boolean replacedSince(Path dir, Manifest read) {
        try {
            return !Checkpoints.readManifest(dir).parametersSha256().equals(read.parametersSha256());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** The parameter bytes, hashed as they are read; {@link #checkHash} reads the rest and compares. */
    static final class HashedInput implements AutoCloseable {

        private final Path dir;
        private final Manifest manifest;
        private final MessageDigest digest = CheckpointWriter.sha256();
        private final DigestInputStream hashed;
        private final InputStream buffered;

        HashedInput(Path dir, Manifest manifest, InputStream raw) {
            this.dir = dir;
            this.manifest = manifest;
            this.hashed = new DigestInputStream(raw, digest);
            this.buffered = new BufferedInputStream(hashed);
        }

        /** The parameters, for parsing. */
        InputStream stream() {
            return buffered;
        }

        /**
         * Hashes what was not read yet and compares with the manifest. Bytes already taken into the buffer
         * were hashed when they were, so every byte counts exactly once.
         *
         * @throws CheckpointException when the file cannot be read or its sha256 differs
         */
        void checkHash() {
            try {
                hashed.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw CheckpointException.incomplete("checkpoint " + dir + ": cannot read " + manifest.parametersFile()
                        + ": " + e.getMessage(), e);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(manifest.parametersSha256())) {
                throw CheckpointException.incomplete("checkpoint " + dir + " is corrupt: " + manifest.parametersFile()
                        + " has sha256 " + actual + " but the manifest says " + manifest.parametersSha256(), null);
            }
        }

        @Override
        public void close() {
            try {
                hashed.close();
            } catch (IOException e) {
                // Read-only stream: nothing was lost.
            }
        }
    }
}
