package io.siamese.encoder.checkpoint;

/**
 * A checkpoint could not be saved or loaded; the message says which file and why. {@link #filesIncomplete}
 * tells a checkpoint whose files are missing, unreadable or do not match their hash (they may still be
 * on their way: a copy in progress) from one that is complete and wrong (it will never load).
 */
public class CheckpointException extends RuntimeException {

    private final boolean filesIncomplete;

    /** @param message what is wrong, naming the checkpoint */
    public CheckpointException(String message) {
        this(message, null, false);
    }

    /**
     * @param message what is wrong, naming the checkpoint
     * @param cause the underlying failure
     */
    public CheckpointException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private CheckpointException(String message, Throwable cause, boolean filesIncomplete) {
        super(message, cause);
        this.filesIncomplete = filesIncomplete;
    }

    /** A checkpoint whose files are missing, unreadable or not (yet) what its manifest says. */
    public static CheckpointException incomplete(String message, Throwable cause) {
        return new CheckpointException(message, cause, true);
    }

    /**
     * Whether the files are missing, unreadable or differ from their hash: the same version may load once they
     * are complete. False for a complete checkpoint that cannot be used (unsupported format, unfit weights).
     */
    public boolean filesIncomplete() {
        return filesIncomplete;
    }
}
