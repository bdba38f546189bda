package org.astrobridge.robust;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Convolves each band with a circular Gaussian of FWHM = strength pixels (sigma = FWHM / (2 sqrt(2 ln 2))), sampled at
 * pixel centres out to 4 sigma and normalised to sum 1, applied separably along rows then columns.
 * <p>
 * Edges: every pixel spreads its flux with the kernel and flux that would land outside the stamp is reflected back in
 * at the edge (mirror about the stamp border), so the total of each band is conserved up to float rounding. Away from
 * the edges this equals ordinary convolution. Non-finite pixels contribute nothing and keep their value. The seed is
 * not used. The stamp's own PSF adds in quadrature: the result has FWHM^2 = FWHM_psf^2 + strength^2.
 */
public final class PsfBlur implements Perturbation {

	private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

	@Override
	public String name() {
		return "blur";
	}

	@Override
	public String strengthUnit() {
		return "FWHM of the Gaussian convolution kernel, in pixels";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 1, 2, 3, 4, 6 };
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		double[] kernel = kernel(strength / FWHM_PER_SIGMA);
		int w = shape.width(), h = shape.height(), nb = shape.bands();
		double[] line = new double[Math.max(w, h)], out = new double[line.length];
		for (int b = 0; b < nb; b++) {
			for (int j = 0; j < h; j++) {
				for (int i = 0; i < w; i++)
					line[i] = finiteOrZero(pixels[shape.index(i, j, b)]);
				spread(line, out, w, kernel);
				for (int i = 0; i < w; i++)
					if (Float.isFinite(pixels[shape.index(i, j, b)])) pixels[shape.index(i, j, b)] = (float) out[i];
			}
			for (int i = 0; i < w; i++) {
				for (int j = 0; j < h; j++)
					line[j] = finiteOrZero(pixels[shape.index(i, j, b)]);
				spread(line, out, h, kernel);
				for (int j = 0; j < h; j++)
					if (Float.isFinite(pixels[shape.index(i, j, b)])) pixels[shape.index(i, j, b)] = (float) out[j];
			}
		}
	}

	private static double finiteOrZero(float v) {
		return Float.isFinite(v) ? v : 0;
	}

	/** Symmetric kernel, index r = offset 0, normalised to sum 1. */
	static double[] kernel(double sigma) {
		int r = Math.max(1, (int) Math.ceil(4 * sigma));
		double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int t = -r; t <= r; t++)
			sum += k[t + r] = Math.exp(-0.5 * t * t / (sigma * sigma));
		for (int t = 0; t < k.length; t++)
			k[t] /= sum;
		return k;
	}

	private static void spread(double[] in, double[] out, int n, double[] kernel) {
		int r = kernel.length / 2;
		Arrays.fill(out, 0, n, 0);
		for (int m = 0; m < n; m++) {
			double v = in[m];
			if (v == 0) continue;
			for (int t = -r; t <= r; t++)
				out[mirror(m + t, n)] += kernel[t + r] * v;
		}
	}

	/** Maps an index outside [0, n) back by reflection about the borders (..., 1, 0 | 0, 1, ..., n-1 | n-1, ...). */
	static int mirror(int index, int n) {
		int period = 2 * n;
		int m = ((index % period) + period) % period;
		return m < n ? m : period - 1 - m;
	}
}
