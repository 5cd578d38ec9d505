package io.siamese.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.siamese.schemas.ImagePair;
import io.siamese.testing.InMemorySchemaRegistryClient;
import io.siamese.testing.SampleRecords;

/**
 * Whatever follows a valid header, the production deserializer either decodes it or throws a
 * {@link SerializationException}: never an OutOfMemoryError, StackOverflowError or other exception, which
 * would stop the stream thread instead of making a dead letter. Seeded, so a failure replays.
 */
class HostilePayloadTest {

    private static final int CASES = 10_000;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @ParameterizedTest
    @MethodSource("io.siamese.schemas.serde.ConfluentAvroSerdeTest#everyContract")
    void shouldRejectEveryTruncationOfAValidRecordCleanly(SpecificRecord record) {
        byte[] framed = new ConfluentAvroSerializer<>(registry, true).serialize("t", record);
        var deserializer = new ConfluentAvroDeserializer<>(record.getClass(), registry);

        for (int length = WireFormat.HEADER_LENGTH; length < framed.length; length++) {
            byte[] prefix = Arrays.copyOf(framed, length);
            Throwable thrown = outcome(() -> deserializer.deserialize("t", prefix));
            if (thrown == null || thrown.getClass() != SerializationException.class) {
                fail("prefix of " + length + " of " + framed.length + " bytes gave " + thrown, thrown);
            }
        }
    }

    @Test
    void shouldDecodeOrRejectRandomBytesAfterAValidHeader() {
        int id = registry.register("t-value", ImagePair.getClassSchema());
        var deserializer = new ConfluentAvroDeserializer<>(ImagePair.class, registry);
        Random random = new Random(20250102L);
        int decoded = 0;

        for (int i = 0; i < CASES; i++) {
            byte[] payload = new byte[random.nextInt(64)];
            random.nextBytes(payload);
            decoded += check(deserializer, WireFormat.encode(id, payload), "random payload " + i);
        }

        System.out.println(decoded + " of " + CASES + " random payloads decoded");
    }

    @ParameterizedTest
    @MethodSource("io.siamese.schemas.serde.ConfluentAvroSerdeTest#everyContract")
    void shouldDecodeOrRejectMutationsOfAValidRecord(SpecificRecord record) {
        byte[] framed = new ConfluentAvroSerializer<>(registry, true).serialize("t", record);
        var deserializer = new ConfluentAvroDeserializer<>(record.getClass(), registry);
        Random random = new Random(record.getSchema().getName().hashCode());

        int span = framed.length - WireFormat.HEADER_LENGTH;
        for (int i = 0; i < CASES / 5; i++) {
            byte[] mutated = framed.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                // Half the flips in the first 64 bytes, where most prefixes are (images are long bytes fields);
                // many to 0xff, a varint that keeps going.
                int at = WireFormat.HEADER_LENGTH + random.nextInt(random.nextBoolean() ? Math.min(span, 64) : span);
                mutated[at] = (byte) (random.nextInt(4) == 0 ? 0xff : random.nextInt(256));
            }
            check(deserializer, mutated, "mutation " + i);
        }
    }

    @Test
    void shouldStillDecodeAValidRecordAfterRejectingHostileOnes() {
        byte[] framed = new ConfluentAvroSerializer<ImagePair>(registry, true)
                .serialize("t", SampleRecords.imagePair("p"));
        var deserializer = new ConfluentAvroDeserializer<>(ImagePair.class, registry);

        check(deserializer, Arrays.copyOf(framed, 9), "a truncated record");
        assertEquals(SampleRecords.imagePair("p"), deserializer.deserialize("t", framed));
    }

    /** @return 1 when {@code framed} decoded, 0 when it was rejected as it should be; fails the test otherwise */
    private static int check(ConfluentAvroDeserializer<?> deserializer, byte[] framed, String what) {
        Throwable thrown = outcome(() -> deserializer.deserialize("t", framed));
        if (thrown != null && thrown.getClass() != SerializationException.class) {
            fail(what + " (" + Arrays.toString(framed) + ") gave " + thrown, thrown);
        }
        return thrown == null ? 1 : 0;
    }

    private static Throwable outcome(Runnable run) {
        try {
            run.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
