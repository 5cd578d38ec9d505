package io.siamese.cli.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Test helpers: synthetic digit images and pixel checks on written PNGs. */
final class ChartImages {

    private ChartImages() {
    }

    /** A 28x28 grey-scale digit, white on black like MNIST. */
    static BufferedImage digit(int value, int shift) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(Integer.toString(value), 7 + shift, 23);
        g.dispose();
        return image;
    }

    /** Reads a PNG back, failing clearly when it is not a readable image. */
    static BufferedImage read(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new IOException("not a readable image: " + png);
        }
        return image;
    }

    /** Share of pixels that are not pure white, i.e. how much was drawn. */
    static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    /** Whether some pixel of the image is close to the given colour (antialiasing aside). */
    static boolean containsColor(BufferedImage image, Color color, int tolerance) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) <= tolerance
                        && Math.abs(c.getGreen() - color.getGreen()) <= tolerance
                        && Math.abs(c.getBlue() - color.getBlue()) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
    }
}
