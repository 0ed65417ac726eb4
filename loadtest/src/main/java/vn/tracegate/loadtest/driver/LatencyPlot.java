package vn.tracegate.loadtest.driver;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;

/**
 * Draws a run as a PNG with three stacked panels sharing the time axis: latency per second of
 * intended send time (p50, p99, p99.9 on a log scale, with the 20 ms and 50 ms targets), arrival
 * rate against answers per second (and refusals), and the gateway's heap. Plain Java2D, headless.
 */
public final class LatencyPlot {

  private static final int WIDTH = 1200;
  private static final int PANEL = 260;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 40;
  private static final int GAP = 45;
  private static final Color P50 = new Color(0x2b8cbe);
  private static final Color P99 = new Color(0xe6550d);
  private static final Color P999 = new Color(0x756bb1);
  private static final Color GRID = new Color(0xdddddd);

  private LatencyPlot() {}

  /**
   * @param heapStartNanos {@link System#nanoTime()} the heap sampler counts its seconds from
   */
  public static void write(OpenRun run, List<HeapSampler.Sample> heap, long heapStartNanos, String title,
      Path file) throws IOException {
    int height = TOP + 3 * PANEL + 2 * GAP + 50;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 24);
    int n = run.secondCount();
    double seconds = Math.max(1, n);
    latencyPanel(g, run, n, seconds, TOP);
    ratePanel(g, run, n, seconds, TOP + PANEL + GAP);
    heapPanel(g, run, heap, heapStartNanos, seconds, TOP + 2 * (PANEL + GAP));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.DARK_GRAY);
    g.drawString("seconds of the schedule (holds for a quiet machine between steps left out)", WIDTH / 2 - 220,
        height - 12);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void latencyPanel(Graphics2D g, OpenRun run, int n, double seconds, int top) {
    double lo = 0.1;
    double hi = 10_000;
    DoubleUnaryOperator y = ms -> top + PANEL - (Math.log10(Math.max(lo, Math.min(hi, ms))) - Math.log10(lo))
        / (Math.log10(hi) - Math.log10(lo)) * PANEL;
    frame(g, top, "latency (ms, log) by intended send second", seconds);
    for (double tick : new double[] {0.1, 1, 10, 100, 1000, 10_000}) {
      gridLine(g, y.applyAsDouble(tick), tick < 1 ? "0.1" : String.format("%,.0f", tick));
    }
    g.setColor(new Color(0x31a354));
    dashed(g, y.applyAsDouble(20), "20 ms");
    g.setColor(Color.RED);
    dashed(g, y.applyAsDouble(50), "50 ms");
    double[][] series = new double[3][n];
    for (int s = 0; s < n; s++) {
      Tally t = run.secondTally(s);
      series[0][s] = t.okCount() == 0 ? Double.NaN : t.millisAt(50);
      series[1][s] = t.okCount() == 0 ? Double.NaN : t.millisAt(99);
      series[2][s] = t.okCount() == 0 ? Double.NaN : t.millisAt(99.9);
    }
    Color[] colors = {P50, P99, P999};
    String[] names = {"p50", "p99", "p99.9"};
    for (int k = 0; k < 3; k++) {
      line(g, series[k], seconds, y, colors[k]);
      legend(g, k, top, names[k], colors[k]);
    }
  }

  private static void ratePanel(Graphics2D g, OpenRun run, int n, double seconds, int top) {
    double max = 1;
    double[] target = new double[n];
    double[] answered = new double[n];
    double[] failed = new double[n];
    for (int s = 0; s < n; s++) {
      target[s] = run.schedule().steps().get(run.schedule().stepAt(s * 1_000_000L)).rate();
      answered[s] = run.completedIn(s);
      failed[s] = run.secondTally(s).errorCount() + run.secondTally(s).unsentCount();
      max = Math.max(max, Math.max(target[s], answered[s]));
    }
    double top10 = niceCeiling(max * 1.1);
    DoubleUnaryOperator y = v -> top + PANEL - v / top10 * PANEL;
    frame(g, top, "requests per second: arrival rate, 2xx answers, refused or not sent", seconds);
    for (int i = 0; i <= 5; i++) {
      double v = top10 * i / 5;
      gridLine(g, y.applyAsDouble(v), String.format("%,.0f", v));
    }
    line(g, target, seconds, y, Color.GRAY);
    line(g, answered, seconds, y, P50);
    line(g, failed, seconds, y, Color.RED);
    legend(g, 0, top, "arrival rate", Color.GRAY);
    legend(g, 1, top, "2xx answered", P50);
    legend(g, 2, top, "errors + not sent", Color.RED);
  }

  private static void heapPanel(Graphics2D g, OpenRun run, List<HeapSampler.Sample> heap, long startNanos,
      double seconds, int top) {
    double max = heap.stream().mapToDouble(HeapSampler.Sample::usedMb).max().orElse(1);
    double ceiling = niceCeiling(max * 1.1);
    DoubleUnaryOperator y = v -> top + PANEL - v / ceiling * PANEL;
    frame(g, top, "gateway heap (MB): all generations in use, old generation in use", seconds);
    for (int i = 0; i <= 4; i++) {
      double v = ceiling * i / 4;
      gridLine(g, y.applyAsDouble(v), String.format("%,.0f", v));
    }
    java.util.function.ToDoubleFunction<HeapSampler.Sample> at =
        s -> run.scheduleSecondAt(startNanos + (long) (s.second() * 1e9));
    drawPoints(g, heap.stream().map(s -> new double[] {at.applyAsDouble(s), s.usedMb()}).toList(), seconds, y, P99);
    drawPoints(g, heap.stream().map(s -> new double[] {at.applyAsDouble(s), s.oldMb()}).toList(), seconds, y, P999);
    legend(g, 0, top, "heap in use", P99);
    legend(g, 1, top, "old generation", P999);
  }

  private static void frame(Graphics2D g, int top, String label, double seconds) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(label, LEFT, top - 6);
    g.drawRect(LEFT, top, WIDTH - LEFT - RIGHT, PANEL);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    double step = niceCeiling(seconds / 10);
    for (double s = 0; s <= seconds; s += step) {
      int x = x(s, seconds);
      g.setColor(GRID);
      g.drawLine(x, top, x, top + PANEL);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%.0f", s), x - 8, top + PANEL + 14);
    }
  }

  private static void gridLine(Graphics2D g, double y, String label) {
    g.setColor(GRID);
    g.drawLine(LEFT, (int) y, WIDTH - RIGHT, (int) y);
    g.setColor(Color.DARK_GRAY);
    g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), (int) y + 4);
  }

  private static void dashed(Graphics2D g, double y, String label) {
    var old = g.getStroke();
    g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    g.drawLine(LEFT, (int) y, WIDTH - RIGHT, (int) y);
    g.setStroke(old);
    g.drawString(label, WIDTH - RIGHT - 40, (int) y - 3);
  }

  private static void line(Graphics2D g, double[] values, double seconds, DoubleUnaryOperator y, Color color) {
    g.setColor(color);
    g.setStroke(new BasicStroke(1.6f));
    int px = -1;
    int py = -1;
    for (int s = 0; s < values.length; s++) {
      if (Double.isNaN(values[s])) {
        px = -1;
        continue;
      }
      int x = x(s + 0.5, seconds);
      int yy = (int) y.applyAsDouble(values[s]);
      if (px >= 0) {
        g.drawLine(px, py, x, yy);
      }
      px = x;
      py = yy;
    }
    g.setStroke(new BasicStroke(1));
  }

  private static void drawPoints(Graphics2D g, List<double[]> points, double seconds, DoubleUnaryOperator y,
      Color color) {
    g.setColor(color);
    g.setStroke(new BasicStroke(1.6f));
    int px = -1;
    int py = -1;
    for (double[] p : points) {
      if (Double.isNaN(p[0]) || p[0] < 0 || p[0] > seconds) {
        continue;
      }
      int x = x(p[0], seconds);
      int yy = (int) y.applyAsDouble(p[1]);
      if (px >= 0) {
        g.drawLine(px, py, x, yy);
      }
      g.fillOval(x - 2, yy - 2, 4, 4);
      px = x;
      py = yy;
    }
    g.setStroke(new BasicStroke(1));
  }

  private static void legend(Graphics2D g, int slot, int top, String name, Color color) {
    int x = WIDTH - RIGHT - 420 + slot * 140;
    g.setColor(color);
    g.fillRect(x, top + 8, 14, 4);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(name, x + 18, top + 14);
  }

  private static int x(double second, double seconds) {
    return LEFT + (int) (second / seconds * (WIDTH - LEFT - RIGHT));
  }

  /** 1, 2 or 5 times a power of ten, at or above {@code v}. */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
