package io.siamese.encoder.checkpoint;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Checkpoint version ids: {@code m-YYYYMMDD-HHMMSS-xxxxxx}. They sort by creation time, which makes
 * "the newest checkpoint" easy to find, and the random suffix keeps two trainers apart.
 */
public final class VersionIds {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private VersionIds() {}

    /** A new id for a checkpoint created at {@code now}. */
    public static String next(Instant now) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return "m-" + FORMAT.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }
}
