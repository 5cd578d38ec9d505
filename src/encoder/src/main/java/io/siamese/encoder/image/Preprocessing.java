package io.siamese.encoder.image;

/** STUB: replaced by the real implementation. */
public record Preprocessing(int width, int height, boolean invert) {}
