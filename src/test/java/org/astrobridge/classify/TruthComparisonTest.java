package org.astrobridge.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.astrobridge.report.Catalog;
import org.junit.jupiter.api.Test;

class TruthComparisonTest {

	private static Catalog detections(double[][] xy, String[] classes, int[] ood) {
		Catalog c = new Catalog().addDouble("x_fits", "pix", "").addDouble("y_fits", "pix", "").addString("class", "")
			.addInt("ood", "", "");
		for (int i = 0; i < xy.length; i++)
			c.addRow(xy[i][0], xy[i][1], classes[i], ood[i]);
		return c;
	}

	@Test
	void matchesNearestPairsOneToOneWithinTheRadius() throws Exception {
		Catalog truth = new Catalog().addDouble("x", "pix", "").addDouble("y", "pix", "").addInt("label", "", "").addString(
			"class_name", "");
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
		assertTrue(t.summary().contains("flagged OOD: galaxies 1 of 2 (50.0 %), stars 1 of 1 (100.0 %), " +
			"unmatched detections 1 of 1 (100.0 %)"), t.summary());
	}

	@Test
	void countsArtefactsPerKindAndNotAsStars() throws Exception {
		Catalog truth = new Catalog().addDouble("x", "pix", "").addDouble("y", "pix", "").addInt("label", "", "").addString(
			"class_name", "");
		truth.addRow(10.0, 10.0, 0, "non_merger");
		truth.addRow(30.0, 10.0, -1, "star");
		truth.addRow(50.0, 10.0, -1, "saturated_star");
		truth.addRow(70.0, 10.0, -2, "cosmic_ray");
		truth.addRow(90.0, 10.0, -2, "cosmic_ray");
		truth.addRow(110.0, 10.0, -6, "lens");
		Catalog det = detections(new double[][] { { 10, 10 }, { 30, 10 }, { 50, 11 }, { 70, 10 }, { 110.5, 10 } },
			new String[] { "a", "a", "a", "a", "a" }, new int[] { 0, 1, 1, 1, 0 });
		TruthComparison t = TruthComparison.compare(det, truth, 3.0);
		assertEquals(1, t.galaxies());
		assertEquals(2, t.stars(), "star and saturated_star are stars (label -1); the others are not");
		assertEquals(2, t.starsFlaggedOod());
		assertEquals(0, t.unmatchedDetections());
		Map<String, TruthComparison.Kind> kinds = new HashMap<>();
		for (TruthComparison.Kind k : t.kinds())
			kinds.put(k.name(), k);
		assertEquals(Set.of("star", "saturated_star", "cosmic_ray", "lens"), kinds.keySet());
		assertEquals(new TruthComparison.Kind("cosmic_ray", 2, 1, 1), kinds.get("cosmic_ray"));
		assertEquals(new TruthComparison.Kind("lens", 1, 1, 0), kinds.get("lens"));
		assertTrue(t.summary().contains("cosmic_ray 1 of 2 detected, 1 flagged (100.0 %)"), t.summary());
		assertTrue(t.summary().contains("lens 1 of 1 detected, 0 flagged (0.0 %)"), t.summary());
	}

	@Test
	void detectionOutsideTheRadiusDoesNotMatch() throws Exception {
		Catalog truth = new Catalog().addDouble("x", "pix", "").addDouble("y", "pix", "").addInt("label", "", "").addString(
			"class_name", "");
		truth.addRow(0.0, 0.0, 0, "a");
		TruthComparison t = TruthComparison.compare(detections(new double[][] { { 3.1, 0 } }, new String[] { "a" },
			new int[] { 0 }), truth, 3.0);
		assertEquals(0, t.matchedGalaxies());
		assertEquals(Double.NaN, t.accuracy());
	}
}
