package io.siamese.service.stream;

/**
 * A record that cannot be scored. {@code kind} is one of {@link io.siamese.schemas.DeadLetterKinds};
 * the message says what is wrong in words a publisher can act on.
 */
public final class RejectedRecord extends Exception {

    private final String kind;

    /**
     * @param kind dead-letter kind
     * @param message what is wrong
     */
    public RejectedRecord(String kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** The dead-letter kind. */
    public String kind() {
        return kind;
    }
}
