package io.siamese.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import io.siamese.schemas.ImagePair;
import io.siamese.testing.InMemorySchemaRegistryClient;
import io.siamese.testing.SampleRecords;

/** Records written with another version of a contract read with today's generated class. */
class SchemaEvolutionTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldReadAnOlderWriterWithDefaultsForTheNewFields() throws IOException {
        GenericRecord old = pair(schema("ImagePair-v0.avsc"));

        byte[] bytes = new GenericAvroSerializer(registry, true).serialize("image-pairs", old);
        ImagePair read = new ConfluentAvroDeserializer<>(ImagePair.class, registry).deserialize("image-pairs", bytes);

        assertEquals("old-1", read.getPairId());
        assertEquals(SampleRecords.EVENT_TIME, read.getEventTime());
        assertEquals(Map.of(), read.getMetadata());
        assertNull(read.getTraceId());
        assertFalse(read.getIncludeEmbeddings());
        assertEquals("image/png", read.getRight().getMediaType());
    }

    @Test
    void shouldReadANewerWriterIgnoringFieldsItDoesNotKnow() throws IOException {
        Schema newer = schema("ImagePair-v2.avsc");
        GenericRecord record = pair(newer);
        record.put("metadata", Map.of("label", "0"));
        record.put("includeEmbeddings", true);
        record.put("priority", 5);

        byte[] bytes = new GenericAvroSerializer(registry, true).serialize("image-pairs", record);
        ImagePair read = new ConfluentAvroDeserializer<>(ImagePair.class, registry).deserialize("image-pairs", bytes);

        assertEquals(Map.of("label", "0"), read.getMetadata());
        assertEquals(true, read.getIncludeEmbeddings());
        assertNull(read.getTraceId());
    }

    private static GenericRecord pair(Schema schema) {
        Schema imageSchema = schema.getField("left").schema();
        GenericRecord left = new GenericData.Record(imageSchema);
        left.put("data", ByteBuffer.wrap(new byte[] {1, 2}));
        left.put("mediaType", "image/png");
        GenericRecord right = new GenericData.Record(imageSchema);
        right.put("data", ByteBuffer.wrap(new byte[] {3}));
        right.put("mediaType", "image/png");
        GenericRecord pair = new GenericData.Record(schema);
        pair.put("pairId", "old-1");
        pair.put("left", left);
        pair.put("right", right);
        pair.put("eventTime", SampleRecords.EVENT_TIME.toEpochMilli());
        return pair;
    }

    private static Schema schema(String resource) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/evolution/" + resource)) {
            return new Schema.Parser().parse(in);
        }
    }
}
