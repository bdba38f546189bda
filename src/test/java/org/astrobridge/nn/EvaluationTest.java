package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationTest {

	@Test
	void twoClassMetricsMatchHandComputedValues() {
		int[] y = { 0, 0, 1, 1, -1 };
		float[] p = { 0.9f, 0.1f, 0.4f, 0.6f, 0.3f, 0.7f, 0.8f, 0.2f, 0.5f, 0.5f };
		Evaluation e = Evaluation.of(y, p, 2);
		assertEquals(4, e.count());
		assertEquals(0.5, e.accuracy(), 1e-12);
		assertArrayEquals(new long[] { 1, 1 }, e.confusion()[0]);
		assertArrayEquals(new long[] { 1, 1 }, e.confusion()[1]);
		// scores of class 1: negatives 0.1, 0.6; positives 0.7, 0.2 -> pairs won: (0.7>0.1, 0.7>0.6, 0.2>0.1) = 3 of 4
		assertEquals(0.75, e.rocAuc(), 1e-12);
		double brier = (2 * 0.01 + 2 * 0.36 + 2 * 0.09 + 2 * 0.64) / 4;
		assertEquals(brier, e.brier(), 1e-6);
		assertEquals(0.5, e.precision()[0], 1e-12);
		assertEquals(0.5, e.recall()[1], 1e-12);
		assertTrue(e.ece() >= 0 && e.ece() <= 1);
	}

	@Test
	void perfectPredictionsGiveAccuracyOneAndAucOne() {
		Evaluation e = Evaluation.of(new int[] { 0, 1, 1 }, new float[] { 1, 0, 0, 1, 0, 1 }, 2);
		assertEquals(1, e.accuracy());
		assertEquals(1, e.rocAuc());
		assertEquals(0, e.brier(), 1e-12);
		assertEquals(0, e.ece(), 1e-12);
	}

	@Test
	void unlabelledOnlyIsAnError() {
		IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Evaluation.of(new int[] { -1 },
			new float[] { 0.5f, 0.5f }, 2));
		assertTrue(ex.getMessage().contains("no labelled"));
	}
}
