package org.astrobridge.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UncertaintyTest {

	@Test
	void disagreementIsMutualInformation() {
		float[][][] passes = { { { 1, 0 }, { 0.7f, 0.3f } }, { { 0, 1 }, { 0.7f, 0.3f } } };
		Uncertainty u = Uncertainty.of(passes);
		assertEquals(2, u.count());
		assertEquals(0.5, u.probability(0, 0), 1e-7);
		assertEquals(0, u.predicted()[0]);
		assertEquals(0.5, u.predictedStd()[0], 1e-7);
		assertEquals(Math.log(2), u.entropy()[0], 1e-7);
		assertEquals(Math.log(2), u.mutualInformation()[0], 1e-7);
		// Identical passes: no model uncertainty, entropy of (0.7, 0.3) only.
		double h = -(0.7 * Math.log(0.7) + 0.3 * Math.log(0.3));
		assertEquals(0, u.predictedStd()[1], 1e-7);
		assertEquals(h, u.entropy()[1], 1e-6);
		assertEquals(0, u.mutualInformation()[1], 1e-6);
		assertThrows(IllegalArgumentException.class, () -> Uncertainty.ofFlat(new float[][] { { 1, 0 }, { 1 } }, 2));
	}

	@Test
	void eceByHand() {
		// Confidences 0.9 (right), 0.75 (wrong), 0.7 (right), 0.55 (right) in 5 bins (values clear of the float
		// edges: 0.8f is slightly above 0.8): (0.4,0.6]: gap 0.45; (0.6,0.8]: accuracy 0.5, confidence 0.725;
		// (0.8,1]: gap 0.1. ECE = (0.45 + 2*0.225 + 0.1)/4.
		float[] p = { 0.9f, 0.1f, 0.75f, 0.25f, 0.3f, 0.7f, 0.45f, 0.55f };
		Calibration c = Calibration.of(p, 2, new int[] { 0, 1, 1, 1 }, 5);
		assertEquals(0.25, c.ece(), 1e-6);
		assertEquals(0.45, c.maxError(), 1e-6);
		assertEquals(2, c.binCounts()[3]);
		assertEquals(0.5, c.accuracy()[3], 0);
		assertEquals(0.725, c.meanConfidence()[3], 1e-6);
		assertTrue(Double.isNaN(c.accuracy()[0]));
		assertEquals(0.6, c.binLower(3), 1e-12);
		assertEquals(0.8, c.binUpper(3), 1e-12);
	}

	@Test
	void calibratedPredictorHasSmallEceAndOverconfidentLarge() {
		SplittableRandom rnd = new SplittableRandom(11);
		int n = 20000;
		float[] calibrated = new float[2 * n];
		float[] overconfident = new float[2 * n];
		int[] labels = new int[n];
		for (int i = 0; i < n; i++) {
			double conf = 0.5 + 0.5 * rnd.nextDouble();
			int predicted = rnd.nextInt(2);
			boolean right = rnd.nextDouble() < conf;
			labels[i] = right ? predicted : 1 - predicted;
			calibrated[2 * i + predicted] = (float) conf;
			calibrated[2 * i + 1 - predicted] = (float) (1 - conf);
			// The same decisions, claimed with 99 % confidence.
			overconfident[2 * i + predicted] = 0.99f;
			overconfident[2 * i + 1 - predicted] = 0.01f;
		}
		Calibration good = Calibration.of(calibrated, 2, labels);
		Calibration bad = Calibration.of(overconfident, 2, labels);
		assertEquals(15, good.bins());
		assertTrue(good.ece() < 0.02, "ECE " + good.ece());
		assertEquals(0.99 - 0.75, bad.ece(), 0.02);
	}
}
