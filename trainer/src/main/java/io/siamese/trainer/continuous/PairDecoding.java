package io.siamese.trainer.continuous;

import io.siamese.encoder.image.ImageDecodeException;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.trainer.train.LabelledPairTensors;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns stored pairs into model inputs with the shared encoder code, the decoder and limits the service uses
 * and the serving model's {@link Preprocessing}, so the trainer sees exactly the tensors the service would.
 */
final class PairDecoding {

    private final Preprocessing preprocessing;
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    /** @param preprocessing the serving model's */
    PairDecoding(Preprocessing preprocessing) {
        this.preprocessing = preprocessing;
    }

    /**
     * Both images of a pair as tensors.
     *
     * @return {@code {left, right}}
     * @throws ImageDecodeException when an image is empty, corrupt, unsupported or over a limit
     */
    float[][] tensors(StoredPair pair) {
        return new float[][] {preprocessing.toTensor(pair.left(), decoder), preprocessing.toTensor(pair.right(), decoder)};
    }

    /**
     * Why a pair cannot be used, checked before it is stored.
     *
     * @return the reason, or null when both images decode
     */
    String problem(StoredPair pair) {
        try {
            tensors(pair);
            return null;
        } catch (ImageDecodeException e) {
            return e.getMessage();
        }
    }

    /**
     * Decodes pairs; a pair that no longer decodes (it was checked when stored) is left out.
     *
     * @param pairs stored pairs
     * @return their tensors and labels, in the same order
     */
    LabelledPairTensors decodeAll(List<StoredPair> pairs) {
        List<float[]> left = new ArrayList<>(pairs.size());
        List<float[]> right = new ArrayList<>(pairs.size());
        int[] labels = new int[pairs.size()];
        int n = 0;
        for (StoredPair pair : pairs) {
            try {
                float[][] t = tensors(pair);
                left.add(t[0]);
                right.add(t[1]);
                labels[n++] = pair.label();
            } catch (ImageDecodeException e) {
                // Checked at ingest with the same code; only a changed preprocessing could get here.
            }
        }
        return new LabelledPairTensors(left.toArray(float[][]::new), right.toArray(float[][]::new),
                java.util.Arrays.copyOf(labels, n));
    }
}
