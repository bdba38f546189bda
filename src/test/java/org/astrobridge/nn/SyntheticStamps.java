package org.astrobridge.nn;

import java.util.SplittableRandom;

/**
 * Tiny two-class stamps for tests: class 0 a single Gaussian blob, class 1 two blobs (a "merger"). The target domain
 * adds sky noise and a brightness scale so that a domain gap exists.
 */
public final class SyntheticStamps {

	public static final String[] CLASSES = { "single", "pair" };

	private SyntheticStamps() {}

	public static StampSet make(int n, int size, int bands, double noise, double scale, long seed, boolean labelled,
		String domain)
	{
		SplittableRandom r = new SplittableRandom(seed);
		float[] px = new float[n * size * size * bands];
		int[] labels = new int[n];
		for (int k = 0; k < n; k++) {
			int y = k % 2;
			labels[k] = y;
			double cx = size / 2.0 + r.nextDouble(-1.5, 1.5), cy = size / 2.0 + r.nextDouble(-1.5, 1.5);
			double sig = size / 10.0 * r.nextDouble(0.8, 1.3);
			double angle = r.nextDouble(0, 2 * Math.PI), sep = size / 4.0 * r.nextDouble(0.8, 1.2);
			for (int j = 0; j < size; j++)
				for (int i = 0; i < size; i++) {
					double v = blob(i, j, cx, cy, sig);
					if (y == 1) v = 0.6 * v + 0.6 * blob(i, j, cx + sep * Math.cos(angle), cy + sep * Math.sin(angle), sig * 0.8);
					for (int b = 0; b < bands; b++)
						px[((k * size + j) * size + i) * bands + b] = (float) (scale * v * (1 + 0.2 * b) + noise * gaussian(r));
				}
		}
		return new StampSet(n, size, size, bands, px, labelled ? labels : null, labelled ? CLASSES : null, domain,
			"synthetic seed " + seed);
	}

	/** The labels that {@link #make} gives, for scoring an unlabelled set. */
	public static int[] labels(int n) {
		int[] l = new int[n];
		for (int k = 0; k < n; k++)
			l[k] = k % 2;
		return l;
	}

	private static double blob(double i, double j, double cx, double cy, double s) {
		double dx = i - cx, dy = j - cy;
		return Math.exp(-(dx * dx + dy * dy) / (2 * s * s));
	}

	private static double gaussian(SplittableRandom r) {
		return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
	}
}
