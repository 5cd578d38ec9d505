package io.siamese.schemas.serde;

import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

import io.siamese.schemas.registry.SchemaRegistryClient;

/**
 * Kafka deserializer that needs no generated classes: records come back as
 * {@link org.apache.avro.generic.GenericRecord} with the writer's schema, primitives as their Java type
 * (a top-level Avro string as {@link String}, bytes as {@link java.nio.ByteBuffer}).
 */
public class GenericAvroDeserializer extends AbstractAvroDeserializer<Object> {

    /** For Kafka's reflective construction: call {@link #configure} with the registry config. */
    public GenericAvroDeserializer() {
        super(null);
    }

    /** @param client a ready registry client */
    public GenericAvroDeserializer(SchemaRegistryClient client) {
        super(client);
    }

    @Override
    DatumReader<Object> newReader(Schema writer, int id) {
        return new GenericDatumReader<>(writer, writer, GenericData.get()) {
            @Override
            public Object read(Object reuse, Decoder in) throws IOException {
                Object value = super.read(reuse, in);
                // Utf8 is Avro's internal string; callers of a string key expect java.lang.String.
                return value instanceof Utf8 utf8 ? utf8.toString() : value;
            }
        };
    }
}
