package io.siamese.schemas.serde;

import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

import io.siamese.schemas.registry.SchemaRegistryClient;

/**
 * Kafka deserializer for generated Avro classes, reading what Confluent's {@code KafkaAvroSerializer} (or
 * {@link ConfluentAvroSerializer}) wrote.
 *
 * <p>The reader schema is the generated class's, and Avro schema resolution maps the writer's schema onto it:
 * fields added since the writer's version get their defaults, removed fields are skipped. Without a class
 * (Kafka's reflective construction) the class is taken from {@code specific.avro.value.type} /
 * {@code specific.avro.key.type} when configured, else from the writer schema's full name.
 *
 * @param <T> the generated record class
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> extends AbstractAvroDeserializer<T> {

    /** Config key: fully qualified class to read values as. */
    public static final String VALUE_TYPE = "specific.avro.value.type";
    /** Config key: fully qualified class to read keys as. */
    public static final String KEY_TYPE = "specific.avro.key.type";

    private Class<T> type;

    /** For Kafka's reflective construction: call {@link #configure} with the registry config. */
    public ConfluentAvroDeserializer() {
        super(null);
    }

    /**
     * Reads each record as the generated class named by its writer schema.
     *
     * @param client a ready registry client
     */
    public ConfluentAvroDeserializer(SchemaRegistryClient client) {
        super(client);
    }

    /** @param type the class to read records as; configure with the registry config */
    public ConfluentAvroDeserializer(Class<T> type) {
        super(null);
        this.type = type;
    }

    /**
     * @param type   the class to read records as
     * @param client a ready registry client
     */
    public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        super(client);
        this.type = type;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        super.configure(configs, isKey);
        Object configured = configs.get(isKey ? KEY_TYPE : VALUE_TYPE);
        if (type == null && configured != null) {
            type = load(configured instanceof Class<?> c ? c.getName() : configured.toString());
        }
    }

    @Override
    DatumReader<T> newReader(Schema writer, int id) {
        Class<T> target = type != null ? type : load(writer.getFullName());
        // A model bound to the target's own class loader: under Quarkus tests (and other multi-loader
        // hosts) the default model can resolve nested record classes through another loader.
        SpecificData model = new SpecificData(target.getClassLoader());
        Schema reader = model.getSchema(target);
        if (!reader.getFullName().equals(writer.getFullName()) && !reader.getAliases().contains(writer.getFullName())) {
            throw new SerializationException("schema id " + id + " is " + writer.getFullName() + ", which cannot be"
                    + " read as " + reader.getFullName());
        }
        return new SpecificDatumReader<>(writer, reader, model);
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> load(String className) {
        // The context loader sees the application's generated classes also under Quarkus and in containers.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> loaded = Class.forName(className, true,
                    loader != null ? loader : ConfluentAvroDeserializer.class.getClassLoader());
            if (!SpecificRecord.class.isAssignableFrom(loaded)) {
                throw new SerializationException(className + " is not a generated Avro class (SpecificRecord)");
            }
            return (Class<T>) loaded;
        } catch (ClassNotFoundException e) {
            throw new SerializationException("no generated Avro class " + className + " on the classpath to read"
                    + " records as; use GenericAvroDeserializer or configure " + VALUE_TYPE, e);
        }
    }
}
