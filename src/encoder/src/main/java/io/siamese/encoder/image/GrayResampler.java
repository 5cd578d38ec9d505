package io.siamese.encoder.image;

/**
 * Deterministic, separable resizing of a single-channel plane, in plain Java arithmetic so that
 * training and serving produce bit-identical tensors on any JVM (Java2D scaling may use native
 * loops whose rounding differs between platforms).
 *
 * <p>Each axis is handled on its own: when an axis shrinks by more than 2x it uses area (box)
 * averaging, so every source pixel contributes and thin structures do not alias away in
 * thumbnails; otherwise it uses bilinear interpolation with half-pixel centres
 * ({@code align_corners=false}, as PyTorch and PIL define it). At exactly 2x the two agree.
 */
final class GrayResampler {

    private GrayResampler() {
    }

    /**
     * Resizes a row-major plane.
     *
     * @return a new row-major plane of {@code targetWidth * targetHeight} values
     */
    static double[] resize(double[] source, int sourceWidth, int sourceHeight,
            int targetWidth, int targetHeight) {
        if (sourceWidth == targetWidth && sourceHeight == targetHeight) {
            return source.clone();
        }
        AxisWeights columns = AxisWeights.forAxis(sourceWidth, targetWidth);
        AxisWeights rows = AxisWeights.forAxis(sourceHeight, targetHeight);
        double[] horizontal = new double[sourceHeight * targetWidth];
        for (int y = 0; y < sourceHeight; y++) {
            columns.apply(source, y * sourceWidth, horizontal, y * targetWidth);
        }
        double[] target = new double[targetHeight * targetWidth];
        // Vertical pass row by row (a weighted sum of whole source rows), so memory is read
        // sequentially instead of striding down columns.
        for (int y = 0; y < targetHeight; y++) {
            int out = y * targetWidth;
            int sourceRow = rows.first[y];
            for (int k = rows.offset[y]; k < rows.offset[y + 1]; k++, sourceRow++) {
                double w = rows.weight[k];
                int in = sourceRow * targetWidth;
                for (int x = 0; x < targetWidth; x++) {
                    target[out + x] += w * horizontal[in + x];
                }
            }
        }
        return target;
    }

    /** For each target index along one axis: the contiguous source run and its weights. */
    static final class AxisWeights {
        private final int[] first;
        private final int[] offset;
        private final double[] weight;

        private AxisWeights(int[] first, int[] offset, double[] weight) {
            this.first = first;
            this.offset = offset;
            this.weight = weight;
        }

        static AxisWeights forAxis(int sourceLength, int targetLength) {
            return sourceLength > 2L * targetLength
                    ? area(sourceLength, targetLength)
                    : bilinear(sourceLength, targetLength);
        }

        static AxisWeights bilinear(int sourceLength, int targetLength) {
            double scale = (double) sourceLength / targetLength;
            int[] first = new int[targetLength];
            int[] offset = new int[targetLength + 1];
            double[] weight = new double[2 * targetLength];
            int used = 0;
            for (int i = 0; i < targetLength; i++) {
                // Half-pixel centres; PyTorch clamps the left edge to 0 the same way.
                double x = Math.max(0.0, (i + 0.5) * scale - 0.5);
                int left = Math.min((int) x, sourceLength - 1);
                double fraction = x - left;
                first[i] = left;
                offset[i] = used;
                if (left + 1 < sourceLength && fraction > 0) {
                    weight[used++] = 1.0 - fraction;
                    weight[used++] = fraction;
                } else {
                    weight[used++] = 1.0;
                }
            }
            offset[targetLength] = used;
            return new AxisWeights(first, offset, weight);
        }

        static AxisWeights area(int sourceLength, int targetLength) {
            double scale = (double) sourceLength / targetLength;
            int[] first = new int[targetLength];
            int[] offset = new int[targetLength + 1];
            double[] weight = new double[sourceLength + 2 * targetLength];
            int used = 0;
            for (int i = 0; i < targetLength; i++) {
                double low = i * scale;
                double high = Math.min(sourceLength, (i + 1) * scale);
                int start = (int) Math.floor(low);
                int end = Math.min(sourceLength, (int) Math.ceil(high));
                first[i] = start;
                offset[i] = used;
                for (int j = start; j < end; j++) {
                    // Fraction of target cell i covered by source pixel j; edge pixels count partly.
                    double covered = Math.min(high, j + 1) - Math.max(low, j);
                    weight[used++] = Math.max(0.0, covered) / scale;
                }
            }
            offset[targetLength] = used;
            return new AxisWeights(first, offset, weight);
        }

        /** Resamples the row starting at {@code inStart} into the row starting at {@code outStart}. */
        void apply(double[] in, int inStart, double[] out, int outStart) {
            for (int i = 0; i < first.length; i++) {
                double sum = 0;
                int at = inStart + first[i];
                for (int k = offset[i]; k < offset[i + 1]; k++, at++) {
                    sum += weight[k] * in[at];
                }
                out[outStart + i] = sum;
            }
        }
    }
}
