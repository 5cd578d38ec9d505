package io.siamese.service.model;

import io.siamese.encoder.image.Preprocessing;

/**
 * What a served model is, as results and the API report it.
 *
 * @param version checkpoint version id
 * @param architecture tower architecture
 * @param distance distance id (euclidean, cosine, exponential)
 * @param threshold distance at or below which a pair is SAME
 * @param preprocessing how images become tensors for this model
 * @param location checkpoint directory
 */
public record ServedModel(
        String version, String architecture, String distance, double threshold, Preprocessing preprocessing,
        String location) {}
