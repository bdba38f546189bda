package org.astrobridge.robust;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class StampNoiseTest {

	@Test
	void measuresWhiteNoisePerBandDespiteAGalaxyAndASky() {
		StampShape s = new StampShape(100, 100, 1);
		float[] a = TestStamps.galaxy(s, 1000, 3, 7);
		assertEquals(3, StampNoise.sigma(a, s)[0], 0.1);
		StampShape two = new StampShape(80, 90, 2);
		float[] b = TestStamps.noise(two, 1, 3);
		for (int k = 1; k < b.length; k += 2)
			b[k] *= 5;
		double[] sigma = StampNoise.sigma(b, two);
		assertEquals(1, sigma[0], 0.04);
		assertEquals(5, sigma[1], 0.2);
	}

	@Test
	void noiseFreeStampFallsBackToOnePercentOfThePeak() {
		StampShape s = new StampShape(16, 16, 2);
		float[] a = new float[s.size()];
		a[s.index(8, 8, 0)] = 200;
		a[s.index(8, 8, 1)] = -50;
		double[] sigma = StampNoise.sigma(a, s);
		assertEquals(2.0, sigma[0], 1e-12);
		assertEquals(0.5, sigma[1], 1e-12);
		assertEquals(1.0, StampNoise.sigma(new float[s.size()], s)[0]);
	}
}
