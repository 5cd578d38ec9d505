package io.siamese.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

import io.siamese.schemas.registry.SchemaRegistryException;

/**
 * A schema id could not be resolved because the schema registry did not answer (unreachable, timed out, a
 * server error, refused credentials): nothing is known about the record yet. Unlike every other
 * {@link SerializationException} of our serdes this is not a verdict on the data, so a consumer must hold the
 * record and retry once the registry answers, never dead-letter it.
 */
public class RegistryUnavailableException extends SerializationException {

    /**
     * @param message what could not be resolved, and where
     * @param cause   the registry client's failure
     */
    public RegistryUnavailableException(String message, SchemaRegistryException cause) {
        super(message, cause);
    }
}
