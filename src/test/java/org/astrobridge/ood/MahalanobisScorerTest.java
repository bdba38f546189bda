package org.astrobridge.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MahalanobisScorerTest {

	@Test
	void equalsTheClosedFormInTwoDimensions() {
		// Sigma = [[2,1],[1,2]], Sigma^-1 = [[2,-1],[-1,2]]/3; z = (1,2):
		// to (0,0): (2*1 - 2*1*2 + 2*4)/3 = 2; to (4,0): v = (-3,2): (18 + 12 + 8)/3 = 38/3.
		MahalanobisScorer m = MahalanobisScorer.of(new double[][] { { 0, 0 }, { 4, 0 } }, new double[][] { { 2, 1 }, { 1,
			2 } }, 0);
		double[] d = m.distances(new float[] { 1, 2 });
		assertEquals(2, d[0], 1e-12);
		assertEquals(38.0 / 3, d[1], 1e-12);
		assertEquals(2, m.score(new float[] { 1, 2 }), 1e-12);
		assertEquals(0, m.nearestClass(new float[] { 1, 2 }));
		assertEquals(1, m.nearestClass(new float[] { 4, 0.5f }));
		assertEquals(0, m.jitter());
		assertEquals(0, m.components());
	}

	@Test
	void fittedScoresSeparateShiftedPoints() {
		int d = 16;
		int classes = 3;
		SplittableRandom rnd = new SplittableRandom(1);
		double[][] mix = randomMatrix(rnd, d, d);
		double[][] means = new double[classes][d];
		for (double[] m : means) {
			for (int i = 0; i < d; i++) {
				m[i] = 4 * rnd.nextGaussian();
			}
		}
		Sample train = sample(rnd, 900, means, mix, null);
		MahalanobisScorer scorer = MahalanobisScorer.fit(train.latents, train.labels, d, classes);
		assertEquals(0, scorer.components());
		assertTrue(scorer.shrinkage() >= 0 && scorer.shrinkage() < 0.5, "shrinkage " + scorer.shrinkage());
		double[] shift = new double[d];
		for (int i = 0; i < d; i++) {
			shift[i] = 2.5 * rnd.nextGaussian();
		}
		Sample known = sample(rnd, 300, means, mix, null);
		Sample shifted = sample(rnd, 300, means, mix, shift);
		double auroc = auroc(scorer.scores(known.latents), scorer.scores(shifted.latents));
		assertTrue(auroc > 0.95, "AUROC " + auroc);
		// In distribution, the squared distance to the own class is about chi-square with d degrees of freedom.
		double mean = java.util.Arrays.stream(scorer.scores(known.latents)).average().orElseThrow();
		assertTrue(mean > 0.6 * d && mean < 1.2 * d, "mean in-distribution score " + mean);
	}

	@Test
	void perClassCovarianceFollowsEachClassShape() {
		// class 0 long in x, class 1 long in y; the pooled covariance is about round
		SplittableRandom rnd = new SplittableRandom(3);
		int n = 2000;
		float[] latents = new float[2 * n];
		int[] labels = new int[n];
		for (int k = 0; k < n; k++) {
			labels[k] = k % 2;
			double a = 3 * rnd.nextGaussian(), b = rnd.nextGaussian();
			latents[2 * k] = (float) (labels[k] == 0 ? a : 10 + b);
			latents[2 * k + 1] = (float) (labels[k] == 0 ? b : a);
		}
		MahalanobisScorer shared = MahalanobisScorer.fit(latents, labels, 2, 2);
		MahalanobisScorer perClass = MahalanobisScorer.fit(latents, labels, 2, 2, 256, 64,
			MahalanobisScorer.Covariance.PER_CLASS);
		float[] alongClass0 = { 4, 0 };
		float[] acrossClass0 = { 0, 3 };
		assertTrue(shared.score(acrossClass0) < shared.score(alongClass0), "the shared covariance misses the class shapes");
		assertTrue(perClass.score(alongClass0) < perClass.score(acrossClass0) - 5, perClass.score(alongClass0) + " vs " +
			perClass.score(acrossClass0));
		// distance 4^2 / 9 plus ln det diag(9, 1) less ln det diag(1, 9): the two classes' covariances have equal
		// determinants
		assertEquals(16.0 / 9, perClass.distances(alongClass0)[0], 0.3);
		assertEquals(0, perClass.nearestClass(alongClass0));
	}

	@Test
	void projectsHighDimensionalRankDeficientLatents() {
		int d = 400;
		int factors = 20;
		SplittableRandom rnd = new SplittableRandom(2);
		double[][] load = randomMatrix(rnd, d, factors);
		double[][] means = new double[2][factors];
		for (double[] m : means) {
			for (int i = 0; i < factors; i++) {
				m[i] = 3 * rnd.nextGaussian();
			}
		}
		Sample train = sample(rnd, 300, means, load, null); // 300 samples in 400 dimensions, rank 20
		MahalanobisScorer scorer = MahalanobisScorer.fit(train.latents, train.labels, d, 2);
		assertEquals(MahalanobisScorer.DEFAULT_COMPONENTS, scorer.components());
		double[] shift = new double[factors];
		for (int i = 0; i < factors; i++) {
			shift[i] = 2.5 * rnd.nextGaussian();
		}
		double[] known = scorer.scores(sample(rnd, 200, means, load, null).latents);
		double[] shifted = scorer.scores(sample(rnd, 200, means, load, shift).latents);
		for (double s : known) {
			assertTrue(Double.isFinite(s) && s >= 0, "score " + s);
		}
		double auroc = auroc(known, shifted);
		assertTrue(auroc > 0.95, "AUROC " + auroc);
	}

	@Test
	void singularCovarianceDoesNotBlowUp() {
		// Latents confined to a 3-dimensional subspace of 10 dimensions: the pooled covariance has rank 3.
		int d = 10;
		SplittableRandom rnd = new SplittableRandom(3);
		double[][] load = randomMatrix(rnd, d, 3);
		double[][] means = { { 0, 0, 0 }, { 5, 0, 0 } };
		Sample train = sample(rnd, 200, means, load, null);
		MahalanobisScorer fitted = MahalanobisScorer.fit(train.latents, train.labels, d, 2);
		double[] known = fitted.scores(sample(rnd, 100, means, load, null).latents);
		double[] shifted = fitted.scores(sample(rnd, 100, means, load, new double[] { 0, 6, 6 }).latents);
		for (double s : known) {
			assertTrue(Double.isFinite(s) && s >= 0 && s < 1e6, "score " + s);
		}
		assertTrue(auroc(known, shifted) > 0.95);

		double[][] cov = new double[d][d];
		for (int i = 0; i < d; i++) {
			for (int j = 0; j < d; j++) {
				for (int f = 0; f < 3; f++) {
					cov[i][j] += load[i][f] * load[j][f];
				}
			}
		}
		MahalanobisScorer given = MahalanobisScorer.of(new double[2][d], cov, 0);
		assertTrue(given.jitter() > 0, "jitter was needed");
		double s = given.score(new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
		assertTrue(Double.isFinite(s) && s > 0, "score " + s);
	}

	@Test
	void rejectsMismatchedInput() {
		assertThrows(IllegalArgumentException.class, () -> MahalanobisScorer.fit(new float[5], new int[] { 0, 1 }, 3, 2));
		assertThrows(IllegalArgumentException.class, () -> MahalanobisScorer.fit(new float[6], new int[] { 0, 2 }, 3, 2));
		assertThrows(IllegalArgumentException.class, () -> MahalanobisScorer.of(new double[][] { { 0, 0, 0 } },
			new double[][] { { 1, 0 }, { 0, 1 } }));
	}

	static double auroc(double[] negatives, double[] positives) {
		double[] s = new double[negatives.length + positives.length];
		boolean[] p = new boolean[s.length];
		System.arraycopy(negatives, 0, s, 0, negatives.length);
		System.arraycopy(positives, 0, s, negatives.length, positives.length);
		java.util.Arrays.fill(p, negatives.length, s.length, true);
		return Auroc.of(s, p);
	}

	private record Sample(float[] latents, int[] labels) {}

	/** Latents mix * (mean_y + shift + N(0, I)), one row per sample; class y cycles. */
	private static Sample sample(SplittableRandom rnd, int n, double[][] means, double[][] mix, double[] shift) {
		int d = mix.length;
		int f = mix[0].length;
		float[] x = new float[n * d];
		int[] y = new int[n];
		double[] u = new double[f];
		for (int r = 0; r < n; r++) {
			y[r] = r % means.length;
			for (int j = 0; j < f; j++) {
				u[j] = means[y[r]][j] + (shift == null ? 0 : shift[j]) + rnd.nextGaussian();
			}
			for (int i = 0; i < d; i++) {
				double s = 0;
				for (int j = 0; j < f; j++) {
					s += mix[i][j] * u[j];
				}
				x[r * d + i] = (float) s;
			}
		}
		return new Sample(x, y);
	}

	private static double[][] randomMatrix(SplittableRandom rnd, int rows, int cols) {
		double[][] m = new double[rows][cols];
		for (double[] row : m) {
			for (int j = 0; j < cols; j++) {
				row[j] = rnd.nextGaussian();
			}
		}
		return m;
	}
}
