package org.astrobridge.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Per-stamp, per-band intensity scaling applied before the network, identical in training and inference (it is recorded
 * by name and parameters in the model package).
 * <ul>
 * <li>{@code asinh-robust} (default): subtract the median, divide by the given percentile of |x - median|, then y =
 * asinh(stretch * x) / asinh(stretch). Median and percentile ignore a few bright pixels and the sky level, so
 * noise-free simulations and sky-subtracted noisy survey stamps land on the same scale; asinh compresses bright cores
 * while keeping faint tidal features roughly linear.</li>
 * <li>{@code zscore}: subtract the mean, divide by the standard deviation.</li>
 * <li>{@code none}: pixels are used as they are.</li>
 * </ul>
 * Non-finite pixels become 0 after scaling.
 */
public final class Normalisation {

	public static final String ASINH_ROBUST = "asinh-robust";
	public static final String ZSCORE = "zscore";
	public static final String NONE = "none";

	private final String name;
	private final double percentile;
	private final double stretch;

	private Normalisation(String name, double percentile, double stretch) {
		this.name = name;
		this.percentile = percentile;
		this.stretch = stretch;
	}

	public static Normalisation defaults() {
		return asinhRobust(99, 3);
	}

	public static Normalisation asinhRobust(double percentile, double stretch) {
		if (!(percentile > 0 && percentile <= 100)) throw new IllegalArgumentException(
			"normalisation percentile must be in (0, 100], got " + percentile);
		if (!(stretch > 0)) throw new IllegalArgumentException("normalisation stretch must be > 0, got " + stretch);
		return new Normalisation(ASINH_ROBUST, percentile, stretch);
	}

	/** Parses the name and parameters as written by {@link #parameters()}; missing parameters take defaults. */
	public static Normalisation of(String name, Map<String, ?> params) {
		String n = name == null ? ASINH_ROBUST : name.trim().toLowerCase(Locale.ROOT);
		switch (n) {
			case ASINH_ROBUST:
				return asinhRobust(number(params, "percentile", 99), number(params, "stretch", 3));
			case ZSCORE:
				return new Normalisation(ZSCORE, 0, 0);
			case NONE:
				return new Normalisation(NONE, 0, 0);
			default:
				throw new IllegalArgumentException("unknown normalisation '" + name + "': expected " + ASINH_ROBUST + ", " +
					ZSCORE + " or " + NONE);
		}
	}

	private static double number(Map<String, ?> params, String key, double dflt) {
		Object v = params == null ? null : params.get(key);
		if (v == null) return dflt;
		if (v instanceof Number num) return num.doubleValue();
		try {
			return Double.parseDouble(v.toString());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("normalisation parameter " + key + " is not a number: " + v);
		}
	}

	public String name() {
		return name;
	}

	public Map<String, Object> parameters() {
		Map<String, Object> m = new LinkedHashMap<>();
		if (name.equals(ASINH_ROBUST)) {
			m.put("percentile", percentile);
			m.put("stretch", stretch);
		}
		return m;
	}

	/**
	 * A new array with every stamp of the set normalised. Stamps are independent, so they are spread over the common
	 * fork-join pool; every value is the same as in a sequential pass.
	 */
	public float[] apply(StampSet set) {
		float[] in = set.pixels();
		float[] out = new float[in.length];
		int plane = set.height() * set.width();
		int bands = set.bands();
		int chunk = 16;
		int chunks = (set.count() + chunk - 1) / chunk;
		IntStream.range(0, chunks).parallel().forEach(c -> {
			float[] buf = new float[plane];
			float[] work = new float[plane];
			for (int k = c * chunk, end = Math.min(set.count(), k + chunk); k < end; k++)
				normalise(in, out, k, plane, bands, buf, work);
		});
		return out;
	}

	/**
	 * Normalises stamp k of an NHWC array in place, as {@link #apply} does for a whole set (for stamps altered after
	 * loading, e.g. by observation-model augmentation). {@code buf} and {@code work} hold one plane each.
	 */
	void applyToStamp(float[] x, int k, int plane, int bands, float[] buf, float[] work) {
		normalise(x, x, k, plane, bands, buf, work);
	}

