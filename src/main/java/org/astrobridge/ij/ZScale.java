package org.astrobridge.ij;

import java.util.Arrays;

/**
 * The zscale display range of IRAF and DS9, as astropy's {@code ZScaleInterval} computes it: up to 1000 finite pixels
 * taken at a regular stride, sorted, a straight line fitted to them with iterative 2.5-sigma rejection (rejected
 * samples grown by 1% of the samples, at most 5 passes, stopping when fewer than half remain), and the range
 * {@code median -/+ slope / contrast} around the centre, clipped to the samples' minimum and maximum.
 */
public final class ZScale {

	static final int SAMPLES = 1000;
	static final double CONTRAST = 0.25;
	private static final double REJECT_SIGMA = 2.5;
	private static final double MAX_REJECT = 0.5;
	private static final int MIN_PIXELS = 5;
	private static final int MAX_ITERATIONS = 5;

	private ZScale() {}

	/** {vmin, vmax} of the pixels in storage order (the order sets which pixels are sampled); null if none is finite. */
	public static double[] limits(float[] pixels) {
		float[] samples = sample(pixels);
		int n = samples.length;
		if (n == 0) {
			return null;
		}
		Arrays.sort(samples);
		double vmin = samples[0];
		double vmax = samples[n - 1];
		int minPixels = Math.max(MIN_PIXELS, (int) (n * MAX_REJECT));
		int grow = Math.max(1, (int) (n * 0.01));
		boolean[] bad = new boolean[n];
		int good = n;
		int lastGood = n + 1;
		double slope = 0;
		for (int it = 0; it < MAX_ITERATIONS && good < lastGood && good >= minPixels; it++) {
			double[] line = fitLine(samples, bad);
			slope = line[1];
			double[] flat = new double[n];
			for (int i = 0; i < n; i++) {
				flat[i] = samples[i] - (line[0] + line[1] * i);
			}
			double threshold = REJECT_SIGMA * std(flat, bad);
			for (int i = 0; i < n; i++) {
				if (flat[i] < -threshold || flat[i] > threshold) {
					bad[i] = true;
				}
			}
			bad = dilate(bad, grow);
			lastGood = good;
			good = 0;
			for (boolean b : bad) {
				if (!b) {
					good++;
				}
			}
		}
		if (good >= minPixels) {
			double s = slope / CONTRAST;
			int centre = (n - 1) / 2;
			double median = n % 2 == 1 ? samples[n / 2] : ((double) samples[n / 2 - 1] + samples[n / 2]) / 2;
			vmin = Math.max(vmin, median - (centre - 1) * s);
			vmax = Math.min(vmax, median + (n - centre) * s);
		}
		return new double[] { vmin, vmax };
	}

	/**
	 * Finite pixels at stride max(1, finite count / 1000), at most 1000 of them (numpy's
	 * {@code values[::stride][:1000]}).
	 */
	private static float[] sample(float[] pixels) {
		int finite = 0;
		for (float v : pixels) {
			if (Float.isFinite(v)) {
				finite++;
			}
		}
		int stride = (int) Math.max(1.0, finite / (double) SAMPLES);
		float[] out = new float[Math.min(SAMPLES, (finite + stride - 1) / stride)];
		int k = 0;
		int seen = 0;
		for (float v : pixels) {
			if (!Float.isFinite(v)) {
				continue;
			}
			if (seen++ % stride == 0) {
				if (k == out.length) {
					break;
				}
				out[k++] = v;
			}
		}
		return out;
	}

	/** Least-squares line {intercept, slope} through (i, y[i]) over the samples not marked bad. */
	private static double[] fitLine(float[] y, boolean[] bad) {
		double n = 0;
		double sx = 0;
		double sy = 0;
		for (int i = 0; i < y.length; i++) {
			if (!bad[i]) {
				n++;
				sx += i;
				sy += y[i];
			}
		}
		double mx = sx / n;
		double my = sy / n;
		double sxx = 0;
		double sxy = 0;
		for (int i = 0; i < y.length; i++) {
			if (!bad[i]) {
				sxx += (i - mx) * (i - mx);
				sxy += (i - mx) * (y[i] - my);
			}
		}
		double slope = sxx > 0 ? sxy / sxx : 0;
		return new double[] { my - slope * mx, slope };
	}

	private static double std(double[] v, boolean[] bad) {
		double n = 0;
		double sum = 0;
		for (int i = 0; i < v.length; i++) {
			if (!bad[i]) {
				n++;
				sum += v[i];
			}
		}
		double mean = sum / n;
		double ss = 0;
		for (int i = 0; i < v.length; i++) {
			if (!bad[i]) {
				ss += (v[i] - mean) * (v[i] - mean);
			}
		}
		return Math.sqrt(ss / n);
	}

	/** numpy's {@code convolve(bad, ones(grow), mode="same")} on booleans: a sample is bad if any in its window is. */
	private static boolean[] dilate(boolean[] bad, int grow) {
		int n = bad.length;
		boolean[] out = new boolean[n];
		int offset = (grow - 1) / 2;
		for (int i = 0; i < n; i++) {
			int hi = Math.min(n - 1, i + offset);
			for (int j = Math.max(0, i + offset - grow + 1); j <= hi; j++) {
				if (bad[j]) {
					out[i] = true;
					break;
				}
			}
		}
		return out;
	}
}
