package io.siamese.schemas.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject as the registry holds it.
 *
 * @param subject the subject, e.g. {@code image-pairs-value}
 * @param version the version number within the subject, from 1
 * @param id      the global schema id written into the wire format
 * @param schema  the parsed Avro schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