	/**
	 * Stamp k of NHWC {@code in}, each band plane scaled on its own, into the same place of {@code out} (may be
	 * {@code in}).
	 */
	private void normalise(float[] in, float[] out, int k, int plane, int bands, float[] buf, float[] work) {
		int base = k * plane * bands;
		for (int b = 0; b < bands; b++) {
			for (int p = 0; p < plane; p++)
				buf[p] = in[base + p * bands + b];
			scale(buf, work);
			for (int p = 0; p < plane; p++)
				out[base + p * bands + b] = buf[p];
		}
	}

	private void scale(float[] x, float[] work) {
		switch (name) {
			case NONE:
				for (int p = 0; p < x.length; p++)
					if (!Float.isFinite(x[p])) x[p] = 0;
				return;
			case ZSCORE: {
				double s = 0, s2 = 0;
				int n = 0;
				for (float v : x)
					if (Float.isFinite(v)) {
						s += v;
						s2 += (double) v * v;
						n++;
					}
				double mean = n == 0 ? 0 : s / n;
				double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, s2 / n - mean * mean));
				double inv = sd > 0 ? 1 / sd : 1;
				for (int p = 0; p < x.length; p++)
					x[p] = Float.isFinite(x[p]) ? (float) ((x[p] - mean) * inv) : 0;
				return;
			}
			default: {
				int n = 0;
				for (float v : x)
					if (Float.isFinite(v)) work[n++] = v;
				if (n == 0) {
					Arrays.fill(x, 0);
					return;
				}
				double median = quantile(work, n, 0.5);
				for (int p = 0; p < n; p++)
					work[p] = (float) Math.abs(work[p] - median);
				double scale = quantile(work, n, percentile / 100);
				double inv = scale > 0 ? 1 / scale : 1;
				double norm = 1 / asinh(stretch);
				for (int p = 0; p < x.length; p++)
					x[p] = Float.isFinite(x[p]) ? (float) (asinh(stretch * (x[p] - median) * inv) * norm) : 0;
			}
		}
	}

	/**
	 * The q-quantile of work[0..n) with linear interpolation between the order statistics at floor(q (n - 1)) and the
	 * next, as if the values were sorted (reorders work). Selection instead of a sort: O(n).
	 */
	static double quantile(float[] work, int n, double q) {
		double pos = q * (n - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(n - 1, lo + 1);
		select(work, 0, n - 1, lo);
		float atLo = work[lo], atHi = atLo;
		if (hi > lo) {
			// after selecting lo, everything above it is >= work[lo]: the next order statistic is their minimum
			atHi = work[hi];
			for (int i = hi + 1; i < n; i++)
				if (work[i] < atHi) atHi = work[i];
		}
		return atLo + (pos - lo) * (atHi - atLo);
	}

	/**
	 * Hoare's selection (median-of-three pivot): afterwards a[k] is the k-th smallest of a[left..right], smaller ones
	 * left of it, larger right.
	 */
	private static void select(float[] a, int left, int right, int k) {
		while (right > left) {
			if (right - left < 16) {
				for (int i = left + 1; i <= right; i++) {
					float v = a[i];
					int j = i - 1;
					while (j >= left && a[j] > v) {
						a[j + 1] = a[j];
						j--;
					}
					a[j + 1] = v;
				}
				return;
			}
			int mid = (left + right) >>> 1;
			if (a[mid] < a[left]) swap(a, mid, left);
			if (a[right] < a[left]) swap(a, right, left);
			if (a[right] < a[mid]) swap(a, right, mid);
			float pivot = a[mid];
			int i = left, j = right;
			while (i <= j) {
				while (a[i] < pivot)
					i++;
				while (a[j] > pivot)
					j--;
				if (i <= j) {
					swap(a, i, j);
					i++;
					j--;
				}
			}
			if (k <= j) right = j;
			else if (k >= i) left = i;
			else return;
		}
	}

	private static void swap(float[] a, int i, int j) {
		float t = a[i];
		a[i] = a[j];
		a[j] = t;
	}

	private static double asinh(double v) {
		double a = Math.abs(v);
		return Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), v);
	}

	@Override
	public String toString() {
		return name + parameters();
	}
}
