package org.astrobridge.robust;

import java.util.SplittableRandom;

/** Synthetic stamps for the tests: an exponential-disc galaxy on a flat sky with white noise. */
final class TestStamps {

	private TestStamps() {}

	/** Galaxy of peak {@code peak} (band b scaled by 1 + b/2), scale length 3 px, sky 10, Gaussian noise of RMS sigma. */
	static float[] galaxy(StampShape s, double peak, double sigma, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] out = new float[s.size()];
		double ci = (s.width() - 1) / 2.0, cj = (s.height() - 1) / 2.0;
		for (int j = 0; j < s.height(); j++)
			for (int i = 0; i < s.width(); i++)
				for (int b = 0; b < s.bands(); b++) {
					double rad = Math.hypot(i - ci, (j - cj) * 1.5);
					out[s.index(i, j, b)] = (float) (10 + peak * (1 + 0.5 * b) * Math.exp(-rad / 3) + sigma * r.nextGaussian());
				}
		return out;
	}

	/** Pure white noise of RMS sigma around zero. */
	static float[] noise(StampShape s, double sigma, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] out = new float[s.size()];
		for (int k = 0; k < out.length; k++)
			out[k] = (float) (sigma * r.nextGaussian());
		return out;
	}

	static double rms(float[] a, float[] b) {
		double s = 0;
		for (int k = 0; k < a.length; k++)
			s += ((double) a[k] - b[k]) * ((double) a[k] - b[k]);
		return Math.sqrt(s / a.length);
	}

	static int changed(float[] a, float[] b) {
		int n = 0;
		for (int k = 0; k < a.length; k++)
			if (Float.floatToIntBits(a[k]) != Float.floatToIntBits(b[k])) n++;
		return n;
	}
}
