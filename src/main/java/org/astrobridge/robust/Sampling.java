package org.astrobridge.robust;

import java.util.SplittableRandom;

/** Random draws shared by the perturbations. */
final class Sampling {

	private Sampling() {}

	/** {@code count} distinct integers from [0, n), uniformly (partial Fisher-Yates shuffle). */
	static int[] distinct(int n, int count, SplittableRandom random) {
		if (count > n) throw new IllegalArgumentException("cannot draw " + count + " distinct values out of " + n);
		int[] all = new int[n];
		for (int k = 0; k < n; k++)
			all[k] = k;
		for (int k = 0; k < count; k++) {
			int r = k + random.nextInt(n - k);
			int t = all[k];
			all[k] = all[r];
			all[r] = t;
		}
		int[] out = new int[count];
		System.arraycopy(all, 0, out, 0, count);
		return out;
	}

	/** A Poisson deviate: multiplication method for small means, Hoermann's PTRS (1993) above 10. */
	static long poisson(double mean, SplittableRandom random) {
		if (!(mean >= 0) || Double.isInfinite(mean)) throw new IllegalArgumentException(
			"Poisson mean must be finite and >= 0, got " + mean);
		if (mean == 0) return 0;
		if (mean < 10) {
			double limit = Math.exp(-mean), p = 1;
			long k = -1;
			do {
				k++;
				p *= random.nextDouble();
			}
			while (p > limit);
			return k;
		}
		double slam = Math.sqrt(mean), loglam = Math.log(mean);
		double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
		double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
		while (true) {
			double u = random.nextDouble() - 0.5, v = random.nextDouble();
			double us = 0.5 - Math.abs(u);
			long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
			if (us >= 0.07 && v <= vr) return k;
			if (k < 0 || (us < 0.013 && v > us)) continue;
			if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k))
				return k;
		}
	}

	/** ln(k!) by Stirling's series (exact table below 10). */
	static double logFactorial(long k) {
		if (k < 10) {
			double f = 1;
			for (int i = 2; i <= k; i++)
				f *= i;
			return Math.log(f);
		}
		double x = k + 1.0;
		return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x) + 1 /
			(1260 * Math.pow(x, 5));
	}
}
