package io.siamese.schemas.serde;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

import io.siamese.schemas.serde.AvroCursor.Rejection;

/**
 * Checks that an Avro binary payload is walkable under its writer schema before any Avro decoder sees it.
 *
 * <p>Why: Avro 1.12's decoder allocates whatever a string, bytes, array or map prefix declares (up to about
 * 2^31) before reading it, and its own limits are JVM-global system properties. One 13-byte record declaring a
 * 1.9 GB string killed the stream thread with an OutOfMemoryError on every restart. This walk reads every
 * prefix and compares it with the bytes actually left, allocating nothing input-sized, so hostile input
 * becomes a {@link SerializationException} (a DESERIALIZATION dead letter) instead. A payload that passes
 * has every declared item present, so the decoder's allocations are bounded by the payload's own size.
 *
 * <p>Thread-safe and immutable once built; build one per writer schema and reuse it.
 */
final class AvroLengthGuard {

    /**
     * Deepest nesting of records, unions, arrays and maps: Avro's reader recurses per level, and a
     * StackOverflowError kills the stream thread like an OutOfMemoryError. On a default 1 MiB thread stack it
     * read 2,000 self-nested records (4,000 levels) and overflowed at 4,000; our contracts nest 4 deep.
     */
    static final int MAX_DEPTH = 200;

    /**
     * Most items in one array or map. Items of a byte or more are bounded by the payload, but zero-byte items
     * (null, an empty record) are not: 5 bytes can declare a billion-element list of nulls. Our contracts'
     * collections are far smaller, and Kafka's default 1 MiB message cannot hold 2^20 one-byte items.
     */
    static final long MAX_COLLECTION_ITEMS = 1 << 20;

    private final Schema schema;
    /** The fewest bytes a value of each schema reachable from {@link #schema} can take. */
    private final Map<Schema, Integer> minBytes = new IdentityHashMap<>();

    /** @param schema the writer schema the payloads were encoded with */
    AvroLengthGuard(Schema schema) {
        this.schema = schema;
        minBytes(schema);
    }

    /**
     * Walks {@code data[offset, end)} as one value of the writer schema.
     *
     * @throws SerializationException naming the field, the byte position and the declared vs remaining
     *                                length of the first prefix the bytes cannot honour, a cut-off value or
     *                                bytes left over after the value
     */
    void check(byte[] data, int offset, int end) {
        AvroCursor in = new AvroCursor(data, offset, end);
        try {
            value(schema, 0, in);
        } catch (Rejection r) {
            throw new SerializationException(r.describe());
        }
        if (in.left() != 0) {
            throw new SerializationException(in.left() + " bytes left over after the record at byte " + in.pos());
        }
    }

    private int minBytes(Schema s) {
        Integer known = minBytes.putIfAbsent(s, 0);
        if (known != null) {
            return known; // 0 while a record is in progress higher up (it contains itself): a lower bound suffices
        }
        long min = switch (s.getType()) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> s.getFixedSize();
            case UNION -> 1 + s.getTypes().stream().mapToLong(this::minBytes).min().orElse(0);
            case RECORD -> s.getFields().stream().mapToLong(f -> minBytes(f.schema())).sum();
            case ARRAY, MAP -> {
                minBytes(s.getType() == Schema.Type.MAP ? s.getValueType() : s.getElementType()); // for the walk
                yield 1; // an empty collection: one zero count byte
            }
            default -> 1; // boolean, int, long, enum index, string or bytes length: at least one byte
        };
        minBytes.put(s, (int) Math.min(min, Integer.MAX_VALUE));
        return minBytes.get(s);
    }

    private void value(Schema s, int depth, AvroCursor in) {
        switch (s.getType()) {
            case NULL -> { }
            case BOOLEAN -> in.take(1, "boolean size", in.pos());
            case INT -> in.varint(5, "int");
            case LONG -> in.varint(10, "long");
            case FLOAT -> in.take(4, "float size", in.pos());
            case DOUBLE -> in.take(8, "double size", in.pos());
            case FIXED -> in.take(s.getFixedSize(), "fixed size", in.pos());
            case STRING -> in.lengthPrefixed("string length");
            case BYTES -> in.lengthPrefixed("bytes length");
            case ENUM -> in.index(s.getEnumSymbols().size(), "enum symbol");
            case UNION -> value(s.getTypes().get(in.index(s.getTypes().size(), "union branch")), deeper(depth, in), in);
            case ARRAY -> collection(false, s.getElementType(), deeper(depth, in), in);
            case MAP -> collection(true, s.getValueType(), deeper(depth, in), in);
            case RECORD -> {
                int inner = deeper(depth, in);
                List<Schema.Field> fields = s.getFields();
                for (int i = 0; i < fields.size(); i++) { // no iterator: this runs for every field of every record
                    Schema.Field field = fields.get(i);
                    try {
                        value(field.schema(), inner, in);
                    } catch (Rejection r) {
                        throw r.in("." + field.name());
                    }
                }
            }
        }
    }

    private void collection(boolean map, Schema item, int depth, AvroCursor in) {
        String kind = map ? "map" : "array";
        String countName = map ? "map block count" : "array block count";
        int itemMin = (map ? 1 : 0) + minBytes.get(item); // a map entry adds its key's length
        long total = 0;
        for (long count = in.varint(10, countName); count != 0; count = in.varint(10, countName)) {
            int block = in.lastVarint();
            int blockEnd = -1;
            if (count < 0) {
                // The spec's skippable form: -count items, then the block's size in bytes. Avro's skipping
                // readers jump by that size, so it must match the items, or they read what we never checked.
                count = count == Long.MIN_VALUE ? Long.MAX_VALUE : -count;
                blockEnd = in.after(in.varint(10, "block size"), "block size", in.lastVarint());
            }
            int room = blockEnd >= 0 ? blockEnd - in.pos() : in.left();
            if (itemMin > 0 && count > room / itemMin) {
                throw new Rejection(kind + " block of " + count + " items at byte " + block + " exceeds the " + room
                        + " bytes left (" + itemMin + " or more bytes an item)");
            }
            if (count > MAX_COLLECTION_ITEMS - total) {
                throw new Rejection(kind + " of more than " + MAX_COLLECTION_ITEMS + " items at byte " + block);
            }
            for (long i = 0; i < count; i++, total++) {
                try {
                    if (map) {
                        in.lengthPrefixed("map key length");
                    }
                    value(item, depth, in);
                } catch (Rejection r) {
                    throw r.in("[" + total + "]");
                }
            }
            if (blockEnd >= 0 && in.pos() != blockEnd) {
                throw new Rejection(kind + " block at byte " + block + " declares items up to byte " + blockEnd
                        + " but they end at byte " + in.pos());
            }
        }
    }

    private static int deeper(int depth, AvroCursor in) {
        if (depth >= MAX_DEPTH) {
            throw new Rejection("nesting deeper than " + MAX_DEPTH + " levels at byte " + in.pos());
        }
        return depth + 1;
    }
}
