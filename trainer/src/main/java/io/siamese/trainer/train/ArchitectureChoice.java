package io.siamese.trainer.train;

import io.siamese.encoder.data.ImageSizeSurvey;
import io.siamese.encoder.model.Architecture;

/**
 * The network {@code train} builds when the user names none, chosen from the images' size: small
 * images (Fashion-MNIST's 28x28) get {@code compact} at 32x32, where it beats the seed network;
 * images of 64 pixels or more a side (the seed's 92x112 faces) get the seed network at 100x100,
 * which keeps the detail that tells faces apart (EER 0.003 against compact's 0.107 at 32x32 on 3
 * unseen identities, measured when the issue asking for this was filed).
 *
 * @param architecture the network
 * @param inputSize its square input size
 * @param reason one line saying why, for the run's output
 */
public record ArchitectureChoice(Architecture architecture, int inputSize, String reason) {

    /** The shortest median side from which images count as detailed. */
    static final int DETAILED_SIDE = 64;

    /** Chooses for images of the surveyed size. */
    public static ArchitectureChoice forImages(ImageSizeSurvey survey) {
        String size = survey.medianWidth() + "x" + survey.medianHeight();
        if (survey.shortSide() >= DETAILED_SIDE) {
            return new ArchitectureChoice(Architecture.SEED, Architecture.SEED.defaultInputSize(),
                    "images are about " + size + ": seed at 100x100 keeps their detail");
        }
        return new ArchitectureChoice(Architecture.COMPACT, Architecture.COMPACT.defaultInputSize(),
                "images are about " + size + ": compact at 32x32 suits small images");
    }
}
