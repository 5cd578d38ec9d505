package io.siamese.encoder.data;

/**
 * Image indices for a triplet loss.
 *
 * @param anchor the reference image
 * @param positive an image of the anchor's class
 * @param negative an image of another class
 */
public record Triplet(int anchor, int positive, int negative) {
}
