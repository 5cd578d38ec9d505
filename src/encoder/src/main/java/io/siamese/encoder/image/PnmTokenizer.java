package io.siamese.encoder.image;

/**
 * Reads the whitespace-separated decimal numbers of a netpbm header and plain raster,
 * skipping {@code #} comments, which run to the end of the line.
 */
final class PnmTokenizer {

    private final byte[] bytes;
    private int position;

    PnmTokenizer(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    /** Index of the first byte after the last number read. */
    int position() {
        return position;
    }

    /** Reads a header field, which must be preceded by whitespace or a comment. */
    int nextHeaderNumber(String field) {
        int before = position;
        skipSeparators();
        if (position == before) {
            throw ImageDecodeException.corrupt("netpbm header: expected whitespace before " + field);
        }
        return nextNumber("netpbm header: " + field);
    }

    /** Reads one plain-raster sample; {@code index} only feeds the error message. */
    int nextSample(int index) {
        skipSeparators();
        return nextNumber("plain netpbm raster: sample " + index);
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }

    private void skipSeparators() {
        while (position < bytes.length) {
            byte b = bytes[position];
            if (isWhitespace(b)) {
                position++;
            } else if (b == '#') {
                while (position < bytes.length && bytes[position] != '\n' && bytes[position] != '\r') {
                    position++;
                }
            } else {
                return;
            }
        }
    }

    private int nextNumber(String what) {
        if (position >= bytes.length) {
            throw ImageDecodeException.corrupt(what + " is missing: the data ends early");
        }
        long value = 0;
        int start = position;
        while (position < bytes.length && bytes[position] >= '0' && bytes[position] <= '9') {
            value = value * 10 + (bytes[position] - '0');
            if (value > Integer.MAX_VALUE) {
                throw ImageDecodeException.corrupt(what + " is too large");
            }
            position++;
        }
        if (position == start) {
            throw ImageDecodeException.corrupt(what + " is not a number: found byte 0x"
                    + Integer.toHexString(bytes[start] & 0xff));
        }
        if (position < bytes.length && !isWhitespace(bytes[position]) && bytes[position] != '#') {
            throw ImageDecodeException.corrupt(what + " is followed by unexpected byte 0x"
                    + Integer.toHexString(bytes[position] & 0xff));
        }
        return (int) value;
    }
}
