package io.siamese.cli.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Image pairs side by side with a caption under each, the classic Siamese-network picture.
 *
 * <p>Up to {@value #MAX_SINGLE_COLUMN_TILES} tiles are stacked in one column; more are laid out
 * in two columns so the picture does not grow impractically tall.
 */
public final class PairGrid {

    /** Small images (28x28 digits) are enlarged to at least this many pixels to be visible. */
    static final int MIN_SIDE = 100;
    /** Large images are shrunk to at most this many pixels so the grid stays viewable. */
    static final int MAX_SIDE = 256;
    static final int MAX_SINGLE_COLUMN_TILES = 4;
    private static final int MARGIN = 20;
    private static final int TILE_PADDING = 12;
    private static final int IMAGE_GAP = 10;
    private static final int TILE_GAP = 16;
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    private static final Color TILE_BACKGROUND = new Color(0xF3, 0xF4, 0xF6);
    private static final Color IMAGE_BORDER = new Color(0x9A, 0x9A, 0x9A);
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);

    private PairGrid() {
    }

    /**
     * Renders the tiles and writes a PNG whose size follows from the images and tile count.
     *
     * @param png   output file; parent directories are created
     * @param tiles pairs to show, at least one
     * @throws IllegalArgumentException when there are no tiles
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static void write(Path png, List<PairTile> tiles) {
        if (tiles == null || tiles.isEmpty()) {
            throw new IllegalArgumentException("at least one tile is required");
        }
        // Every cell gets the size of the largest so that rows and columns line up.
        int pairWidth = 0;
        int pairHeight = 0;
        int captionWidth = 0;
        FontMetrics metrics = captionMetrics();
        for (PairTile tile : tiles) {
            int[] left = scaledSize(tile.left());
            int[] right = scaledSize(tile.right());
            pairWidth = Math.max(pairWidth, left[0] + IMAGE_GAP + right[0]);
            pairHeight = Math.max(pairHeight, Math.max(left[1], right[1]));
            captionWidth = Math.max(captionWidth, metrics.stringWidth(tile.caption()));
        }
        int captionHeight = metrics.getHeight() + 8;
        int cellWidth = 2 * TILE_PADDING + Math.max(pairWidth, captionWidth);
        int cellHeight = 2 * TILE_PADDING + pairHeight + captionHeight;
        int columns = tiles.size() > MAX_SINGLE_COLUMN_TILES ? 2 : 1;
        int rows = (tiles.size() + columns - 1) / columns;
        int width = 2 * MARGIN + columns * cellWidth + (columns - 1) * TILE_GAP;
        int height = 2 * MARGIN + rows * cellHeight + (rows - 1) * TILE_GAP;

        BufferedImage image = whiteImage(width, height);
        Graphics2D g = smoothGraphics(image);
        try {
            for (int i = 0; i < tiles.size(); i++) {
                int x = MARGIN + (i % columns) * (cellWidth + TILE_GAP);
                int y = MARGIN + (i / columns) * (cellHeight + TILE_GAP);
                drawTile(g, tiles.get(i), x, y, cellWidth, pairHeight, cellHeight);
            }
        } finally {
            g.dispose();
        }
        writePng(image, png);
    }

    private static void drawTile(Graphics2D g, PairTile tile, int x, int y,
                                 int cellWidth, int pairHeight, int cellHeight) {
        g.setColor(TILE_BACKGROUND);
        g.fillRoundRect(x, y, cellWidth, cellHeight, 12, 12);
        int[] left = scaledSize(tile.left());
        int[] right = scaledSize(tile.right());
        int pairX = x + (cellWidth - (left[0] + IMAGE_GAP + right[0])) / 2;
        int top = y + TILE_PADDING;
        drawImage(g, tile.left(), pairX, top + (pairHeight - left[1]) / 2, left);
        drawImage(g, tile.right(), pairX + left[0] + IMAGE_GAP, top + (pairHeight - right[1]) / 2, right);
        g.setFont(CAPTION_FONT);
        g.setColor(TEXT);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(tile.caption(), (float) (x + (cellWidth - metrics.stringWidth(tile.caption())) / 2.0),
                (float) (top + pairHeight + 6 + metrics.getAscent()));
    }

    private static void drawImage(Graphics2D g, BufferedImage source, int x, int y, int[] size) {
        // Enlarging with nearest neighbour keeps pixels crisp instead of a blurry smear;
        // shrinking needs interpolation to avoid aliasing.
        boolean enlarging = size[0] >= source.getWidth();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, enlarging
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, x, y, size[0], size[1], Color.WHITE, null);
        g.setColor(IMAGE_BORDER);
        g.drawRect(x - 1, y - 1, size[0] + 1, size[1] + 1);
    }

    /** Caption font metrics, needed for the layout before the real canvas exists. */
    private static FontMetrics captionMetrics() {
        Graphics2D scratch = smoothGraphics(whiteImage(1, 1));
        try {
            return scratch.getFontMetrics(CAPTION_FONT);
        } finally {
            scratch.dispose();
        }
    }

    /**
     * Display size of an image: small ones enlarged by a whole factor (so every source pixel
     * becomes an equal square), large ones shrunk to fit {@link #MAX_SIDE}.
     */
    static int[] scaledSize(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int longest = Math.max(w, h);
        if (longest < MIN_SIDE) {
            int factor = (MIN_SIDE + longest - 1) / longest;
            return new int[] {w * factor, h * factor};
        }
        if (longest > MAX_SIDE) {
            double factor = (double) MAX_SIDE / longest;
            return new int[] {Math.max(1, (int) Math.round(w * factor)), Math.max(1, (int) Math.round(h * factor))};
        }
        return new int[] {w, h};
    }

    /** A white RGB image; RGB rather than ARGB so viewers never show a checkerboard. */
    private static BufferedImage whiteImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Graphics with antialiasing for shapes and text, which rounded tiles and captions need. */
    private static Graphics2D smoothGraphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    /** Writes the image as PNG, creating parent directories; unchecked, like the rest of the one-call API. */
    private static void writePng(BufferedImage image, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }
}
