package io.siamese.service.stream;

import io.siamese.schemas.ImagePair;

/**
 * A valid pair, its images already preprocessed for the served model.
 *
 * @param pair the deserialized event
 * @param left left tensor
 * @param right right tensor
 */
public record DecodedPair(ImagePair pair, float[] left, float[] right) {}
