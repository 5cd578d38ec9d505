package io.siamese.schemas.registry;

/**
 * A schema registry call failed: the registry was unreachable, or it answered with an error.
 *
 * <p>The message is meant for operators and names the registry URL and the subject or id involved.
 * {@link #httpStatus()} and {@link #errorCode()} keep the registry's own answer for code that must branch
 * on it (Confluent error codes: 40401 subject not found, 40403 schema not found, 409 incompatible,
 * 42201 invalid schema).
 */
public class SchemaRegistryException extends RuntimeException {

    /** Value of {@link #httpStatus()} and {@link #errorCode()} when no HTTP answer was received. */
    public static final int NO_ANSWER = -1;

    private final int httpStatus;
    private final int errorCode;

    /**
     * @param message    what failed, for people
     * @param httpStatus the HTTP status, or {@link #NO_ANSWER}
     * @param errorCode  the registry's {@code error_code}, or {@link #NO_ANSWER}
     * @param cause      the underlying failure, may be null
     */
    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** Same status and error code as {@code cause}, with a message that adds context. */
    public SchemaRegistryException(String message, SchemaRegistryException cause) {
        this(message, cause.httpStatus, cause.errorCode, cause);
    }

    /** @return the HTTP status of the registry's answer, or {@link #NO_ANSWER} when it could not be reached */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the Confluent {@code error_code} of the answer, or {@link #NO_ANSWER} when there was none */
    public int errorCode() {
        return errorCode;
    }

    /** @return true when the registry answered 404 (unknown subject, version or schema) */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** @return true when no answer came back (connection refused, timeout, TLS failure) */
    public boolean isUnreachable() {
        return httpStatus == NO_ANSWER;
    }

    /**
     * Whether the registry could not give an answer about the schema itself: no answer at all, a server error
     * (5xx), a timeout or rate limit (408, 429), or refused credentials (401, 403). Such a failure says nothing
     * about the data, so a caller must wait and retry, never treat the record as bad.
     */
    public boolean isUnavailable() {
        return httpStatus == NO_ANSWER || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429
                || httpStatus == 401 || httpStatus == 403;
    }
}
