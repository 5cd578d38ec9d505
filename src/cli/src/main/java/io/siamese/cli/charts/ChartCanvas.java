package io.siamese.cli.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Drawing helpers shared by the charts: canvas setup, title, legend and PNG output.
 *
 * <p>Keeping the look in one place makes every chart the trainer writes consistent.
 */
final class ChartCanvas {

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xE4, 0xE4, 0xE4);
    static final Color AXIS = new Color(0x55, 0x55, 0x55);

    /** One legend row: a coloured swatch and its text. */
    record LegendEntry(String text, Color color, boolean filledBox) {
    }

    private ChartCanvas() {
    }

    /** A white RGB image; RGB rather than ARGB so viewers never show a checkerboard. */
    static BufferedImage whiteImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Graphics with antialiasing for shapes and text, which thin lines need to look smooth. */
    static Graphics2D smoothGraphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    /** Draws {@code text} horizontally centred on {@code centerX} with its baseline at {@code y}. */
    static void drawCentered(Graphics2D g, String text, double centerX, double y) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) (centerX - metrics.stringWidth(text) / 2.0), (float) y);
    }

    /** Draws the chart title centred in the top margin. */
    static void drawTitle(Graphics2D g, String title, int imageWidth) {
        g.setFont(TITLE_FONT);
        g.setColor(TEXT);
        drawCentered(g, title == null ? "" : title, imageWidth / 2.0, 34);
    }

    /**
     * Draws a legend box in the top-right corner inside the plot area.
     *
     * @return the area the legend covers, so other annotations can avoid it
     */
    static Rectangle drawLegend(Graphics2D g, Rectangle plot, List<LegendEntry> entries) {
        if (entries.isEmpty()) {
            return new Rectangle(plot.x + plot.width, plot.y, 0, 0);
        }
        g.setFont(LABEL_FONT);
        FontMetrics metrics = g.getFontMetrics();
        int swatch = 24;
        int rowHeight = metrics.getHeight() + 4;
        int textWidth = entries.stream().mapToInt(e -> metrics.stringWidth(e.text())).max().orElse(0);
        int width = 12 + swatch + 8 + textWidth + 12;
        int height = 8 + rowHeight * entries.size() + 4;
        int left = plot.x + plot.width - width - 10;
        int top = plot.y + 10;
        // Slightly translucent so data behind the legend still shows through a little.
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRoundRect(left, top, width, height, 8, 8);
        g.setColor(new Color(0xBB, 0xBB, 0xBB));
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(left, top, width, height, 8, 8);
        for (int i = 0; i < entries.size(); i++) {
            LegendEntry entry = entries.get(i);
            int middle = top + 8 + rowHeight * i + rowHeight / 2;
            g.setColor(entry.color());
            if (entry.filledBox()) {
                g.fillRect(left + 12, middle - 7, swatch, 14);
            } else {
                g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.drawLine(left + 12, middle, left + 12 + swatch, middle);
            }
            g.setColor(TEXT);
            g.drawString(entry.text(), left + 12 + swatch + 8, middle + metrics.getAscent() / 2 - 2);
        }
        return new Rectangle(left, top, width, height);
    }

    /**
     * Writes the image as PNG, creating parent directories.
     *
     * @throws UncheckedIOException when the file cannot be written, so callers of the
     *                              one-line chart API are not forced into checked exceptions
     */
    static void writePng(BufferedImage image, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png, e);
        }
    }
}
