package io.siamese.encoder.model;

/**
 * Between Java's one-array-per-image and PyTorch's one contiguous tensor: images laid end to end,
 * checked against the network's input size, and a flat {@code (n, d)} output split back into rows.
 * The block predictor and the graphs both pass through here, so both refuse a wrongly sized image
 * with the same message.
 */
final class FlatImages {

    private FlatImages() {}

    /**
     * The images of {@code sides[from..to-1]}, side after side, in one array.
     *
     * @param inputSize the network's square input side; every image must hold {@code inputSize^2} values
     */
    static float[] concat(float[][][] sides, int from, int to, int inputSize) {
        int pixels = inputSize * inputSize;
        int n = 0;
        for (int s = from; s < to; s++) {
            n += sides[s].length;
        }
        float[] flat = new float[n * pixels];
        int row = 0;
        for (int s = from; s < to; s++) {
            for (float[] image : sides[s]) {
                if (image.length != pixels) {
                    throw new IllegalArgumentException("image " + row + " has " + image.length
                            + " values, the model expects " + pixels + " (" + inputSize + "x" + inputSize + ")");
                }
                System.arraycopy(image, 0, flat, row++ * pixels, pixels);
            }
        }
        return flat;
    }

    /** {@code n} rows of {@code d} values out of a flat array. */
    static float[][] rows(float[] flat, int n, int d) {
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }
}
