package io.siamese.encoder.eval;

/**
 * Embeddings and distances of a list of examples.
 *
 * @param embeddings {@code embeddings[side][example]}: 2 sides for pairs, 3 for triplets
 * @param distances distance between side 0 and side 1 of each example
 * @param labels 0 same, 1 different (pairs); all 0 for triplets
 */
public record ScoredExamples(float[][][] embeddings, double[] distances, int[] labels) {}
