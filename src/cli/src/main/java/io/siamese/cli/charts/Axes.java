package io.siamese.cli.charts;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;

/**
 * Maps data coordinates onto a pixel rectangle and draws grid, ticks and axis labels.
 */
final class Axes {

    final Rectangle plot;
    final NiceScale x;
    final NiceScale y;

    Axes(Rectangle plot, NiceScale x, NiceScale y) {
        this.plot = plot;
        this.x = x;
        this.y = y;
    }

    /** Pixel column of data value {@code value} on the x axis. */
    double px(double value) {
        return plot.x + (value - x.min) / (x.max - x.min) * plot.width;
    }

    /** Pixel row of data value {@code value} on the y axis; pixel rows grow downwards. */
    double py(double value) {
        return plot.y + plot.height - (value - y.min) / (y.max - y.min) * plot.height;
    }

    /** Draws light grid lines first, so that data drawn afterwards sits on top of them. */
    void drawGrid(Graphics2D g) {
        g.setColor(ChartCanvas.GRID);
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < x.tickCount(); i++) {
            double px = px(x.tick(i));
            g.draw(new Line2D.Double(px, plot.y, px, plot.y + plot.height));
        }
        for (int i = 0; i < y.tickCount(); i++) {
            double py = py(y.tick(i));
            g.draw(new Line2D.Double(plot.x, py, plot.x + plot.width, py));
        }
    }

    /** Draws the axis lines, tick marks, tick labels and both axis titles. */
    void drawAxes(Graphics2D g, String xLabel, String yLabel) {
        g.setColor(ChartCanvas.AXIS);
        g.setStroke(new BasicStroke(1.5f));
        int bottom = plot.y + plot.height;
        g.drawLine(plot.x, bottom, plot.x + plot.width, bottom);
        g.drawLine(plot.x, plot.y, plot.x, bottom);
        g.setFont(ChartCanvas.TICK_FONT);
        int ascent = g.getFontMetrics().getAscent();
        for (int i = 0; i < x.tickCount(); i++) {
            double px = px(x.tick(i));
            g.setColor(ChartCanvas.AXIS);
            g.draw(new Line2D.Double(px, bottom, px, bottom + 6));
            g.setColor(ChartCanvas.TEXT);
            ChartCanvas.drawCentered(g, x.format(x.tick(i)), px, bottom + 8 + ascent);
        }
        for (int i = 0; i < y.tickCount(); i++) {
            double py = py(y.tick(i));
            g.setColor(ChartCanvas.AXIS);
            g.draw(new Line2D.Double(plot.x - 6, py, plot.x, py));
            g.setColor(ChartCanvas.TEXT);
            String label = y.format(y.tick(i));
            int width = g.getFontMetrics().stringWidth(label);
            g.drawString(label, (float) (plot.x - 10 - width), (float) (py + ascent / 2.0 - 1));
        }
        g.setFont(ChartCanvas.LABEL_FONT);
        g.setColor(ChartCanvas.TEXT);
        ChartCanvas.drawCentered(g, xLabel == null ? "" : xLabel, plot.x + plot.width / 2.0, bottom + 52);
        // The y label is drawn rotated a quarter turn anticlockwise, reading bottom to top.
        AffineTransform saved = g.getTransform();
        g.translate(plot.x - 62, plot.y + plot.height / 2.0);
        g.rotate(-Math.PI / 2);
        ChartCanvas.drawCentered(g, yLabel == null ? "" : yLabel, 0, 0);
        g.setTransform(saved);
    }
}
