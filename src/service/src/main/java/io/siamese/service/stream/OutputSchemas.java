package io.siamese.service.stream;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.schemas.serde.GenericAvroSerializer;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The schema ids of everything the processor writes: results and their Avro keys on the output topic, dead
 * letters on the dead-letter topic. They are resolved (registered, when allowed) before the first pair is
 * forwarded, so forwarding never calls the registry: a registry that fails half-way through forwarding a batch
 * would otherwise kill the stream thread (a sink cannot wait), and a missing dead-letter schema would turn into
 * a crash loop. Once resolved they stay cached for the life of the process.
 */
final class OutputSchemas {

    private final ConfluentAvroSerializer<SpecificRecord> values;
    private final GenericAvroSerializer keys;
    private final String output;
    private final String deadLetter;
    private final boolean avroKeys;
    private volatile boolean resolved;

    /**
     * @param values   the serializer of results and dead letters
     * @param keys     the serializer of Avro-framed result keys
     * @param output   the results topic
     * @param deadLetter the dead-letter topic
     * @param avroKeys whether result keys may be Avro-framed (key format {@code avro} or {@code mirror})
     */
    OutputSchemas(ConfluentAvroSerializer<SpecificRecord> values, GenericAvroSerializer keys, String output,
            String deadLetter, boolean avroKeys) {
        this.values = values;
        this.keys = keys;
        this.output = output;
        this.deadLetter = deadLetter;
        this.avroKeys = avroKeys;
    }

    /**
     * Resolves every output schema id, unless done already.
     *
     * @throws org.apache.kafka.common.errors.SerializationException when the registry does not answer
     *         ({@code RegistryUnavailableException}), or when a schema is not registered and may not be
     */
    void resolve() {
        if (resolved) {
            return;
        }
        values.resolveSchemaId(output, PairDissimilarity.getClassSchema());
        values.resolveSchemaId(deadLetter, DeadLetter.getClassSchema());
        if (avroKeys) {
            keys.resolveSchemaId(output, Schema.create(Schema.Type.STRING));
        }
        resolved = true;
    }

    /** @return whether every output schema id is known, so forwarding needs no registry call */
    boolean resolved() {
        return resolved;
    }
}
