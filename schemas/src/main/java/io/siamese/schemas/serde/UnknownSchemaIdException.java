package io.siamese.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record names a schema id the registry does not know: the record was written against another registry,
 * or the schema was deleted. Distinct from other failures so a consumer can dead-letter it as
 * {@code UNKNOWN_SCHEMA}.
 */
public class UnknownSchemaIdException extends SerializationException {

    private final int schemaId;

    /**
     * @param schemaId the id found in the record
     * @param message  what happened, naming the registry
     * @param cause    the registry's answer
     */
    public UnknownSchemaIdException(int schemaId, String message, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    /** @return the unknown schema id */
    public int schemaId() {
        return schemaId;
    }
}
