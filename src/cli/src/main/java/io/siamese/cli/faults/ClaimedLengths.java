package io.siamese.cli.faults;

import io.siamese.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ImagePair values written by hand, field by field in schema order, so that any one length prefix can claim
 * a length the record does not have (gigabytes, or negative): what a hostile producer would send to make a
 * decoder allocate before it reads. Every string, bytes and map position of the schema can lie.
 */
final class ClaimedLengths {

    /** The length-prefixed positions of ImagePair (schemas/src/main/avro/ImagePair.avsc), in order. */
    enum Position {
        PAIR_ID, LEFT_DATA, LEFT_MEDIA_TYPE, RIGHT_DATA, RIGHT_MEDIA_TYPE, METADATA_COUNT, METADATA_KEY,
        METADATA_VALUE, TRACE_ID
    }

    /** Claims to try in each position: 1 GiB, the largest int, 4 GiB (past any int) and a negative length. */
    static final List<Long> CLAIMS = List.of(1L << 30, (long) Integer.MAX_VALUE, 4L << 30, -1L);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Position liar;
    private final long claimed;

    private ClaimedLengths(Position liar, long claimed) {
        this.liar = liar;
        this.claimed = claimed;
    }

    /**
     * @param schemaId the registered ImagePair schema id for the frame
     * @param pairId   the pair id written
     * @param png      both images
     * @param liar     the position whose prefix lies
     * @param claimed  what it claims
     * @return a Confluent-framed ImagePair whose only defect is that one prefix
     */
    static byte[] imagePair(int schemaId, String pairId, byte[] png, Position liar, long claimed) {
        ClaimedLengths w = new ClaimedLengths(liar, claimed);
        w.string(Position.PAIR_ID, pairId);
        w.bytes(Position.LEFT_DATA, png);
        w.string(Position.LEFT_MEDIA_TYPE, "image/png");
        w.bytes(Position.RIGHT_DATA, png);
        w.string(Position.RIGHT_MEDIA_TYPE, "image/png");
        w.length(Position.METADATA_COUNT, 1);
        w.string(Position.METADATA_KEY, "label");
        w.string(Position.METADATA_VALUE, "0");
        w.varint(0); // end of the map
        w.varint(System.currentTimeMillis()); // eventTime
        w.varint(1); // traceId: the union's string branch
        w.string(Position.TRACE_ID, "0af7651916cd43dd8448eb211c80319c");
        w.out.write(0); // includeEmbeddings = false
        return WireFormat.encode(schemaId, w.out.toByteArray());
    }

    private void string(Position position, String value) {
        bytes(position, value.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(Position position, byte[] value) {
        length(position, value.length);
        out.writeBytes(value);
    }

    private void length(Position position, long actual) {
        varint(position == liar ? claimed : actual);
    }

    /** Avro's int and long encoding: zig-zag, then 7 bits a byte, low bits first. */
    private void varint(long value) {
        for (long v = (value << 1) ^ (value >> 63); ; v >>>= 7) {
            if ((v & ~0x7fL) == 0) {
                out.write((int) v);
                return;
            }
            out.write((int) (v & 0x7f) | 0x80);
        }
    }
}
