package io.siamese.schemas;

import java.util.List;

/**
 * The known values of {@link DeadLetter#getErrorKind()}.
 *
 * <p>The field is a string rather than an Avro enum on purpose: a producer that adds a kind must never make
 * an older reader fail. Readers should therefore treat an unknown value like {@link #INVALID}.
 */
public final class DeadLetterKinds {

    /** The bytes were not Confluent-framed Avro, or the Avro was corrupt. */
    public static final String DESERIALIZATION = "DESERIALIZATION";
    /** The schema id in the record is not known to the schema registry. */
    public static final String UNKNOWN_SCHEMA = "UNKNOWN_SCHEMA";
    /** An image could not be decoded. */
    public static final String CORRUPT_IMAGE = "CORRUPT_IMAGE";
    /** The record or an image exceeded a configured size limit. */
    public static final String TOO_LARGE = "TOO_LARGE";
    /** An image decoded to dimensions the model cannot accept. */
    public static final String BAD_DIMENSIONS = "BAD_DIMENSIONS";
    /** The media type of an image is not supported. */
    public static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";
    /** The model failed on this input. */
    public static final String INFERENCE_FAILURE = "INFERENCE_FAILURE";
    /**
     * The pair was buffered, not yet scored, when the service stopped, and its record was no longer in the input
     * topic when the service restarted (retention shorter than the outage): key and position are kept, the
     * value is gone.
     */
    public static final String INPUT_EXPIRED = "INPUT_EXPIRED";
    /** Any other validation failure (missing fields, bad label, ...). */
    public static final String INVALID = "INVALID";

    /** Every kind above, in that order (metrics register a counter for each before the first dead letter). */
    public static final List<String> ALL = List.of(DESERIALIZATION, UNKNOWN_SCHEMA, CORRUPT_IMAGE, TOO_LARGE,
            BAD_DIMENSIONS, UNSUPPORTED_FORMAT, INFERENCE_FAILURE, INPUT_EXPIRED, INVALID);

    private DeadLetterKinds() {
    }
}
