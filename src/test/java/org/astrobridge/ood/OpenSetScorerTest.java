package org.astrobridge.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpenSetScorerTest {

	/** Two known classes; the unlabelled target adds a third group that the known classes' tails would half cover. */
	@Test
	void learnsTheUnknownGroupOfTheTargetAndRanksItAboveKnownObjects() {
		int d = 6;
		SplittableRandom rnd = new SplittableRandom(5);
		double[][] centres = { { 0, 0, 0, 0, 0, 0 }, { 6, 0, 0, 0, 0, 0 } };
		double[] unknown = { 3, 2.5, 0, 0, 0, 0 }; // between the classes, a little off their axis
		int n = 600;
		float[] source = new float[n * d];
		int[] labels = new int[n];
		for (int k = 0; k < n; k++) {
			labels[k] = k % 2;
			fill(source, k, d, centres[labels[k]], 1.0, rnd);
		}
		MahalanobisScorer known = MahalanobisScorer.fit(source, labels, d, 2, 256, 32,
			MahalanobisScorer.Covariance.PER_CLASS);
		int m = 2000;
		float[] target = new float[m * d];
		for (int k = 0; k < m; k++) {
			fill(target, k, d, k % 10 == 0 ? unknown : centres[k % 2], k % 10 == 0 ? 0.5 : 1.0, rnd);
		}
		OpenSetScorer open = OpenSetScorer.fit(known, target, 0.1);
		assertEquals(200, open.unknownRows());
		int test = 1000;
		float[] fresh = new float[test * d];
		boolean[] isUnknown = new boolean[test];
		for (int k = 0; k < test; k++) {
			isUnknown[k] = k % 5 == 0;
			fill(fresh, k, d, isUnknown[k] ? unknown : centres[k % 2], isUnknown[k] ? 0.5 : 1.0, rnd);
		}
		double openAuroc = Auroc.of(open.scores(fresh), isUnknown);
		double knownOnly = Auroc.of(known.scores(fresh), isUnknown);
		assertTrue(openAuroc > 0.98, "open-set AUROC " + openAuroc);
		assertTrue(openAuroc > knownOnly, openAuroc + " vs the known classes' likelihood alone " + knownOnly);
		// deterministic
		assertEquals(open.scores(fresh)[3], OpenSetScorer.fit(known, target, 0.1).scores(fresh)[3], 0);
	}

	@Test
	void refusesTooFewTargetLatentsAndSharedCovariances() {
		float[] source = new float[40];
		int[] labels = new int[20];
		SplittableRandom rnd = new SplittableRandom(1);
		for (int i = 0; i < source.length; i++)
			source[i] = (float) rnd.nextGaussian();
		MahalanobisScorer perClass = MahalanobisScorer.fit(source, labels, 2, 1, 256, 32,
			MahalanobisScorer.Covariance.PER_CLASS);
		assertThrows(IllegalArgumentException.class, () -> OpenSetScorer.fit(perClass, new float[2 * 50], 0.1));
		MahalanobisScorer shared = MahalanobisScorer.fit(source, labels, 2, 1);
		assertThrows(IllegalStateException.class, () -> OpenSetScorer.fit(shared, source, 0.5));
	}

	private static void fill(float[] out, int row, int d, double[] centre, double sd, SplittableRandom rnd) {
		for (int i = 0; i < d; i++) {
			out[row * d + i] = (float) (centre[i] + sd * rnd.nextGaussian());
		}
	}
}
