package io.siamese.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random, label-preserving changes to a preprocessed training image, drawn anew every time an
 * image is used, so the network sees the same picture slightly shifted, cropped or turned. Applied
 * to the square grayscale tensor after the shared preprocessing, so serving is unaffected.
 *
 * <p>Every change is one inverse mapping sampled bilinearly, with edge pixels repeated beyond the
 * border (a shifted image keeps its background instead of gaining a black band).
 *
 * @param shift largest translation, as a fraction of the side (0.0625 = 2 pixels at 32)
 * @param crop largest zoom-in: a crop of {@code 1 / (1 + crop)} of the side scaled back up
 * @param rotateDegrees largest rotation either way
 * @param flip mirror left-right half of the time; only for data whose classes survive a mirror
 */
public record Augmentation(double shift, double crop, double rotateDegrees, boolean flip) {

    /** No change at all. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, false);

    private static final double SHIFT = 0.0625;
    private static final double CROP = 0.15;
    private static final double ROTATE = 10;

    /** Whether any change is made. */
    public boolean enabled() {
        return shift > 0 || crop > 0 || rotateDegrees > 0 || flip;
    }

    /**
     * Parses {@code none} or a comma-separated list of {@code shift}, {@code crop}, {@code rotate},
     * {@code flip}, each with its fixed strength (1/16 of the side, 15%, 10 degrees, 50%).
     */
    public static Augmentation parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none")) {
            return NONE;
        }
        double shift = 0;
        double crop = 0;
        double rotate = 0;
        boolean flip = false;
        for (String part : s.split(",")) {
            switch (part.trim()) {
                case "shift" -> shift = SHIFT;
                case "crop" -> crop = CROP;
                case "rotate" -> rotate = ROTATE;
                case "flip" -> flip = true;
                default -> throw new IllegalArgumentException("unknown augmentation '" + part.trim()
                        + "'; use none or a list of shift, crop, rotate, flip");
            }
        }
        return new Augmentation(shift, crop, rotate, flip);
    }

    /** The form {@link #parse} reads, e.g. {@code "shift,flip"}. */
    public String id() {
        List<String> parts = new ArrayList<>();
        if (shift > 0) {
            parts.add("shift");
        }
        if (crop > 0) {
            parts.add("crop");
        }
        if (rotateDegrees > 0) {
            parts.add("rotate");
        }
        if (flip) {
            parts.add("flip");
        }
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    /**
     * @param image {@code size * size} floats, row-major; not modified
     * @param size the side in pixels
     * @param random the run's seeded random source
     * @return a new, changed image (or {@code image} itself when nothing is enabled)
     */
    public float[] apply(float[] image, int size, SplittableRandom random) {
        if (!enabled()) {
            return image;
        }
        double dx = shift > 0 ? random.nextDouble(-shift, shift) * size : 0;
        double dy = shift > 0 ? random.nextDouble(-shift, shift) * size : 0;
        double zoom = crop > 0 ? 1 + random.nextDouble(0, crop) : 1;
        double angle = rotateDegrees > 0 ? Math.toRadians(random.nextDouble(-rotateDegrees, rotateDegrees)) : 0;
        boolean mirror = flip && random.nextBoolean();
        double cos = Math.cos(angle) / zoom;
        double sin = Math.sin(angle) / zoom;
        double c = (size - 1) / 2.0;
        float[] out = new float[image.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                // Where output pixel (x, y) comes from: undo the shift, then the rotation and zoom.
                double u = x - c - dx;
                double v = y - c - dy;
                double sx = cos * u + sin * v + c;
                double sy = -sin * u + cos * v + c;
                if (mirror) {
                    sx = size - 1 - sx;
                }
                out[y * size + x] = bilinear(image, size, sx, sy);
            }
        }
        return out;
    }

    private static float bilinear(float[] image, int size, double x, double y) {
        double cx = Math.min(size - 1, Math.max(0, x));
        double cy = Math.min(size - 1, Math.max(0, y));
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(size - 1, x0 + 1);
        int y1 = Math.min(size - 1, y0 + 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = image[y0 * size + x0] * (1 - fx) + image[y0 * size + x1] * fx;
        double bottom = image[y1 * size + x0] * (1 - fx) + image[y1 * size + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }
}
