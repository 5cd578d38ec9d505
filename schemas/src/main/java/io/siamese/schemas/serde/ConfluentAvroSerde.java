package io.siamese.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.siamese.schemas.registry.SchemaRegistryClient;

/**
 * {@link Serde} of a generated Avro class in the Confluent wire format, for Kafka Streams.
 *
 * @param <T> the generated record class
 */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /**
     * For Kafka Streams' {@code default.value.serde}: the registry comes from {@link #configure}, the class
     * from {@code specific.avro.value.type} or the writer schema's name (see {@link ConfluentAvroDeserializer}).
     */
    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    /** @param type the record class; the registry comes from {@link #configure} */
    public ConfluentAvroSerde(Class<T> type) {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>(type);
    }

    /**
     * @param type         the record class
     * @param client       a ready registry client
     * @param autoRegister whether the serializer registers missing schemas
     */
    public ConfluentAvroSerde(Class<T> type, SchemaRegistryClient client, boolean autoRegister) {
        this.serializer = new ConfluentAvroSerializer<>(client, autoRegister);
        this.deserializer = new ConfluentAvroDeserializer<>(type, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
