package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NormalisationTest {

	/** The interpolated quantile of a fully sorted copy: what the selection must reproduce bit for bit. */
	private static double sortedQuantile(float[] values, int n, double q) {
		float[] s = Arrays.copyOf(values, n);
		Arrays.sort(s);
		double pos = q * (n - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(n - 1, lo + 1);
		return s[lo] + (pos - lo) * (s[hi] - s[lo]);
	}

	@Test
	void selectionQuantileEqualsSortedQuantile() {
		SplittableRandom r = new SplittableRandom(7);
		double[] qs = { 0, 0.01, 0.5, 0.9, 0.99, 0.999, 1 };
		for (int trial = 0; trial < 300; trial++) {
			int n = 1 + r.nextInt(trial < 100 ? 40 : 5000);
			float[] v = new float[n];
			int levels = 1 + r.nextInt(trial % 3 == 0 ? 4 : 100000); // many ties in some trials
			for (int i = 0; i < n; i++)
				v[i] = (float) (r.nextInt(levels) - levels / 2) * (r.nextBoolean() ? 0.37f : -1.1f);
			for (double q : qs) {
				float[] work = Arrays.copyOf(v, n);
				assertEquals(sortedQuantile(v, n, q), Normalisation.quantile(work, n, q), 0.0, "n=" + n + " q=" + q);
			}
		}
	}

	@Test
	void parallelApplyEqualsPerStampApply() {
		SplittableRandom r = new SplittableRandom(3);
		int n = 70, size = 12, bands = 3, stamp = size * size * bands;
		float[] px = new float[n * stamp];
		for (int i = 0; i < px.length; i++)
			px[i] = (float) (r.nextGaussian() * 5 + (i % 17 == 0 ? 100 : 0));
		px[5] = Float.NaN;
		px[stamp + 9] = Float.POSITIVE_INFINITY;
		for (Normalisation norm : new Normalisation[] { Normalisation.defaults(), Normalisation.asinhRobust(90, 1),
			Normalisation.of(Normalisation.ZSCORE, null), Normalisation.of(Normalisation.NONE, null) })
		{
			float[] all = norm.apply(new StampSet(n, size, size, bands, px, null, null, null, null));
			for (int k = 0; k < n; k++) {
				float[] one = norm.apply(new StampSet(1, size, size, bands, Arrays.copyOfRange(px, k * stamp, (k + 1) * stamp),
					null, null, null, null));
				assertArrayEquals(one, Arrays.copyOfRange(all, k * stamp, (k + 1) * stamp), 0f, norm + " stamp " + k);
			}
		}
		assertEquals(0f, Normalisation.defaults().apply(new StampSet(1, size, size, bands, Arrays.copyOf(px, stamp), null,
			null, null, null))[5]);
	}
}
