package dev.outboxref.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** A line chart of the lag percentiles (log scale) against the offered write rate, as a PNG. */
final class LagChart {

  private static final int WIDTH = 800;
  private static final int HEIGHT = 480;
  private static final int LEFT = 80;
  private static final int RIGHT = 150;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

  private LagChart() {}

  static void write(List<ReplicaLagBench.Phase> phases, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("Replica lag (user commit to replica update) against offered writes/s", LEFT, 20);

    double maxMs = phases.stream().mapToDouble(ReplicaLagBench.Phase::max).max().orElse(1);
    double top = Math.pow(10, Math.ceil(Math.log10(Math.max(maxMs, 10))));
    double bottom = 1;
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    g.drawRect(LEFT, TOP, plotW, plotH);
    for (double ms = bottom; ms <= top; ms *= 10) {
      int y = y(ms, bottom, top, plotH);
      g.setColor(Color.LIGHT_GRAY);
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.BLACK);
      g.drawString(ms >= 1000 ? (ms / 1000) + " s" : ((long) ms) + " ms", 10, y + 4);
    }
    for (int i = 0; i < phases.size(); i++) {
      int x = x(i, phases.size(), plotW);
      g.drawString(Integer.toString(phases.get(i).offered()), x - 10, TOP + plotH + 20);
    }
    g.drawString("offered writes/s (log-spaced phases)", LEFT + plotW / 2 - 100, HEIGHT - 15);

    series(g, phases, ReplicaLagBench.Phase::p50, new Color(0x1f77b4), "p50", 0, bottom, top);
    series(g, phases, ReplicaLagBench.Phase::p95, new Color(0x2ca02c), "p95", 1, bottom, top);
    series(g, phases, ReplicaLagBench.Phase::p99, new Color(0xff7f0e), "p99", 2, bottom, top);
    series(g, phases, ReplicaLagBench.Phase::max, new Color(0xd62728), "max", 3, bottom, top);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void series(
      Graphics2D g,
      List<ReplicaLagBench.Phase> phases,
      ToDoubleFunction<ReplicaLagBench.Phase> value,
      Color color,
      String name,
      int legendRow,
      double bottom,
      double top) {
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    g.setColor(color);
    g.setStroke(new BasicStroke(2));
    int px = -1;
    int py = -1;
    for (int i = 0; i < phases.size(); i++) {
      int x = x(i, phases.size(), plotW);
      int y = y(Math.max(bottom, value.applyAsDouble(phases.get(i))), bottom, top, plotH);
      g.fillOval(x - 3, y - 3, 6, 6);
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
    int ly = TOP + 20 + legendRow * 20;
    g.drawLine(WIDTH - RIGHT + 20, ly - 4, WIDTH - RIGHT + 45, ly - 4);
    g.setColor(Color.BLACK);
    g.drawString(name, WIDTH - RIGHT + 52, ly);
  }

  private static int x(int index, int count, int plotW) {
    return LEFT + (count == 1 ? plotW / 2 : 20 + index * (plotW - 40) / (count - 1));
  }

  private static int y(double ms, double bottom, double top, int plotH) {
    double fraction =
        (Math.log10(ms) - Math.log10(bottom)) / (Math.log10(top) - Math.log10(bottom));
    return TOP + plotH - (int) Math.round(fraction * plotH);
  }
}
