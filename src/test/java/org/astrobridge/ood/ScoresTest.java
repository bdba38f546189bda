package org.astrobridge.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoresTest {

	@Test
	void knnFindsTheKthNeighbour() {
		float[] square = { 0, 0, 1, 0, 0, 1, 1, 1 };
		KnnScorer k1 = KnnScorer.fit(square, 2, 1, false);
		assertEquals(Math.sqrt(0.5), k1.score(new float[] { 0.5f, 0.5f }), 1e-6);
		KnnScorer k2 = KnnScorer.fit(square, 2, 2, false);
		// From (3,0): (1,0) at 2, (1,1) at sqrt(5), (0,0) at 3.
		assertEquals(Math.sqrt(5), k2.score(new float[] { 3, 0 }), 1e-6);
		assertArrayEquals(new double[] { Math.sqrt(5), 0.5 }, k2.scores(new float[] { 3, 0, 0.5f, 0 }), 1e-6);
		assertEquals(4, KnnScorer.fit(square, 2, 10, false).k());
		// Normalised, only the direction counts: (2,0) coincides with (1,0).
		KnnScorer unit = KnnScorer.fit(square, 2, 1, true);
		assertEquals(0, unit.score(new float[] { 2, 0 }), 1e-6);
		assertEquals(KnnScorer.DEFAULT_K, KnnScorer.fit(new float[40], 2).k());
		assertThrows(IllegalArgumentException.class, () -> k1.score(new float[3]));
	}

	@Test
	void knnSeparatesAShiftedCluster() {
		SplittableRandom rnd = new SplittableRandom(5);
		int d = 8;
		float[] train = gaussian(rnd, 500, d, 0);
		KnnScorer knn = KnnScorer.fit(train, d, 10, false);
		double[] known = knn.scores(gaussian(rnd, 200, d, 0));
		double[] shifted = knn.scores(gaussian(rnd, 200, d, 3));
		assertTrue(MahalanobisScorerTest.auroc(known, shifted) > 0.95);
	}

	@Test
	void entropyOfUniformAndOneHot() {
		float[] p = { 0.25f, 0.25f, 0.25f, 0.25f, 0, 1, 0, 0, 0.5f, 0.5f, 0, 0 };
		double[] h = EntropyScorer.scores(p, 4);
		assertEquals(Math.log(4), h[0], 1e-6);
		assertEquals(0, h[1], 0);
		assertEquals(Math.log(2), h[2], 1e-6);
		assertEquals(Math.log(4) / 2, EntropyScorer.unknownThreshold(4), 1e-15);
		// ln 2 = ln(4)/2 exactly: not above the threshold.
		assertArrayEquals(new boolean[] { true, false, false }, EntropyScorer.unknown(p, 4));
	}

	@Test
	void thresholdInterpolatesAndKeepsTheRequestedFraction() {
		OodThreshold t = OodThreshold.calibrate(new double[] { 5, 1, 3, 2, 4, Double.NaN }, 0.9);
		assertEquals(4.6, t.threshold(), 1e-12); // h = 4 * 0.9 = 3.6 between 4 and 5
		assertArrayEquals(new boolean[] { false, false, true, true }, t.apply(new double[] { 4.6, -1, 4.7, Double.NaN }));

		SplittableRandom rnd = new SplittableRandom(7);
		double[] calibration = new double[2000];
		for (int i = 0; i < calibration.length; i++) {
			calibration[i] = rnd.nextGaussian();
		}
		OodThreshold t95 = OodThreshold.calibrate(calibration);
		assertEquals(0.95, t95.keepFraction());
		assertEquals(0.95, keptFraction(t95, calibration), 1e-3);
		double[] heldOut = new double[20000];
		for (int i = 0; i < heldOut.length; i++) {
			heldOut[i] = rnd.nextGaussian();
		}
		assertEquals(0.95, keptFraction(t95, heldOut), 0.01);
		assertThrows(IllegalArgumentException.class, () -> OodThreshold.calibrate(calibration, 0));
		assertThrows(IllegalArgumentException.class, () -> OodThreshold.calibrate(new double[] { Double.NaN }));
	}

	@Test
	void aurocWithTies() {
		// Positives 0.35, 0.8, 0.9 against negatives 0.1, 0.4, 0.35, 0.8:
		// 0.35 beats 1 and ties 1 (1.5), 0.8 beats 3 and ties 1 (3.5), 0.9 beats 4: 9 of 12 pairs.
		double[] s = { 0.1, 0.4, 0.35, 0.8, 0.35, 0.8, 0.9 };
		boolean[] pos = { false, false, false, false, true, true, true };
		assertEquals(0.75, Auroc.of(s, pos), 1e-12);
		assertEquals(1, Auroc.of(new double[] { 1, 2, 3 }, new boolean[] { false, true, true }), 0);
		assertEquals(0, Auroc.of(new double[] { 1, 2, 3 }, new boolean[] { true, false, false }), 0);
		assertEquals(0.5, Auroc.of(new double[] { 2, 2, 2, 2 }, new boolean[] { true, false, true, false }), 0);
		assertThrows(IllegalArgumentException.class, () -> Auroc.of(new double[] { 1, 2 }, new boolean[] { true, true }));
	}

	private static double keptFraction(OodThreshold t, double[] scores) {
		int kept = 0;
		for (boolean f : t.apply(scores)) {
			kept += f ? 0 : 1;
		}
		return kept / (double) scores.length;
	}

	private static float[] gaussian(SplittableRandom rnd, int n, int d, double shift) {
		float[] x = new float[n * d];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) (rnd.nextGaussian() + shift);
		}
		return x;
	}
}
