package org.astrobridge.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astrobridge.report.Catalog;
import org.junit.jupiter.api.Test;

class TruthComparisonTest {

	private static Catalog detections(double[][] xy, String[] classes, int[] ood) {
		Catalog c = new Catalog().addDouble("x_fits", "pix", "").addDouble("y_fits", "pix", "").addString("class", "")
			.addInt("ood", "", "");
		for (int i = 0; i < xy.length; i++) c.addRow(xy[i][0], xy[i][1], classes[i], ood[i]);
		return c;
	}

	@Test
	void matchesNearestPairsOneToOneWithinTheRadius() throws Exception {
		Catalog truth = new Catalog().addDouble("x", "pix", "").addDouble("y", "pix", "").addInt("label", "", "")
			.addString("class_name", "");
		truth.addRow(10.0, 10.0, 1, "merger");
		truth.addRow(12.0, 10.0, 0, "non_merger"); // 2 px from the first: each must get its own detection
		truth.addRow(50.0, 50.0, 0, "non_merger"); // nothing detected near it
		truth.addRow(80.0, 20.0, -1, "star");
		Catalog det = detections(new double[][] { { 10.4, 10.0 }, { 11.8, 10.1 }, { 80.5, 20.5 }, { 200, 200 } },
			new String[] { "merger", "merger", "non_merger", "non_merger" }, new int[] { 0, 1, 1, 1 });
		TruthComparison t = TruthComparison.compare(det, truth, 3.0);
		assertEquals(3, t.galaxies());
		assertEquals(2, t.matchedGalaxies());
		assertEquals(1, t.correct(), "the merger is right, the neighbour called merger is wrong");
		assertEquals(0.5, t.accuracy(), 1e-12);
		assertEquals(2.0 / 3, t.completeness(), 1e-12);
		assertEquals(1, t.stars());
		assertEquals(1, t.matchedStars());
		assertEquals(1, t.starsFlaggedOod());
		assertEquals(1, t.unmatchedDetections());
		assertEquals(1, t.galaxiesFlaggedOod(), "the neighbour is flagged, the merger is not");
		assertEquals(1, t.unmatchedFlaggedOod());
		assertTrue(t.summary().contains("flagged OOD: galaxies 1 of 2 (50.0 %), stars 1 of 1 (100.0 %), "
			+ "unmatched detections 1 of 1 (100.0 %)"), t.summary());
	}

	@Test
	void detectionOutsideTheRadiusDoesNotMatch() throws Exception {
		Catalog truth = new Catalog().addDouble("x", "pix", "").addDouble("y", "pix", "").addInt("label", "", "")
			.addString("class_name", "");
		truth.addRow(0.0, 0.0, 0, "a");
		TruthComparison t = TruthComparison.compare(detections(new double[][] { { 3.1, 0 } }, new String[] { "a" },
			new int[] { 0 }), truth, 3.0);
		assertEquals(0, t.matchedGalaxies());
		assertEquals(Double.NaN, t.accuracy());
	}
}
