package io.siamese.encoder.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Exact decoding of netpbm graymaps and pixmaps (P2, P3, P5, P6) whose maxval is neither 255
 * nor 65535, which the TwelveMonkeys netpbm reader gets wrong on its own.
 *
 * <p>The plugin rescales samples to full range with signed byte and short arithmetic and
 * truncation: for maxval 128..254 and 32768..65534 samples above half range come out wrong
 * (maxval 200: 150 reads as 121, 200 as 185), other values are rounded down, samples above
 * maxval wrap silently, and graymaps with maxval 1 are refused. So the decoder hands the plugin
 * a copy whose header declares 255 (or 65535 for 16-bit samples), for which the plugin's
 * rescale is the identity, and rescales the raw samples here, rounded to nearest: the values
 * the hand-written reader this replaced produced, and what PIL's {@code "L"} conversion gives.
 *
 * @param maxval the declared maxval, 1..65535 but neither 255 nor 65535
 * @param start index of the maxval's first digit in the encoded image
 * @param end index just past its last digit
 */
record NetpbmMaxval(int maxval, int start, int end) {

    private static final int MAX_DIGITS = 9;

    /**
     * Finds the maxval of a netpbm header that needs exact rescaling.
     *
     * @param bytes an encoded image sniffed as {@link ImageFormat#PNM}
     * @return the maxval, or {@code null} for bitmaps (P1, P4), for maxval 255 or 65535, and
     *     for headers this scan does not follow (those are left to the plugin, which refuses them)
     * @throws ImageDecodeException {@code CORRUPT} when the header declares a zero width or
     *     height, which the plugin would skip over and take the next number instead
     */
    static NetpbmMaxval find(byte[] bytes) {
        if (bytes.length < 3 || bytes[0] != 'P' || bytes[1] < '1' || bytes[1] > '6') {
            return null;
        }
        boolean bitmap = bytes[1] == '1' || bytes[1] == '4';
        int at = 2;
        for (int field = 0; field < 3; field++) { // width, height, maxval
            at = skipWhitespaceAndComments(bytes, at);
            int start = at;
            long value = 0;
            while (at < bytes.length && at - start < MAX_DIGITS && bytes[at] >= '0' && bytes[at] <= '9') {
                value = value * 10 + bytes[at++] - '0';
            }
            if (at == start || at < bytes.length && !isWhitespace(bytes[at]) && bytes[at] != '#') {
                return null;
            }
            if (field < 2 && value == 0) {
                throw ImageDecodeException.corrupt("netpbm header declares an empty image (a side of 0)");
            }
            if (field == 1 && bitmap) {
                return null;
            }
            if (field == 2) {
                // 255 and 65535 the plugin scales exactly; out of range it refuses.
                boolean pluginDecides = value == 255 || value == 65535 || value < 1 || value > 65535;
                return pluginDecides ? null : new NetpbmMaxval((int) value, start, at);
            }
        }
        return null;
    }

    /**
     * The encoded image with this maxval replaced by the full-range one of the same sample size,
     * so that the plugin passes samples through unscaled; everything else is kept byte for byte.
     *
     * @param bytes the encoded image this maxval was found in
     * @return a new array
     */
    byte[] withFullRangeMaxval(byte[] bytes) {
        byte[] replacement = Integer.toString(maxval > 255 ? 65535 : 255).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[bytes.length - (end - start) + replacement.length];
        System.arraycopy(bytes, 0, out, 0, start);
        System.arraycopy(replacement, 0, out, start, replacement.length);
        System.arraycopy(bytes, end, out, start + replacement.length, bytes.length - end);
        return out;
    }

    /**
     * Rescales, in place, the raw samples the plugin decoded from {@link #withFullRangeMaxval}.
     * 8-bit samples become {@code round(v * 255 / maxval)}. 16-bit samples become that value
     * times 257, which {@link GrayConversion} reduces back to exactly that 8-bit value: the
     * encoder only ever uses 8-bit gray, and a second rounding must not move it.
     *
     * @param image the plugin's image: byte or ushort interleaved samples, no padding
     * @return the same image
     * @throws ImageDecodeException {@code CORRUPT} when a sample exceeds the maxval
     */
    BufferedImage rescale(BufferedImage image) {
        DataBuffer data = image.getRaster().getDataBuffer();
        int[] table = scaleTable(data.getDataType() == DataBuffer.TYPE_USHORT ? 257 : 1);
        for (int bank = 0; bank < data.getNumBanks(); bank++) {
            for (int i = 0; i < data.getSize(); i++) {
                int sample = data.getElem(bank, i);
                if (sample > maxval) {
                    throw ImageDecodeException.corrupt("netpbm sample " + sample + " exceeds maxval " + maxval);
                }
                data.setElem(bank, i, table[sample]);
            }
        }
        return image;
    }

    private int[] scaleTable(int multiplier) {
        int[] table = new int[maxval + 1];
        for (int v = 0; v <= maxval; v++) {
            table[v] = (int) ((v * 255L + maxval / 2) / maxval) * multiplier;
        }
        return table;
    }

    private static int skipWhitespaceAndComments(byte[] bytes, int at) {
        while (at < bytes.length) {
            if (isWhitespace(bytes[at])) {
                at++;
            } else if (bytes[at] == '#') {
                while (at < bytes.length && bytes[at] != '\n' && bytes[at] != '\r') {
                    at++;
                }
            } else {
                break;
            }
        }
        return at;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }
}
