package io.siamese.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import io.siamese.schemas.registry.SchemaRegistryClient;

/**
 * Kafka serializer for generated Avro classes, compatible with Confluent's {@code KafkaAvroSerializer}.
 *
 * <p>The subject follows the TopicNameStrategy ({@code <topic>-value}, or {@code -key} when configured for
 * keys). With {@code auto.register.schemas=true} (the default) the schema is registered on first use;
 * with {@code false} it is only looked up, and serializing fails with a clear message if it is missing.
 * Registry answers are cached, so steady-state serialization makes no HTTP call.
 *
 * @param <T> the generated record class
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> extends AbstractAvroSerializer<T> {

    /** For Kafka's reflective construction: call {@link #configure} with the registry config. */
    public ConfluentAvroSerializer() {
        super(null, true);
    }

    /**
     * Uses a ready client, e.g. one shared by the application; {@link #configure} may still be called to set
     * the key flag and {@code auto.register.schemas}.
     *
     * @param client       the registry client
     * @param autoRegister whether to register missing schemas
     */
    public ConfluentAvroSerializer(SchemaRegistryClient client, boolean autoRegister) {
        super(client, autoRegister);
    }

    @Override
    Schema schemaOf(T data) {
        return data.getSchema();
    }

    @Override
    DatumWriter<T> newWriter(Schema schema, T sample) {
        // The generated class's own model knows its logical-type conversions (Instant for timestamp-millis),
        // whatever class loader loaded it.
        return new SpecificDatumWriter<>(schema, SpecificData.getForClass(sample.getClass()));
    }
}
