package org.astrobridge.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.SyntheticStamps;
import org.junit.jupiter.api.Test;

class SaliencyTest {

	@Test
	void gradientMapsHaveTheStampShapeAndAreConsistent() throws Exception {
		StampSet stamps = SyntheticStamps.make(6, 48, 1, 0.05, 1, 7, false, "test");
		try (Predictor p = Predictor.open(Path.of("models/mergers-sim-to-sdss-dann.zip"), new SessionSettings(1, "cpu"))) {
			Predictor.InputGradients g0 = p.inputGradients(stamps, new int[6]);
			Predictor.InputGradients g1 = p.inputGradients(stamps, new int[] { 1, 1, 1, 1, 1, 1 });
			assertEquals(stamps.pixels().length, g0.gradients().length);
			double total = 0, asym = 0;
			for (int i = 0; i < g0.gradients().length; i++) {
				total += Math.abs(g0.gradients()[i]);
				asym += Math.abs(g0.gradients()[i] + g1.gradients()[i]);
			}
			assertTrue(total > 0, "non-zero gradients");
			assertTrue(asym < 1e-3 * total, "two classes: d p0 = -d p1");
			float[][] maps = Saliency.GRADIENT_X_INPUT.maps(g0.normalised(), g0.gradients(), 6, 48, 48, 1);
			assertEquals(6, maps.length);
			assertEquals(48 * 48, maps[0].length);
			for (float[] m : maps) {
				double s = 0;
				for (float v : m)
					s += Math.abs(v);
				assertTrue(s > 0, "every stamp has a non-zero map");
			}
			float[][] abs = Saliency.GRADIENT.maps(g0.normalised(), g0.gradients(), 6, 48, 48, 1);
			assertEquals(Math.abs(g0.gradients()[100]), abs[0][100], 0);
		}
	}
}
