package io.siamese.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.registry.SchemaRegistryClient;
import io.siamese.schemas.registry.SchemaRegistryException;

/**
 * Writes records in the Confluent wire format, resolving the schema id through the registry (cached there).
 *
 * @param <T> the record type
 */
abstract class AbstractAvroSerializer<T> implements Serializer<T> {

    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean autoRegister;
    private boolean isKey;

    AbstractAvroSerializer(SchemaRegistryClient client, boolean autoRegister) {
        this.client = client;
        this.autoRegister = autoRegister;
    }

    /**
     * Reads {@link RegistryConfig} keys from {@code configs}. A client given to the constructor is kept;
     * {@value RegistryConfig#AUTO_REGISTER}, when present, overrides the constructor's choice.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (client == null) {
            client = RegistryClients.fromConfigs(configs);
        }
        if (configs.containsKey(RegistryConfig.AUTO_REGISTER)) {
            autoRegister = RegistryConfig.autoRegister(configs);
        }
    }

    /** @return {@code data} framed as magic byte, schema id, Avro binary; null for null (a tombstone) */
    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("serializer not configured: pass a client or set "
                    + RegistryConfig.URL);
        }
        Schema schema = schemaOf(data);
        int id = schemaId(TopicNameStrategy.subject(topic, isKey), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        WireFormat.writeHeader(out, id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, unused -> newWriter(schema, data)).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + schema.getFullName() + " to topic " + topic
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Resolves (registering it if configured to) and caches the schema id {@link #serialize} will write for
     * {@code schema} on {@code topic}, so that serializing it later makes no registry call. A consumer that must
     * not fail half-way through forwarding (a stream processor) calls this first, while it can still wait.
     *
     * @return the schema id
     * @throws RegistryUnavailableException when the registry does not answer
     * @throws SerializationException       when the schema is missing and may not be registered, or rejected
     */
    public int resolveSchemaId(String topic, Schema schema) {
        if (client == null) {
            throw new SerializationException("serializer not configured: pass a client or set "
                    + RegistryConfig.URL);
        }
        return schemaId(TopicNameStrategy.subject(topic, isKey), schema);
    }

    private int schemaId(String subject, Schema schema) {
        try {
            if (autoRegister) {
                return client.register(subject, schema);
            }
            return client.lookup(subject, schema).orElseThrow(() -> new SerializationException("schema "
                    + schema.getFullName() + " is not registered under subject " + subject + " in "
                    + RegistryClients.describe(client) + ", and " + RegistryConfig.AUTO_REGISTER
                    + "=false: register it before producing"));
        } catch (SchemaRegistryException e) {
            if (e.isUnavailable()) {
                throw new RegistryUnavailableException("cannot get a schema id for " + schema.getFullName()
                        + " under subject " + subject + ": " + e.getMessage(), e);
            }
            throw new SerializationException("cannot get a schema id for " + schema.getFullName() + " under subject "
                    + subject + ": " + e.getMessage(), e);
        }
    }

    /** @return the writer schema of {@code data} */
    abstract Schema schemaOf(T data);

    /** @return a (thread-safe) datum writer for {@code schema}, cached by the caller; {@code sample} has it */
    abstract DatumWriter<T> newWriter(Schema schema, T sample);
}
