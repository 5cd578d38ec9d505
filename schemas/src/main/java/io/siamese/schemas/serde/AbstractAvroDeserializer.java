package io.siamese.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import io.siamese.schemas.registry.SchemaRegistryClient;
import io.siamese.schemas.registry.SchemaRegistryException;

/**
 * Reads Confluent-framed Avro: validates the header, resolves the writer schema by id (cached) and decodes
 * with a reader schema chosen by the subclass, so data written with an older or newer compatible schema
 * reads fine. Every failure is a {@link SerializationException} whose message says what was wrong.
 *
 * <p>{@link AvroLengthGuard} walks each payload under its writer schema before Avro decodes it: Avro allocates
 * whatever length a prefix declares, so one hostile record could otherwise end the process with an
 * OutOfMemoryError, on every restart, instead of becoming a dead letter.
 *
 * @param <T> the decoded type
 */
abstract class AbstractAvroDeserializer<T> implements Deserializer<T> {

    private final Map<Integer, Decoding<T>> readers = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean isKey;

    AbstractAvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** Reads the registry config from {@code configs} unless a client was given to the constructor. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (client == null) {
            client = RegistryClients.fromConfigs(configs);
        }
    }

    /** @return whether this instance was configured for record keys */
    boolean isKey() {
        return isKey;
    }

    /**
     * @return the decoded record, or null for null data (a tombstone)
     * @throws UnknownSchemaIdException     when the registry does not know the record's schema id
     * @throws RegistryUnavailableException when the writer schema is not cached and the registry does not answer
     * @throws SerializationException       for bad framing or corrupt Avro
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("deserializer not configured: pass a client or set schema.registry.url");
        }
        int id;
        try {
            id = WireFormat.schemaId(data);
        } catch (SerializationException e) {
            throw new SerializationException("cannot read record from topic " + topic + ": " + e.getMessage(), e);
        }
        Decoding<T> decoding = readers.get(id);
        if (decoding == null) {
            Schema writer = writerSchema(topic, id);
            decoding = new Decoding<>(newReader(writer, id), new AvroLengthGuard(writer));
            readers.putIfAbsent(id, decoding);
        }
        try {
            // Before Avro: its decoder allocates whatever length a prefix declares, up to 2 GB.
            decoding.guard().check(data, WireFormat.HEADER_LENGTH, data.length);
        } catch (SerializationException e) {
            throw corrupt(topic, id, data, e.getMessage(), e);
        }
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null);
        try {
            T value = decoding.reader().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left over after the record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            // Avro reports corrupt input as EOF, negative lengths, bad union indexes or array bounds errors.
            throw corrupt(topic, id, data, e.toString(), e);
        }
    }

    private static SerializationException corrupt(String topic, int id, byte[] data, String why, Exception cause) {
        return new SerializationException("corrupt Avro payload on topic " + topic + " (schema id " + id + ", "
                + data.length + " bytes): " + why, cause);
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return client.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new UnknownSchemaIdException(id, "record on topic " + topic + " names schema id " + id
                        + ", which " + RegistryClients.describe(client) + " does not know", e);
            }
            if (e.isUnavailable()) {
                throw new RegistryUnavailableException("cannot fetch writer schema id " + id + " for a record on topic "
                        + topic + ": " + e.getMessage(), e);
            }
            throw new SerializationException("cannot fetch writer schema id " + id + " for a record on topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return a thread-safe reader decoding data written with {@code writer}; may throw
     *         {@link SerializationException} when no reader schema fits
     */
    abstract DatumReader<T> newReader(Schema writer, int id);

    /** What decoding records of one writer schema needs: built once per schema id. */
    private record Decoding<T>(DatumReader<T> reader, AvroLengthGuard guard) {
    }
}
