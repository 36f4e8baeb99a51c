package venti.http;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import venti.stats.Bin;

/**
 * A {@code /graph} drawn with JFreeChart as the C server draws it (graph.c
 * {@code statgraph}): one bin per pixel column, the range between each bin's least and
 * greatest value in the darker of the fill's two colours over the lighter one filled down
 * from the least, with the mean as a line, on a transparent background. Small images (the
 * C default is 540 × 42) show only the vertical axis; from {@link #FULL_HEIGHT} pixels up
 * they have a time axis, grid lines and the graph's name.
 *
 * <p>Each request draws its own chart, so concurrent requests share nothing. AWT runs
 * headless.
 */
final class GraphImage {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The C server's margins, defaults and limits (graph.c). */
    private static final int LEFT = 40;
    private static final int MIN_WIDTH = LEFT + 2;
    private static final int MIN_HEIGHT = 4;
    private static final int DEFAULT_WIDTH = LEFT + 500;
    private static final int DEFAULT_HEIGHT = 42;
    private static final int MAX_WIDTH = 2000;
    private static final int MAX_HEIGHT = 2000;
    /** Images at least this tall get a title and a time axis. */
    static final int FULL_HEIGHT = 120;

    /** The C server's six fills: a light and a dark colour each (peach, aqua, yellow, green, blue, grey). */
    private static final int[][] FILLS = {
        {0xFFAAAA, 0xBB5D5D}, {0x9EEEEE, 0x8888CC}, {0xEEEE9E, 0x99994C},
        {0x88CC88, 0x448844}, {0x00AAFF, 0x0088CC}, {0xCCCCCC, 0x888888},
    };

    private final GraphRequest request;
    private final int width;
    private final int height;
    private final int fill;

    private GraphImage(GraphRequest request, int width, int height, int fill) {
        this.request = request;
        this.width = width;
        this.height = height;
        this.fill = fill;
    }

    static GraphImage of(GraphRequest r) {
        int w = r.wid() <= MIN_WIDTH ? DEFAULT_WIDTH : Math.min(MAX_WIDTH, r.wid());
        int h = r.ht() <= MIN_HEIGHT ? DEFAULT_HEIGHT : Math.min(MAX_HEIGHT, r.ht());
        int key = r.arg() != null ? r.arg().ordinal() : r.type().ordinal();
        int f = r.fill() < 0 ? key % FILLS.length : r.fill() % FILLS.length;
        return new GraphImage(r, w, h, f);
    }

    /** Bins to draw: one per pixel column of the plot. */
    int bins() {
        return width - LEFT;
    }

    /** The PNG of {@code bins} spanning {@code t0} to {@code t1}, seconds since the epoch. */
    byte[] png(Bin[] bins, long t0, long t1) {
        YIntervalSeries range = new YIntervalSeries("range");
        XYSeries floor = new XYSeries("min");
        double step = (t1 - t0) * 1000.0 / bins.length;
        for (int i = 0; i < bins.length; i++) {
            Bin b = bins[i];
            if (b.samples() == 0) {
                continue;
            }
            double x = t0 * 1000.0 + step * (i + 0.5);
            range.add(x, b.avg(), b.min(), b.max());
            floor.add(x, b.min());
        }
        boolean full = height >= FULL_HEIGHT;
        Color light = new Color(FILLS[fill][0]);
        Color dark = new Color(FILLS[fill][1]);

        DateAxis time = new DateAxis();
        time.setRange(t0 * 1000.0, t1 * 1000.0);
        time.setVisible(full);
        NumberAxis value = new NumberAxis(full ? request.title() : null);
        value.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, full ? 11 : 9));
        value.setAutoRangeIncludesZero(true);
        value.setAutoRangeMinimumSize(1);
        value.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        value.setNumberFormatOverride(new CompactFormat());
        if (request.min() >= 0 && request.max() > request.min()) {
            value.setRange(request.min(), request.max());
        }

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(time);
        plot.setRangeAxis(value);
        DeviationRenderer band = new DeviationRenderer(true, false);
        band.setSeriesPaint(0, dark);
        band.setSeriesFillPaint(0, dark);
        band.setSeriesStroke(0, new BasicStroke(1f));
        band.setAlpha(0.8f);
        YIntervalSeriesCollection ranges = new YIntervalSeriesCollection();
        ranges.addSeries(range);
        plot.setDataset(0, ranges);
        plot.setRenderer(0, band);
        XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
        area.setSeriesPaint(0, light);
        plot.setDataset(1, new XYSeriesCollection(floor));
        plot.setRenderer(1, area);
        plot.setBackgroundPaint(null);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(full);
        plot.setRangeGridlinesVisible(full);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(1, 0, 1, 0));

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(null);
        chart.setPadding(RectangleInsets.ZERO_INSETS);
        chart.setAntiAlias(true);
        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_ARGB, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
