package io.siamese.encoder.model;

import io.siamese.encoder.image.Preprocessing;

/**
 * What a network is: architecture, weight sharing, input and embedding sizes, and whether inputs
 * are inverted. Everything the service needs to rebuild the network and its preprocessing.
 *
 * @param architecture tower architecture
 * @param mode shared (siamese) or separate (pseudo) weights
 * @param inputSize square input size in pixels
 * @param embeddingDim embedding size
 * @param invert whether preprocessing inverts gray levels (the seed's option, off by default)
 */
public record ModelSpec(Architecture architecture, Mode mode, int inputSize, int embeddingDim, boolean invert) {

    /** Validates sizes. */
    public ModelSpec {
        if (inputSize < 8 || inputSize > 1024) {
            throw new IllegalArgumentException("input size must be 8..1024 pixels, got " + inputSize);
        }
        if (embeddingDim < 1 || embeddingDim > 4096) {
            throw new IllegalArgumentException("embedding size must be 1..4096, got " + embeddingDim);
        }
    }

    /** The architecture's defaults, siamese mode, no inversion. */
    public static ModelSpec defaults(Architecture architecture) {
        return new ModelSpec(architecture, Mode.SIAMESE, architecture.defaultInputSize(),
                architecture.defaultEmbeddingDim(), false);
    }

    /** The preprocessing shared by training and serving for this network. */
    public Preprocessing preprocessing() {
        return new Preprocessing(inputSize, inputSize, invert);
    }

    /** Floats per preprocessed image. */
    public int pixels() {
        return inputSize * inputSize;
    }
}
