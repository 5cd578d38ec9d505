package io.siamese.schemas.serde;

/**
 * A read position in one Avro binary payload that never reads or skips past its end: the primitive steps of
 * {@link AvroLengthGuard}'s walk. Every step that the bytes cannot honour throws a {@link Rejection} naming
 * the byte position, so the guard can report where a hostile or cut-off payload went wrong.
 *
 * <p>One per payload and thread; it allocates nothing while the payload is well-formed.
 */
final class AvroCursor {

    private final byte[] data;
    private final int end;
    private int pos;
    /** Where the last varint started: the position that messages about its value name. */
    private int at;

    AvroCursor(byte[] data, int offset, int end) {
        this.data = data;
        this.pos = offset;
        this.end = end;
    }

    /** @return the position of the next byte to read */
    int pos() {
        return pos;
    }

    /** @return the bytes after the position */
    int left() {
        return end - pos;
    }

    /** @return where the last varint started */
    int lastVarint() {
        return at;
    }

    /**
     * @param maxBytes 5 for an int, 10 for a long: Avro's decoder rejects longer encodings too
     * @return the zig-zag varint at the position
     */
    long varint(int maxBytes, String what) {
        at = pos;
        long raw = 0;
        for (int shift = 0; shift < 7 * maxBytes; shift += 7) {
            if (pos >= end) {
                throw new Rejection(what + " at byte " + at + " is cut off by the end of the record");
            }
            byte b = data[pos++];
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new Rejection(what + " varint at byte " + at + " is longer than " + maxBytes + " bytes");
    }

    /**
     * Checks that {@code n} bytes, as declared by the prefix at byte {@code from}, are there.
     *
     * @return the position after them
     */
    int after(long n, String what, int from) {
        if (n < 0) {
            throw new Rejection(what + " " + n + " at byte " + from + " is negative");
        }
        if (n > end - pos) {
            throw new Rejection(what + " " + n + " at byte " + from + " exceeds the " + (end - pos) + " bytes left");
        }
        return pos + (int) n;
    }

    /** Steps over {@code n} bytes, as declared by the prefix at byte {@code from}. */
    void take(long n, String what, int from) {
        pos = after(n, what, from);
    }

    /** Steps over a string or bytes value: its length varint and that many bytes. */
    void lengthPrefixed(String what) {
        take(varint(10, what), what, at);
    }

    /** @return the union branch or enum symbol index at the position, checked against {@code size} choices */
    int index(int size, String what) {
        long index = varint(5, what);
        if (index < 0 || index >= size) {
            throw new Rejection(what + " " + index + " at byte " + at + " is out of range: " + size + " known");
        }
        return (int) index;
    }

    /** A rejection on its way up, collecting the field path; no stack trace, as only its message is used. */
    static final class Rejection extends RuntimeException {
        private String path = "";

        Rejection(String message) {
            super(message, null, false, false);
        }

        /** @return this, with {@code step} (".field" or "[item]") put in front of the path so far */
        Rejection in(String step) {
            path = step + path;
            return this;
        }

        /** @return the message, after the field path when there is one */
        String describe() {
            return path.isEmpty() ? getMessage() : "field " + path.substring(path.startsWith(".") ? 1 : 0) + ": "
                    + getMessage();
        }
    }
}
