package io.siamese.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.testing.SampleRecords;

/**
 * What the guard adds to decoding one ImagePair: decode alone (A) and guard + decode (B), alternating
 * A B A B so that machine noise hits both alike, reporting median and range per record. A measurement, not a
 * check: run with {@code -Dtest=AvroLengthGuardTimingTest -Dguard.timing=true}; results in the test output.
 */
@EnabledIfSystemProperty(named = "guard.timing", matches = "true")
class AvroLengthGuardTimingTest {

    private static final int ROUNDS = Integer.getInteger("guard.timing.rounds", 7);

    /** Keeps the JIT from dropping the decodes. */
    private static long sink;

    @Test
    void measureTheGuardOnASmallAndALargeImagePair() throws IOException {
        ImagePair small = SampleRecords.imagePair("p-1");
        ImagePair large = ImagePair.newBuilder(small)
                .setLeft(new Image(ByteBuffer.wrap(SampleRecords.png(224, 224, 1)), "image/png"))
                .setRight(new Image(ByteBuffer.wrap(SampleRecords.png(224, 224, 2)), "image/png")).build();
        measure("28x28 pair", AvroBytes.encode(small), 200_000);
        measure("224x224 pair", AvroBytes.encode(large), 20_000);
        System.out.println("sink " + sink);
    }

    private static void measure(String name, byte[] payload, int iterations) throws IOException {
        SpecificDatumReader<ImagePair> reader = new SpecificDatumReader<>(ImagePair.class);
        AvroLengthGuard guard = new AvroLengthGuard(ImagePair.getClassSchema());
        for (int i = 0; i < 3; i++) { // warm-up: let the JIT compile both paths fully
            time(reader, null, payload, iterations);
            time(reader, guard, payload, iterations);
            time(null, guard, payload, iterations * 10);
        }
        List<Double> decode = new ArrayList<>();
        List<Double> guarded = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        List<Double> guardOnly = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            double a = time(reader, null, payload, iterations);
            double b = time(reader, guard, payload, iterations);
            decode.add(a);
            guarded.add(b);
            added.add(b - a);
            guardOnly.add(time(null, guard, payload, iterations * 10));
        }
        System.out.printf("%s, %d bytes, %d rounds of %d records, ns per record (median [min..max]):%n", name,
                payload.length, ROUNDS, iterations);
        System.out.println("  A decode         " + summary(decode));
        System.out.println("  B guard + decode " + summary(guarded));
        System.out.println("  B - A per round  " + summary(added));
        System.out.println("  guard alone      " + summary(guardOnly));
    }

    /** @return nanoseconds per record for guard (when not null) then decode (when reader is not null) */
    private static double time(SpecificDatumReader<ImagePair> reader, AvroLengthGuard guard, byte[] payload,
            int iterations) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            if (guard != null) {
                guard.check(payload, 0, payload.length);
            }
            if (reader != null) {
                // A new decoder each record, as the deserializer does.
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, 0, payload.length, null);
                sink += reader.read(null, decoder).getPairId().length();
            }
        }
        return (System.nanoTime() - start) / (double) iterations;
    }

    private static String summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("%8.1f [%.1f..%.1f]", sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }
}
