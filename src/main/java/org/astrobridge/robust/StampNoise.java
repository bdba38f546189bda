package org.astrobridge.robust;

import java.util.Arrays;

/**
 * Robust per-band noise estimate of a single stamp, the unit of the noise-relative perturbations.
 * <p>
 * For every interior pixel of every row the second difference d = x[i] - (x[i-1] + x[i+1]) / 2 is formed (it cancels
 * sky level and linear gradients; for white noise var(d) = 1.5 sigma^2), and sigma = 1.4826 * MAD(d) / sqrt(1.5).
 * Non-finite pixels are skipped. Sources covering less than about half the stamp do not bias it; correlated (already
 * smoothed) noise is underestimated.
 * <p>
 * Fallback for a noise-free band (sigma 0, fewer than 3 columns or no usable differences): 1 % of the band's largest
 * absolute finite value, or 1.0 when the band is entirely zero or non-finite.
 */
public final class StampNoise {

	/** Fraction of the band's peak absolute value used as the noise unit when no noise can be measured. */
	public static final double FALLBACK_FRACTION_OF_PEAK = 0.01;

	private StampNoise() {}

	public static double[] sigma(float[] stamp, StampShape shape) {
		shape.requireMatches(stamp);
		int w = shape.width(), h = shape.height(), nb = shape.bands();
		double[] sigma = new double[nb];
		double[] d = new double[Math.max(0, (w - 2) * h)];
		for (int b = 0; b < nb; b++) {
			int n = 0;
			double peak = 0;
			for (int j = 0; j < h; j++) {
				int row = j * w * nb + b;
				for (int i = 0; i < w; i++) {
					float v = stamp[row + i * nb];
					if (Float.isFinite(v)) peak = Math.max(peak, Math.abs(v));
					if (i == 0 || i == w - 1) continue;
					float l = stamp[row + (i - 1) * nb], r = stamp[row + (i + 1) * nb];
					if (Float.isFinite(v) && Float.isFinite(l) && Float.isFinite(r)) d[n++] = v - 0.5 * ((double) l + r);
				}
			}
			double s = n == 0 ? 0 : 1.4826 * mad(d, n) / Math.sqrt(1.5);
			if (!(s > 0)) s = peak > 0 ? FALLBACK_FRACTION_OF_PEAK * peak : 1.0;
			sigma[b] = s;
		}
		return sigma;
	}

	private static double mad(double[] values, int n) {
		double[] v = Arrays.copyOf(values, n);
		double med = median(v, n);
		for (int k = 0; k < n; k++)
			v[k] = Math.abs(v[k] - med);
		return median(v, n);
	}

	/** Median of the first n values, reordering them (quickselect, linear time). */
	static double median(double[] v, int n) {
		int upper = n / 2;
		select(v, n, upper);
		if ((n & 1) == 1) return v[upper];
		double lower = v[0];
		for (int k = 1; k < upper; k++)
			lower = Math.max(lower, v[k]);
		return 0.5 * (lower + v[upper]);
	}

	/** Moves the k-th smallest of v[0..n) to v[k], smaller-or-equal values before it and larger-or-equal after. */
	private static void select(double[] v, int n, int k) {
		int lo = 0, hi = n - 1;
		while (hi > lo) {
			int mid = (lo + hi) >>> 1;
			if (v[mid] < v[lo]) swap(v, mid, lo);
			if (v[hi] < v[lo]) swap(v, hi, lo);
			if (v[hi] < v[mid]) swap(v, hi, mid);
			double pivot = v[mid];
			int i = lo, j = hi;
			while (i <= j) {
				while (v[i] < pivot)
					i++;
				while (v[j] > pivot)
					j--;
				if (i <= j) swap(v, i++, j--);
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return;
		}
	}

	private static void swap(double[] v, int a, int b) {
		double t = v[a];
		v[a] = v[b];
		v[b] = t;
	}
}
