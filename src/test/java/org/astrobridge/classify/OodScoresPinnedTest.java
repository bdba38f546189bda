package org.astrobridge.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.astrobridge.nn.LatentStatistics;
import org.astrobridge.ood.OodThreshold;
import org.junit.jupiter.api.Test;

/**
 * The scores, thresholds, flags and descriptions of every OOD method on a fixed model, pinned to the values the scorers
 * gave before they became pluggable: a change of structure must not change a number.
 */
class OodScoresPinnedTest {

	static final int OBJECTS = 6;

	/** Fixed latents around and between the classes of {@link OodModelTest#stats}, and class probabilities. */
	static float[][] objects() {
		SplittableRandom rnd = new SplittableRandom(31);
		float[] latents = new float[OBJECTS * OodModelTest.DIM];
		float[] probabilities = new float[OBJECTS * 2];
		for (int k = 0; k < OBJECTS; k++) {
			for (int i = 0; i < OodModelTest.DIM; i++)
				latents[k * OodModelTest.DIM + i] = (float) (k * (i == k % 4 ? 1.5 : 0.5) + rnd.nextGaussian());
			probabilities[2 * k] = k == 0 ? 0.99f : (float) rnd.nextDouble(); // one confident object
			probabilities[2 * k + 1] = 1 - probabilities[2 * k];
		}
		return new float[][] { latents, probabilities };
	}

	static void check(String method, double[] scores, double threshold, double reference, String describe) {
		float[][] o = objects();
		OodModel m = OodModel.build(OodMethod.parse(method), 0.9, OodModelTest.stats(true), 2, "m",
			OodModel.Calibration.SOURCE);
		double[] s = m.scores(o[0], o[1]);
		assertArrayEquals(scores, s, 0, method);
		assertEquals(threshold, m.threshold(), 0, method);
		assertEquals(reference, m.reference(), 0, method);
		assertEquals(describe, m.describe());
		for (int k = 0; k < s.length; k++)
			assertEquals(scores[k] > threshold, m.isOod(s[k]), method + " flag " + k);
		OodEnsemble pair = new OodEnsemble(List.of(m, m));
		double[] e = pair.scores(List.of(o[0], o[0]), o[1]);
		for (int k = 0; k < s.length; k++)
			assertEquals((scores[k] - reference) / (threshold - reference), e[k], 1e-12, method + " ensemble " + k);
	}

	@Test
	void everyMethodGivesItsPinnedScoresThresholdAndDescription() {
		check("mahalanobis", new double[] { 3.2198453202475834, 18.830152767889942, 19.354171502798422, 47.409982012768964,
			20.52119978678873, 95.31744441886885 }, 7.454011950993289, 3.653263994907773,
			"mahalanobis > 7.454 (keeps 0.9 of 200 held-out source-validation latents; fitted on 200)");
		check("gaussian", new double[] { 3.420496597110594, 17.812497740710693, 18.791710787735965, 45.83243762616158,
			21.481438560217217, 96.67276619681012 }, 7.6791923155953175, 3.802088923292447,
			"gaussian > 7.679 (keeps 0.9 of 200 held-out source-validation latents; fitted on 200)");
		check("open-set", new double[] { -126.46711053379087, -38.37031874994741, -154.31383535307435, -157.75453796837527,
			-139.7773859134876, -190.95316543214432 }, -44.32920053100178, -95.81185041378679,
			"open-set > -44.33 (keeps 0.9 of 200 held-out source-validation latents; fitted on 200, unknown class from 100 target latents)");
		check("knn", new double[] { 0.6051788128094706, 0.9031792607886227, 0.5661871650813559, 0.8112536554592165,
			0.3414244011913869, 0.8262838734133949 }, 0.7973105146875907, 0.36453879296547453,
			"knn > 0.7973 (keeps 0.9 of 200 held-out source-validation latents; fitted on 200)");
		check("entropy", new double[] { 0.05600149053236493, 0.5877412588009832, 0.4664517993049686, 0.24038146721756753,
			0.5361710000785884, 0.20386921671003325 }, 0.34657359027997264, 0.0, "entropy > ln(K)/2 = 0.3466");
	}

	@Test
	void targetCalibrationKeepsTheShareOfTheTargetLatentsUnlessTheScorerWasFittedOnThem() {
		LatentStatistics stats = OodModelTest.stats(true);
		OodModel m = OodModel.build(OodMethod.parse("mahalanobis"), 0.9, stats, 2, "m", OodModel.Calibration.TARGET);
		double[] targetScores = m.scores(stats.targetSamples(), null);
		assertEquals(OodThreshold.calibrate(targetScores, 0.9).threshold(), m.threshold(), 0);
		assertEquals(targetScores.length, m.calibrationCount());
		assertTrue(m.calibratedOnTarget());
		assertTrue(m.describe().contains("of " + targetScores.length + " unlabelled target latents"), m.describe());
		OodModel openSet = OodModel.build(OodMethod.parse("open-set"), 0.9, stats, 2, "m", OodModel.Calibration.TARGET);
		assertFalse(openSet.calibratedOnTarget(), "open-set learnt its unknown class from the target latents");
		assertEquals(-44.32920053100178, openSet.threshold(), 0);
		OodModel noTarget = OodModel.build(OodMethod.parse("mahalanobis"), 0.9, OodModelTest.stats(false), 2, "m",
			OodModel.Calibration.TARGET);
		assertFalse(noTarget.calibratedOnTarget(), "a model without target latents is calibrated on source validation");
		assertEquals(OodModel.Calibration.SOURCE, OodModel.Calibration.parse(" Source "));
		assertEquals("unknown OOD calibration 'both': use target, source or field", assertThrows(
			IllegalArgumentException.class, () -> OodModel.Calibration.parse("both")).getMessage());
	}

	@Test
	void methodsAndMessagesKeepTheirNames() {
		assertEquals(List.of("mahalanobis", "gaussian", "open-set", "knn", "entropy"), OodMethod.values().stream().map(
			OodMethod::optionName).toList());
		assertEquals("unknown OOD score 'lof': use mahalanobis, gaussian, open-set, knn or entropy", assertThrows(
			IllegalArgumentException.class, () -> OodMethod.parse("lof")).getMessage());
		LatentStatistics few = new LatentStatistics(2, new int[] { 5, 5 }, new double[2][2], new double[2], new float[2 *
			10], new int[10], 0, null, null, Double.NaN, null);
		assertEquals(
			"model few.zip keeps 10 source-validation latents; the knn OOD score needs at least 20 (use ood=entropy)",
			assertThrows(IllegalArgumentException.class, () -> OodModel.build(OodMethod.parse("knn"), 0.95, few, 2,
				"few.zip")).getMessage());
		assertEquals(Math.log(3) / 2, OodModel.build(OodMethod.parse("entropy"), 0.95, null, 3, "none.zip").threshold(), 0);
	}
}
