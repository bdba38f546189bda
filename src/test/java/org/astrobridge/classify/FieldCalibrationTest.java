package org.astrobridge.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.astrobridge.classify.MorphologyPrefilter.Verdict;
import org.junit.jupiter.api.Test;

/** calibrate=field: the keep quantile of the scores of the objects the pre-filter passed, or the model's threshold. */
class FieldCalibrationTest {

	/** Entropy of two classes: a fixed threshold ln(2)/2 = 0.347, no latents needed. */
	private static final OodEnsemble MODEL = new OodEnsemble(List.of(OodModel.build(OodMethod.ENTROPY, 0.95, null, 2,
		"m")));

	@Test
	void thresholdIsTheQuantileOfThePassedObjectsOnly() {
		// 100 galaxies scoring 1..100, 30 stars and artefacts scoring far higher, one galaxy without a score
		double[] scores = new double[131];
		Verdict[] verdicts = new Verdict[131];
		for (int i = 0; i < 100; i++) {
			scores[i] = i + 1;
			verdicts[i] = Verdict.GALAXY;
		}
		for (int i = 100; i < 130; i++) {
			scores[i] = 1000 + i;
			verdicts[i] = i % 2 == 0 ? Verdict.POINT_SOURCE : Verdict.SHARP;
		}
		scores[130] = Double.NaN;
		verdicts[130] = Verdict.GALAXY;
		FieldCalibration c = FieldCalibration.of(scores, verdicts, 0.95, MODEL);
		assertTrue(c.applied(), c.description());
		// h = 99 x 0.95 = 94.05 between the 95th and 96th smallest: 95 + 0.05
		assertEquals(95.05, c.threshold(), 1e-9);
		assertTrue(c.description().contains("of the 100 objects"), c.description());
		long flagged = Arrays.stream(scores, 0, 100).filter(c::isOod).count();
		assertEquals(5, flagged, "keeps 95 of the 100 galaxies");
		assertTrue(c.isOod(Double.NaN), "a NaN score is flagged");
		assertFalse(c.isOod(0.5), "the model's threshold (0.347) no longer applies");
	}

	@Test
	void fewerThanFiftyPassedObjectsKeepTheModelsThreshold() {
		double[] scores = new double[80];
		Verdict[] verdicts = new Verdict[80];
		for (int i = 0; i < 80; i++) {
			scores[i] = i / 100.0;
			verdicts[i] = i < FieldCalibration.MIN_OBJECTS - 1 ? Verdict.GALAXY : Verdict.POINT_SOURCE;
		}
		FieldCalibration c = FieldCalibration.of(scores, verdicts, 0.95, MODEL);
		assertFalse(c.applied());
		assertTrue(Double.isNaN(c.threshold()));
		assertTrue(c.description().startsWith("only 49 objects passed"), c.description());
		assertTrue(c.isOod(0.35) && !c.isOod(0.34), "the model's ln(2)/2");
	}

	@Test
	void withoutThePrefilterTheModelsThresholdStays() {
		double[] scores = new double[200];
		FieldCalibration c = FieldCalibration.of(scores, null, 0.95, MODEL);
		assertFalse(c.applied());
		assertTrue(c.description().contains("needs the morphology pre-filter"), c.description());
	}

	@Test
	void fieldIsAnOptionValue() {
		assertEquals(OodModel.Calibration.FIELD, OodModel.Calibration.parse(" Field "));
	}
}
