package org.astrobridge.robust;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Greyscale pictures of stamps for reports: one band, an arcsinh stretch between the 1st and 99.5th percentiles of the
 * reference stamp's finite pixels (so a clean stamp and its perturbed versions share one scale), FITS row 0 at the
 * bottom as DS9 shows it, each pixel enlarged to a {@code zoom} x {@code zoom} block. NaN shows as red.
 */
public final class StampImages {

	private StampImages() {}

	/** The display range {low, high} of band {@code band} of a stamp. */
	public static double[] range(float[] stamp, StampShape shape, int band) {
		float[] v = new float[shape.height() * shape.width()];
		int n = 0;
		for (int p = 0; p < v.length; p++) {
			float x = stamp[p * shape.bands() + band];
			if (Float.isFinite(x)) v[n++] = x;
		}
		if (n == 0) return new double[] { 0, 1 };
		Arrays.sort(v, 0, n);
		double lo = v[(int) (0.01 * (n - 1))], hi = v[(int) Math.round(0.995 * (n - 1))];
		return hi > lo ? new double[] { lo, hi } : new double[] { lo, lo + 1 };
	}

	public static BufferedImage render(float[] stamp, StampShape shape, int band, double[] range, int zoom) {
		int w = shape.width(), h = shape.height();
		BufferedImage img = new BufferedImage(w * zoom, h * zoom, BufferedImage.TYPE_INT_RGB);
		double lo = range[0], span = range[1] - range[0], soft = 0.3, norm = asinh(1 / soft);
		for (int j = 0; j < h; j++)
			for (int i = 0; i < w; i++) {
				float x = stamp[shape.index(i, j, band)];
				int rgb;
				if (Float.isNaN(x)) rgb = 0xff0000;
				else {
					double t = Math.max(0, Math.min(1, (x - lo) / span));
					int g = (int) Math.round(255 * asinh(t / soft) / norm);
					rgb = g << 16 | g << 8 | g;
				}
				int y0 = (h - 1 - j) * zoom;
				for (int dy = 0; dy < zoom; dy++)
					for (int dx = 0; dx < zoom; dx++)
						img.setRGB(i * zoom + dx, y0 + dy, rgb);
			}
		return img;
	}

	private static double asinh(double x) {
		return Math.log(x + Math.sqrt(x * x + 1));
	}
}
