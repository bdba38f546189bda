package org.astrobridge.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.astrobridge.nn.LatentStatistics;
import org.junit.jupiter.api.Test;

/** OOD scorers built from a model's stored latents, as classification builds them. */
class OodModelTest {

	static final int DIM = 4;

	/** Two known classes in the source; a tenth of the target is a third group. */
	static LatentStatistics stats(boolean withTarget) {
		SplittableRandom rnd = new SplittableRandom(9);
		int n = 400;
		float[] samples = new float[n * DIM];
		int[] labels = new int[n];
		for (int k = 0; k < n; k++) {
			labels[k] = (k / 2) % 2; // OodModel fits on even rows and calibrates on odd ones: both need both classes
			for (int i = 0; i < DIM; i++)
				samples[k * DIM + i] = (float) ((i == 0 ? 5 * labels[k] : 0) + rnd.nextGaussian());
		}
		float[] target = null;
		if (withTarget) {
			target = new float[1000 * DIM];
			for (int k = 0; k < 1000; k++) {
				boolean unknown = k % 10 == 0;
				for (int i = 0; i < DIM; i++) {
					double centre = unknown ? (i == 1 ? 3 : 2.5 * (i == 0 ? 1 : 0)) : (i == 0 ? 5 * (k % 2) : 0);
					target[k * DIM + i] = (float) (centre + (unknown ? 0.4 : 1) * rnd.nextGaussian());
				}
			}
		}
		return new LatentStatistics(DIM, new int[] { 200, 200 }, new double[2][DIM], new double[DIM], samples, labels,
			withTarget ? 1000 : 0, null, null, Double.NaN, target);
	}

	@Test
	void theModelCardStatesTheThresholdOfClassifysDefaults() {
		java.util.Map<String, Object> card = org.astrobridge.model.ModelPackage.defaultOod(stats(true), 2);
		OodModel classify = OodModel.build(OodMethod.MAHALANOBIS, 0.95, stats(true), 2, "m", OodModel.Calibration.TARGET);
		assertEquals(classify.threshold(), (double) card.get("threshold"), 0);
		assertEquals("target", card.get("calibration"));
		assertEquals(classify.calibrationCount(), card.get("calibrationLatents"));
		assertEquals("source", org.astrobridge.model.ModelPackage.defaultOod(stats(false), 2).get("calibration"),
			"without target latents, as classify does");
	}

	@Test
	void openSetScoreFlagsTheTargetsUnknownGroupAndKeepsKnownObjects() {
		OodModel m = OodModel.build(OodMethod.OPEN_SET, 0.95, stats(true), 2, "m");
		assertTrue(m.describe().startsWith("open-set > ") && m.describe().contains("unknown class from 100 target latents"),
			m.describe());
		double[] s = m.scores(new float[] { 5, 0, 0, 0, 2.5f, 3, 0, 0 }, null); // a known object, an unknown one
		assertTrue(!m.isOod(s[0]) && m.isOod(s[1]), "scores " + s[0] + ", " + s[1] + ", threshold " + m.threshold());
		assertTrue(m.reference() < m.threshold(), "the median calibration score lies below the 95 % threshold");
	}

	@Test
	void openSetNeedsTargetLatents() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OodModel.build(OodMethod.OPEN_SET,
			0.95, stats(false), 2, "old.zip"));
		assertTrue(e.getMessage().startsWith(
			"model old.zip keeps 0 target latents; the open-set OOD score needs at least 100"), e.getMessage());
	}

	@Test
	void ensembleScoreIsZeroAtTheMedianAndOneAtTheThreshold() {
		OodModel m = OodModel.build(OodMethod.GAUSSIAN, 0.95, stats(false), 2, "m");
		float[] z = { 5, 0, 0, 0 };
		double s = m.scores(z, null)[0];
		double[] e = new OodEnsemble(List.of(m, m)).scores(List.of(z, z), null);
		assertEquals((s - m.reference()) / (m.threshold() - m.reference()), e[0], 1e-12);
		assertEquals("open-set", OodMethod.OPEN_SET.optionName());
		assertEquals(OodMethod.OPEN_SET, OodMethod.parse("open-set"));
	}
}
