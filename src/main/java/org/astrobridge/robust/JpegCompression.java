package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * Baseline-JPEG-like lossy compression at quality Q = 100 - strength (1..100), done in Java per band: the band is
 * mapped linearly from its finite [min, max] to 0..255 and rounded to 8 bits, shifted by -128, cut into 8x8 blocks (the
 * last partial blocks padded by repeating the edge pixel), transformed by the 2-D DCT-II, each coefficient rounded to a
 * multiple of the standard JPEG luminance table (ITU T.81 Annex K) scaled by the IJG rule (scale = 5000/Q for Q < 50,
 * else 200 - 2Q; entries floor((T scale + 50)/100) clamped to 1..255), inverse transformed, rounded and clamped to
 * 0..255 and mapped back to [min, max]. Every band uses the luminance table and there is no chroma subsampling; entropy
 * coding is lossless and therefore skipped. Constant bands are left alone; non-finite pixels are encoded as the band
 * minimum and keep their value. The seed is not used.
 */
public final class JpegCompression implements Perturbation {

	private static final int[] LUMINANCE = { 16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16,
		24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
		92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99 };

	private static final double[][] COS = new double[8][8];
	static {
		for (int x = 0; x < 8; x++)
			for (int u = 0; u < 8; u++)
				COS[x][u] = Math.cos((2 * x + 1) * u * Math.PI / 16);
	}

	@Override
	public String name() {
		return "compression";
	}

	@Override
	public String strengthUnit() {
		return "100 - JPEG quality (8-bit, per band)";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 25, 50, 75, 90, 95 };
	}

	@Override
	public void checkStrength(double strength) {
		if (!(strength >= 0 && strength <= 99)) throw new IllegalArgumentException(name() +
			": strength is 100 - JPEG quality, between 0 and 99, got " + strength);
	}

	/** The quantisation table for a JPEG quality 1..100 (row-major, 64 entries). */
	static int[] table(int quality) {
		int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
		int[] q = new int[64];
		for (int k = 0; k < 64; k++)
			q[k] = Math.min(255, Math.max(1, (LUMINANCE[k] * scale + 50) / 100));
		return q;
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		int[] q = table((int) Math.round(100 - strength));
		int w = shape.width(), h = shape.height();
		double[] plane = new double[w * h];
		for (int b = 0; b < shape.bands(); b++) {
			double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
			for (int p = 0; p < w * h; p++) {
				float v = pixels[p * shape.bands() + b];
				if (Float.isFinite(v)) {
					min = Math.min(min, v);
					max = Math.max(max, v);
				}
			}
			if (!(max > min)) continue;
			double scale = 255 / (max - min);
			for (int p = 0; p < w * h; p++) {
				float v = pixels[p * shape.bands() + b];
				plane[p] = Math.rint(((Float.isFinite(v) ? v : min) - min) * scale);
			}
			for (int by = 0; by < h; by += 8)
				for (int bx = 0; bx < w; bx += 8)
					codeBlock(plane, w, h, bx, by, q);
			for (int p = 0; p < w * h; p++) {
				int k = p * shape.bands() + b;
				if (Float.isFinite(pixels[k])) pixels[k] = (float) (min + plane[p] / scale);
			}
		}
	}

	private static void codeBlock(double[] plane, int w, int h, int bx, int by, int[] q) {
		double[][] block = new double[8][8];
		for (int y = 0; y < 8; y++)
			for (int x = 0; x < 8; x++)
				block[y][x] = plane[Math.min(by + y, h - 1) * w + Math.min(bx + x, w - 1)] - 128;
		double[][] coef = transform(transform(block, true), true);
		for (int v = 0; v < 8; v++)
			for (int u = 0; u < 8; u++) {
				int step = q[v * 8 + u];
				coef[v][u] = Math.rint(coef[v][u] / step) * step;
			}
		double[][] back = transform(transform(coef, false), false);
		for (int y = 0; y < 8 && by + y < h; y++)
			for (int x = 0; x < 8 && bx + x < w; x++)
				plane[(by + y) * w + bx + x] = Math.min(255, Math.max(0, Math.rint(back[y][x] + 128)));
	}

	/**
	 * One pass of the separable orthonormal 8-point DCT-II (forward) or DCT-III (inverse) along the rows of {@code in},
	 * returned transposed so that two passes transform both axes.
	 */
	private static double[][] transform(double[][] in, boolean forward) {
		double[][] out = new double[8][8];
		for (int r = 0; r < 8; r++)
			for (int k = 0; k < 8; k++) {
				double s = 0;
				if (forward) for (int x = 0; x < 8; x++)
					s += in[r][x] * COS[x][k];
				else for (int u = 0; u < 8; u++)
					s += c(u) * in[r][u] * COS[k][u];
				out[k][r] = forward ? 0.5 * c(k) * s : 0.5 * s;
			}
		return out;
	}

	private static double c(int u) {
		return u == 0 ? Math.sqrt(0.5) : 1;
	}
}
