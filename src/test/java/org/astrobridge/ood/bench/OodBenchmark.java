package org.astrobridge.ood.bench;

import java.util.SplittableRandom;
import org.astrobridge.ood.KnnScorer;
import org.astrobridge.ood.MahalanobisScorer;

/**
 * Times the OOD scorers at DeepMerge latent size: 2000 fitting latents of dimension 2592 (rank 100 plus noise, 2
 * classes), 1000 queries. Prints fit and scoring times.
 */
public final class OodBenchmark {

	public static void main(String[] args) {
		int d = 2592;
		int n = 2000;
		int q = 1000;
		SplittableRandom rnd = new SplittableRandom(1);
		float[] load = new float[d * 100];
		for (int i = 0; i < load.length; i++) {
			load[i] = (float) rnd.nextGaussian();
		}
		float[] train = latents(rnd, n, d, load);
		int[] labels = new int[n];
		for (int i = 0; i < n; i++) {
			labels[i] = i % 2;
		}
		float[] queries = latents(rnd, q, d, load);
		long t0 = System.nanoTime();
		MahalanobisScorer m = MahalanobisScorer.fit(train, labels, d, 2);
		long t1 = System.nanoTime();
		m.scores(queries);
		long t2 = System.nanoTime();
		KnnScorer k = KnnScorer.fit(train, d);
		k.scores(queries);
		long t3 = System.nanoTime();
		System.out.printf("Mahalanobis fit (n=%d, d=%d -> %d PCs): %.2f s; %d queries: %.3f s%n", n, d, m.components(),
			(t1 - t0) / 1e9, q, (t2 - t1) / 1e9);
		System.out.printf("kNN (k=%d) %d queries against %d: %.2f s%n", k.k(), q, n, (t3 - t2) / 1e9);
	}

	private static float[] latents(SplittableRandom rnd, int n, int d, float[] load) {
		float[] x = new float[n * d];
		double[] u = new double[100];
		for (int r = 0; r < n; r++) {
			for (int j = 0; j < 100; j++) {
				u[j] = rnd.nextGaussian() + (r % 2) * 2;
			}
			for (int i = 0; i < d; i++) {
				double s = 0.1 * rnd.nextGaussian();
				for (int j = 0; j < 100; j++) {
					s += load[i * 100 + j] * u[j];
				}
				x[r * d + i] = (float) Math.max(0, s); // ReLU-like latents
			}
		}
		return x;
	}
}
