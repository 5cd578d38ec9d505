package io.siamese.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.kafka.common.errors.SerializationException;

import io.siamese.schemas.registry.SchemaRegistryClient;

/**
 * Kafka serializer for {@link org.apache.avro.generic.GenericRecord}s and Avro primitives (String, Integer,
 * Long, Float, Double, Boolean, byte[], ByteBuffer), the counterpart of Confluent's {@code KafkaAvroSerializer}
 * used without generated classes, e.g. for tools and for Avro-encoded string keys.
 */
public class GenericAvroSerializer extends AbstractAvroSerializer<Object> {

    /** For Kafka's reflective construction: call {@link #configure} with the registry config. */
    public GenericAvroSerializer() {
        super(null, true);
    }

    /**
     * @param client       the registry client
     * @param autoRegister whether to register missing schemas
     */
    public GenericAvroSerializer(SchemaRegistryClient client, boolean autoRegister) {
        super(client, autoRegister);
    }

    @Override
    Schema schemaOf(Object data) {
        if (data instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema.Type type;
        if (data instanceof CharSequence) {
            type = Schema.Type.STRING;
        } else if (data instanceof Integer) {
            type = Schema.Type.INT;
        } else if (data instanceof Long) {
            type = Schema.Type.LONG;
        } else if (data instanceof Float) {
            type = Schema.Type.FLOAT;
        } else if (data instanceof Double) {
            type = Schema.Type.DOUBLE;
        } else if (data instanceof Boolean) {
            type = Schema.Type.BOOLEAN;
        } else if (data instanceof byte[] || data instanceof ByteBuffer) {
            type = Schema.Type.BYTES;
        } else {
            throw new SerializationException("cannot serialize a " + data.getClass().getName() + " as Avro: expected"
                    + " a GenericContainer or a primitive");
        }
        return Schema.create(type);
    }

    @Override
    DatumWriter<Object> newWriter(Schema schema, Object sample) {
        return new GenericDatumWriter<>(schema, GenericData.get()) {
            @Override
            protected void writeBytes(Object datum, Encoder out) throws IOException {
                // Avro's generic writer only knows ByteBuffer; accept byte[] as Kafka users expect.
                super.writeBytes(datum instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : datum, out);
            }
        };
    }
}
