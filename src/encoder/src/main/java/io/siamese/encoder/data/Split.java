package io.siamese.encoder.data;

import java.util.Locale;

/** Which part of a dataset to open. */
public enum Split {
    /** The training images. */
    TRAIN,
    /** The held-out test images. */
    TEST;

    /**
     * The sub-folder name used for this split in folder datasets.
     *
     * @return {@code "train"} or {@code "test"}
     */
    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
