package io.siamese.cli.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairGridTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    @Test
    void shouldDrawPairWithCaption() throws Exception {
        Path png = dir.resolve("pair.png");
        PairGrid.write(png, List.of(
                new PairTile(ChartImages.digit(3, 0), ChartImages.digit(3, 2), "Dissimilarity: 0.1234")));

        BufferedImage image = ChartImages.read(png);

        assertTrue(image.getWidth() >= 2 * PairGrid.MIN_SIDE, "both images at least 100 px wide");
        assertTrue(image.getHeight() >= PairGrid.MIN_SIDE);
        assertTrue(ChartImages.inkedShare(image) > 0.2, "dark digit backgrounds were drawn");
    }

    @Test
    void shouldGrowWithTileCount() throws Exception {
        BufferedImage one = render(1);
        BufferedImage three = render(3);
        BufferedImage eight = render(8);

        assertEquals(one.getWidth(), three.getWidth(), "one column up to four tiles");
        assertTrue(three.getHeight() > one.getHeight());
        assertTrue(eight.getWidth() > three.getWidth(), "two columns beyond four tiles");
        assertTrue((long) eight.getWidth() * eight.getHeight() > (long) three.getWidth() * three.getHeight());
    }

    @Test
    void shouldEnlargeSmallImagesByWholeFactorsAndShrinkLargeOnes() {
        assertArrayEquals(new int[] {112, 112}, PairGrid.scaledSize(new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB)));
        assertArrayEquals(new int[] {150, 120}, PairGrid.scaledSize(new BufferedImage(150, 120, BufferedImage.TYPE_INT_RGB)));
        assertArrayEquals(new int[] {256, 128}, PairGrid.scaledSize(new BufferedImage(1024, 512, BufferedImage.TYPE_INT_RGB)));
    }

    @Test
    void shouldRejectEmptyTileList() {
        assertThrows(IllegalArgumentException.class, () -> PairGrid.write(dir.resolve("none.png"), List.of()));
    }

    private BufferedImage render(int tiles) throws Exception {
        List<PairTile> list = new ArrayList<>();
        for (int i = 0; i < tiles; i++) {
            list.add(new PairTile(ChartImages.digit(i % 10, 0), ChartImages.digit((i + 1) % 10, 1),
                    "Dissimilarity: 0." + (1000 + i)));
        }
        Path png = dir.resolve("grid" + tiles + ".png");
        PairGrid.write(png, list);
        return ChartImages.read(png);
    }
}
