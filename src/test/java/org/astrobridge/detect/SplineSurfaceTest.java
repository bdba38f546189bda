package org.astrobridge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The background interpolation is laid out for speed (row-wise column splines, a precomputed x solve, row splines kept
 * between tiles); these tests hold it bit for bit to the textbook evaluation it replaced: for every row, each column's
 * spline evaluated on its own, then a fresh natural spline along x through those values.
 */
class SplineSurfaceTest {
	// ---- the textbook evaluation (the reference) ----

	private static double[] refSecondDerivatives(double[] x, double[] y) {
		int n = x.length;
		double[] y2 = new double[n];
		if (n < 3) {
			return y2;
		}
		double[] u = new double[n];
		for (int i = 1; i < n - 1; i++) {
			double sig = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
			double p = sig * y2[i - 1] + 2.0;
			y2[i] = (sig - 1.0) / p;
			double d = (y[i + 1] - y[i]) / (x[i + 1] - x[i]) - (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
			u[i] = (6.0 * d / (x[i + 1] - x[i - 1]) - sig * u[i - 1]) / p;
		}
		y2[n - 1] = 0;
		for (int k = n - 2; k >= 0; k--) {
			y2[k] = y2[k] * y2[k + 1] + u[k];
		}
		return y2;
	}

	private static double refEval(double[] x, double[] y, double[] y2, double t) {
		int n = x.length;
		if (n == 1) {
			return y[0];
		}
		if (t <= x[0]) {
			double h = x[1] - x[0];
			return y[0] + ((y[1] - y[0]) / h - h * (2 * y2[0] + y2[1]) / 6.0) * (t - x[0]);
		}
		if (t >= x[n - 1]) {
			double h = x[n - 1] - x[n - 2];
			return y[n - 1] + ((y[n - 1] - y[n - 2]) / h + h * (y2[n - 2] + 2 * y2[n - 1]) / 6.0) * (t - x[n - 1]);
		}
		int k = 0;
		while (x[k + 1] <= t) {
			k++;
		}
		double h = x[k + 1] - x[k];
		double a = (x[k + 1] - t) / h;
		double b = (t - x[k]) / h;
		return a * y[k] + b * y[k + 1] + ((a * a * a - a) * y2[k] + (b * b * b - b) * y2[k + 1]) * (h * h) / 6.0;
	}

	/** The old per-pixel form inside a segment: a cubic in u = t - x[k]. */
	private static double refEvalPixel(double[] x, double[] y, double[] y2, int t) {
		int n = x.length;
		if (n == 1 || t <= x[0] || t >= x[n - 1]) {
			return refEval(x, y, y2, t);
		}
		int k = 0;
		while (x[k + 1] <= t) {
			k++;
		}
		double h = x[k + 1] - x[k];
		double c1 = (y[k + 1] - y[k]) / h - h * (2 * y2[k] + y2[k + 1]) / 6.0;
		double c2 = 0.5 * y2[k];
		double c3 = (y2[k + 1] - y2[k]) / (6.0 * h);
		double u = t - x[k];
		return y[k] + u * (c1 + u * (c2 + u * c3));
	}

	private static float[] refFill(double[] xc, double[] yc, float[] grid, int x0, int y0, int rw, int rh) {
		int nx = xc.length;
		int ny = yc.length;
		double[][] col = new double[nx][ny];
		double[][] col2 = new double[nx][];
		for (int k = 0; k < nx; k++) {
			for (int m = 0; m < ny; m++) {
				col[k][m] = grid[m * nx + k];
			}
			col2[k] = refSecondDerivatives(yc, col[k]);
		}
		float[] out = new float[rw * rh];
		double[] node = new double[nx];
		for (int r = 0; r < rh; r++) {
			for (int k = 0; k < nx; k++) {
				node[k] = refEval(yc, col[k], col2[k], y0 + r);
			}
			double[] node2 = refSecondDerivatives(xc, node);
			for (int c = 0; c < rw; c++) {
				out[r * rw + c] = (float) refEvalPixel(xc, node, node2, x0 + c);
			}
		}
		return out;
	}

	// ---- helpers ----

	/** Mesh centres as BackgroundModel places them: n near-equal meshes over [0, size). */
	private static double[] centres(int size, int n) {
		double[] c = new double[n];
		for (int k = 0; k < n; k++) {
			long e0 = (long) k * size / n;
			long e1 = (long) (k + 1) * size / n;
			c[k] = 0.5 * (e0 + e1 - 1);
		}
		return c;
	}

	private static float[] grid(int nx, int ny, SplittableRandom rnd) {
		float[] g = new float[nx * ny];
		for (int i = 0; i < g.length; i++) {
			g[i] = (float) (100 + 5 * SyntheticImage.gaussian(rnd) + 0.01 * i);
		}
		return g;
	}

	private static void assertBits(float[] expected, float[] got, int n, String what) {
		for (int i = 0; i < n; i++) {
			assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]), what + ": pixel " + i + " (" +
				expected[i] + " vs " + got[i] + ")");
		}
	}

	// ---- tests ----

	@Test
	void secondDerivativesMatchTheTextbookSweep() {
		SplittableRandom rnd = new SplittableRandom(2);
		for (int n = 1; n <= 40; n += 3) {
			double[] x = centres(n * 61 + 7, n);
			double[] y = new double[n];
			for (int i = 0; i < n; i++) {
				y[i] = rnd.nextDouble(-50, 50);
			}
			double[] expected = refSecondDerivatives(x, y);
			double[] got = Spline.secondDerivatives(x, y);
			for (int i = 0; i < n; i++) {
				assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]), n + " nodes, node " +
					i);
			}
		}
	}

	@Test
	void surfaceMatchesTheTextbookEvaluationBitForBit() {
		SplittableRandom rnd = new SplittableRandom(9);
		// {width, height, meshes along x, meshes along y}: single meshes, two (linear), uneven meshes, a wide grid.
		int[][] shapes = { { 50, 40, 1, 1 }, { 130, 40, 2, 1 }, { 40, 170, 1, 3 }, { 301, 257, 5, 4 }, { 1000, 203, 31,
			3 } };
		for (int[] s : shapes) {
			int w = s[0];
			int h = s[1];
			double[] xc = centres(w, s[2]);
			double[] yc = centres(h, s[3]);
			float[] g = grid(s[2], s[3], rnd);
			SplineSurface surface = new SplineSurface(xc, yc, g);
			// The whole image, a corner rectangle, and an inner one (outside-node rows and columns included).
			int[][] rects = { { 0, 0, w, h }, { 0, 0, Math.min(w, 37), Math.min(h, 23) }, { w / 3, h / 4, w / 2, h / 2 }, {
				w - 5, h - 3, 5, 3 } };
			for (int[] r : rects) {
				float[] expected = refFill(xc, yc, g, r[0], r[1], r[2], r[3]);
				float[] got = new float[r[2] * r[3] + 5];
				surface.fill(r[0], r[1], r[2], r[3], got, null);
				String what = w + "x" + h + " with " + s[2] + "x" + s[3] + " meshes, rectangle " + r[0] + "," + r[1] + " " +
					r[2] + "x" + r[3];
				assertBits(expected, got, expected.length, what);
				SplineSurface.Band band = new SplineSurface.Band();
				float[] banded = new float[expected.length];
				surface.fill(r[0], r[1], r[2], r[3], banded, band);
				assertBits(expected, banded, expected.length, what + " (row splines kept)");
			}
		}
	}

	@Test
	void keptRowsServeOnlyTheirOwnBand() {
		SplittableRandom rnd = new SplittableRandom(4);
		int w = 700;
		int h = 300;
		double[] xc = centres(w, 11);
		double[] yc = centres(h, 5);
		float[] g1 = grid(11, 5, rnd);
		float[] g2 = grid(11, 5, rnd);
		SplineSurface one = new SplineSurface(xc, yc, g1);
		SplineSurface two = new SplineSurface(xc, yc, g2);
		SplineSurface.Band band = new SplineSurface.Band();
		// Tiles side by side (same rows), then other rows, then fewer rows, then another surface in the same rows.
		int[][] calls = { { 0, 40, 200, 90 }, { 180, 40, 260, 90 }, { 420, 40, 280, 90 }, { 0, 100, 200, 90 }, { 0, 100,
			200, 60 }, { 300, 100, 100, 60 } };
		for (SplineSurface s : new SplineSurface[] { one, two, one }) {
			float[] grid = s == one ? g1 : g2;
			for (int[] c : calls) {
				float[] expected = refFill(xc, yc, grid, c[0], c[1], c[2], c[3]);
				float[] got = new float[expected.length];
				s.fill(c[0], c[1], c[2], c[3], got, band);
				assertBits(expected, got, expected.length, "rectangle " + c[0] + "," + c[1] + " " + c[2] + "x" + c[3] +
					(s == one ? " of the first surface" : " of the second surface"));
			}
		}
	}
}
