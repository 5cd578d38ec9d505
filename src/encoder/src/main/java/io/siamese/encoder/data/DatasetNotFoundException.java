package io.siamese.encoder.data;

/**
 * A dataset is not where it was expected; the message says where it was looked for and how to
 * install or point to it.
 */
public class DatasetNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message where the dataset was looked for and how to fix it
     */
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
