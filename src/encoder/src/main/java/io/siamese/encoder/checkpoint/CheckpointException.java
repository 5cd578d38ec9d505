package io.siamese.encoder.checkpoint;

/** A checkpoint could not be saved or loaded; the message says which file and why. */
public class CheckpointException extends RuntimeException {

    /** @param message what is wrong, naming the checkpoint */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the checkpoint
     * @param cause the underlying failure
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
