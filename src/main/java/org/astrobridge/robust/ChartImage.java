package org.astrobridge.robust;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A small x-y chart drawn with java.awt on a BufferedImage, so it renders the same in the GUI, headless and on a
 * cluster node: series drawn as lines with markers, or as markers only (scatter), with axes, ticks and a legend.
 */
public final class ChartImage {

	/** Marker shapes; a scatter plot tells groups apart by shape as well as colour. */
	public enum Marker {
			CIRCLE, CROSS, SQUARE, TRIANGLE
	}

	private record Series(String label, double[] x, double[] y, Color color, Marker marker, boolean line,
		boolean filled)
	{}

	/** Colours that stay distinct for the colour-blind (Okabe and Ito 2008). */
	public static final Color[] PALETTE = { new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
		new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), Color.BLACK };

	private final String title, xLabel, yLabel;
	private final List<Series> series = new ArrayList<>();
	private double yMin = Double.NaN, yMax = Double.NaN;

	public ChartImage(String title, String xLabel, String yLabel) {
		this.title = title;
		this.xLabel = xLabel;
		this.yLabel = yLabel;
	}

	/** Fixes the y range (e.g. 0..1 for accuracy) instead of fitting it to the data. */
	public ChartImage yRange(double min, double max) {
		yMin = min;
		yMax = max;
		return this;
	}

	public ChartImage line(String label, double[] x, double[] y, Color color, Marker marker) {
		series.add(new Series(label, x.clone(), y.clone(), color, marker, true, true));
		return this;
	}

	public ChartImage points(String label, double[] x, double[] y, Color color, Marker marker, boolean filled) {
		series.add(new Series(label, x.clone(), y.clone(), color, marker, false, filled));
		return this;
	}

	public BufferedImage render(int width, int height) {
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
			FontMetrics fm = g.getFontMetrics();
			int left = 58, right = 12, top = 26, bottom = 42 + 14 * legendRows(width - left - right, fm);
			int pw = width - left - right, ph = height - top - bottom;
			double[] xr = range(true), yr = Double.isNaN(yMin) ? range(false) : new double[] { yMin, yMax };
			g.setColor(Color.BLACK);
			g.setFont(g.getFont().deriveFont(Font.BOLD, 12f));
			g.drawString(title, left + (pw - g.getFontMetrics().stringWidth(title)) / 2, 16);
			g.setFont(g.getFont().deriveFont(Font.PLAIN, 11f));
			g.drawRect(left, top, pw, ph);
			for (double t : ticks(xr[0], xr[1])) {
				int px = left + (int) Math.round((t - xr[0]) / (xr[1] - xr[0]) * pw);
				g.drawLine(px, top + ph, px, top + ph + 4);
				String s = format(t);
				g.drawString(s, px - fm.stringWidth(s) / 2, top + ph + 16);
			}
			for (double t : ticks(yr[0], yr[1])) {
				int py = top + ph - (int) Math.round((t - yr[0]) / (yr[1] - yr[0]) * ph);
				g.drawLine(left - 4, py, left, py);
				String s = format(t);
				g.drawString(s, left - 6 - fm.stringWidth(s), py + 4);
			}
			g.drawString(xLabel, left + (pw - fm.stringWidth(xLabel)) / 2, top + ph + 31);
			Graphics2D rot = (Graphics2D) g.create();
			rot.rotate(-Math.PI / 2);
			rot.drawString(yLabel, -(top + (ph + fm.stringWidth(yLabel)) / 2), 14);
			rot.dispose();
			Graphics2D clip = (Graphics2D) g.create();
			clip.clipRect(left - 4, top - 4, pw + 9, ph + 9);
			for (Series s : series) {
				clip.setColor(s.color);
				clip.setStroke(new BasicStroke(1.6f));
				int prevX = 0, prevY = 0;
				boolean havePrev = false;
				for (int i = 0; i < s.x.length; i++) {
					if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) {
						havePrev = false;
						continue;
					}
					int px = left + (int) Math.round((s.x[i] - xr[0]) / (xr[1] - xr[0]) * pw);
					int py = top + ph - (int) Math.round((s.y[i] - yr[0]) / (yr[1] - yr[0]) * ph);
					if (s.line && havePrev) clip.drawLine(prevX, prevY, px, py);
					marker(clip, s.marker, px, py, s.line ? 3 : 2, s.filled);
					prevX = px;
					prevY = py;
					havePrev = true;
				}
			}
			clip.dispose();
			drawLegend(g, fm, left, top + ph + 50, pw);
		}
		finally {
			g.dispose();
		}
		return img;
	}

	/** The chart as PNG bytes. */
	public byte[] png(int width, int height) throws IOException {
		return png(render(width, height));
	}

	public static byte[] png(BufferedImage img) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available");
		return out.toByteArray();
	}

	private int legendRows(int width, FontMetrics fm) {
		int rows = series.isEmpty() ? 0 : 1, x = 0;
		for (Series s : series) {
			int w = 30 + fm.stringWidth(s.label);
			if (x > 0 && x + w > width) {
				rows++;
				x = 0;
			}
			x += w;
		}
		return rows;
	}

	private void drawLegend(Graphics2D g, FontMetrics fm, int left, int y, int width) {
		int x = 0;
		for (Series s : series) {
			int w = 30 + fm.stringWidth(s.label);
			if (x > 0 && x + w > width) {
				y += 14;
				x = 0;
			}
			g.setColor(s.color);
			if (s.line) g.drawLine(left + x, y - 4, left + x + 16, y - 4);
			marker(g, s.marker, left + x + 8, y - 4, 3, s.filled);
			g.setColor(Color.BLACK);
			g.drawString(s.label, left + x + 20, y);
			x += w;
		}
	}

	private static void marker(Graphics2D g, Marker m, int x, int y, int r, boolean filled) {
		switch (m) {
			case CIRCLE -> {
				if (filled) g.fillOval(x - r, y - r, 2 * r + 1, 2 * r + 1);
				else g.drawOval(x - r, y - r, 2 * r, 2 * r);
			}
			case SQUARE -> {
				if (filled) g.fillRect(x - r, y - r, 2 * r + 1, 2 * r + 1);
				else g.drawRect(x - r, y - r, 2 * r, 2 * r);
			}
			case TRIANGLE -> {
				int[] xs = { x - r - 1, x + r + 1, x }, ys = { y + r, y + r, y - r - 1 };
				if (filled) g.fillPolygon(xs, ys, 3);
				else g.drawPolygon(xs, ys, 3);
			}
			case CROSS -> {
				g.drawLine(x - r, y - r, x + r, y + r);
				g.drawLine(x - r, y + r, x + r, y - r);
			}
		}
	}

	private double[] range(boolean xAxis) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (Series s : series)
			for (double v : xAxis ? s.x : s.y)
				if (Double.isFinite(v)) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
		if (lo > hi) return new double[] { 0, 1 };
		if (lo == hi) return new double[] { lo - 0.5, hi + 0.5 };
		double pad = 0.04 * (hi - lo);
		return new double[] { lo - pad, hi + pad };
	}

	/** About five round tick values within [lo, hi]. */
	static List<Double> ticks(double lo, double hi) {
		double raw = (hi - lo) / 5, mag = Math.pow(10, Math.floor(Math.log10(raw))), step;
		double f = raw / mag;
		step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
		List<Double> out = new ArrayList<>();
		for (double t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step)
			out.add(Math.abs(t) < 1e-12 * step ? 0 : t);
		return out;
	}

	private static String format(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e6) return String.valueOf((long) v);
		String s = String.format(Locale.ROOT, "%.3g", v);
		return s.contains(".") && !s.contains("e") ? s.replaceFirst("0+$", "").replaceFirst("\\.$", "") : s;
	}
}
