package org.astrobridge.robust;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Each perturbation does what its strength says, measured on the output. */
class PerturbationEffectTest {

	private static final StampShape BIG = new StampShape(200, 200, 1);

	@Test
	void addedNoiseHasTheAskedRmsInNoiseUnits() {
		float[] in = TestStamps.galaxy(BIG, 800, 2, 11);
		double sigma = StampNoise.sigma(in, BIG)[0];
		assertEquals(2, sigma, 0.06);
		for (double s : new double[] { 0.5, 3 }) {
			float[] out = new GaussianNoise().apply(in, BIG, s, 4);
			assertEquals(s * sigma, TestStamps.rms(out, in), 0.02 * s * sigma);
		}
	}

	@Test
	void shorterExposureScalesSkyNoiseBySquareRootOfTheFactor() {
		float[] in = TestStamps.noise(BIG, 1.5, 12);
		float[] out = new ExposureTime().apply(in, BIG, 2, 8);
		double before = TestStamps.rms(in, new float[in.length]), after = TestStamps.rms(out, new float[in.length]);
		assertEquals(2 * before, after, 0.05 * 2 * before);
		// a bright source gains shot noise on top: more change where the flux is
		StampShape s = BIG;
		float[] bright = TestStamps.noise(s, 1, 13);
		for (int k = 0; k < bright.length / 2; k++)
			bright[k] += 400;
		float[] degraded = new ExposureTime().apply(bright, s, 1, 3);
		double[] var = new double[2];
		for (int k = 0; k < bright.length; k++)
			var[k < bright.length / 2 ? 0 : 1] += Math.pow(degraded[k] - bright[k], 2);
		// sky half: added variance (k-1) sigma^2 = 1; bright half: + (k-1) 400 / g with g = 10 counts per unit -> 41
		// (plus E[max(v, 0)] / g = 0.04 from the positive half of the sky noise itself)
		assertEquals(1.04, var[1] / (bright.length / 2), 0.05);
		assertEquals(41, var[0] / (bright.length / 2), 2);
	}

	@Test
	void blurOfAPointSourceHasTheAskedFwhmAndKeepsTheFlux() {
		StampShape s = new StampShape(65, 65, 1);
		for (double fwhm : new double[] { 2, 3, 5 }) {
			float[] point = new float[s.size()];
			point[s.index(32, 32, 0)] = 1000;
			float[] out = new PsfBlur().apply(point, s, fwhm, 0);
			double sum = 0, mx = 0, my = 0;
			for (int j = 0; j < 65; j++)
				for (int i = 0; i < 65; i++) {
					double v = out[s.index(i, j, 0)];
					sum += v;
					mx += v * (i - 32) * (i - 32);
					my += v * (j - 32) * (j - 32);
				}
			assertEquals(1000, sum, 1e-2);
			double factor = 2 * Math.sqrt(2 * Math.log(2));
			assertEquals(fwhm, factor * Math.sqrt(mx / sum), 0.05 * fwhm);
			assertEquals(fwhm, factor * Math.sqrt(my / sum), 0.05 * fwhm);
			assertEquals(fwhm, halfMaximumWidth(out, s), 0.05 * fwhm);
		}
	}

	/** FWHM measured directly: width of the central row above half the peak, interpolated linearly. */
	private static double halfMaximumWidth(float[] img, StampShape s) {
		int c = 32;
		double peak = img[s.index(c, c, 0)], half = peak / 2;
		int i = c;
		while (img[s.index(i + 1, c, 0)] > half)
			i++;
		double a = img[s.index(i, c, 0)], b = img[s.index(i + 1, c, 0)];
		return 2 * (i - c + (a - half) / (a - b));
	}

	@Test
	void blurNearTheEdgeKeepsTheFluxByReflection() {
		StampShape s = new StampShape(20, 30, 2);
		float[] in = new float[s.size()];
		in[s.index(0, 0, 0)] = 50;
		in[s.index(29, 10, 1)] = 70;
		float[] out = new PsfBlur().apply(in, s, 6, 0);
		double[] sum = new double[2];
		for (int k = 0; k < out.length; k++)
			sum[k % 2] += out[k];
		assertEquals(50, sum[0], 1e-3);
		assertEquals(70, sum[1], 1e-3);
	}

	@Test
	void compressionErrorGrowsAsQualityFalls() {
		StampShape s = new StampShape(64, 64, 3);
		float[] in = TestStamps.galaxy(s, 300, 4, 5);
		double previous = 0;
		for (double strength : new JpegCompression().defaultStrengths()) {
			double err = TestStamps.rms(new JpegCompression().apply(in, s, strength, 0), in);
			assertTrue(err > previous, "error " + err + " at strength " + strength + " not above " + previous);
			previous = err;
		}
		assertEquals(16, JpegCompression.table(50)[0]);
		// quality 100: all steps 1, so only rounding remains (input to 8 bits, coefficients, output): a few 8-bit units
		float[] best = new JpegCompression().apply(in, s, 0.4, 0);
		for (int b = 0; b < 3; b++) {
			double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
			for (int k = b; k < in.length; k += 3) {
				min = Math.min(min, in[k]);
				max = Math.max(max, in[k]);
			}
			for (int k = b; k < in.length; k += 3)
				assertEquals(in[k], best[k], 2.5 * (max - min) / 255);
		}
		assertEquals(1, JpegCompression.table(100)[63]);
	}

	@Test
	void quantisationRoundsToTheStepInNoiseUnits() {
		StampShape s = new StampShape(50, 50, 2);
		float[] in = TestStamps.galaxy(s, 200, 2, 9);
		double[] sigma = StampNoise.sigma(in, s);
		float[] out = new Quantisation().apply(in, s, 1, 0);
		for (int k = 0; k < in.length; k++) {
			double step = sigma[k % 2];
			double n = out[k] / step;
			assertEquals(Math.rint(n), n, 1e-4, "not a multiple of the step");
			assertTrue(Math.abs(out[k] - in[k]) <= 0.5 * step + 1e-4);
		}
		// uniform rounding error: RMS = step / sqrt(12)
		assertEquals(sigma[0] / Math.sqrt(12), TestStamps.rms(out, in), 0.05 * sigma[0] / Math.sqrt(12));
	}

	@Test
	void badPixelsAndColumnsHitExactlyTheAskedNumber() {
		StampShape s = new StampShape(50, 40, 3);
		float[] in = TestStamps.galaxy(s, 100, 1, 2);
		float[] out = new BadPixels().apply(in, s, 0.03, 6);
		int positions = 0;
		for (int p = 0; p < 50 * 40; p++) {
			boolean all = out[3 * p] == 0 && out[3 * p + 1] == 0 && out[3 * p + 2] == 0;
			boolean any = out[3 * p] != in[3 * p] || out[3 * p + 1] != in[3 * p + 1] || out[3 * p + 2] != in[3 * p + 2];
			assertEquals(all, any);
			if (all) positions++;
		}
		assertEquals(60, positions);
		float[] nan = BadPixels.withNaN().apply(in, s, 0.03, 6);
		int nans = 0;
		for (float v : nan)
			if (Float.isNaN(v)) nans++;
		assertEquals(180, nans);

		float[] cols = new BadColumns().apply(in, s, 5, 6);
		int dead = 0;
		for (int i = 0; i < 40; i++) {
			int zeros = 0;
			for (int j = 0; j < 50; j++)
				for (int b = 0; b < 3; b++)
					if (cols[s.index(i, j, b)] == 0) zeros++;
					else assertEquals(in[s.index(i, j, b)], cols[s.index(i, j, b)]);
			if (zeros == 150) dead++;
			else assertEquals(0, zeros);
		}
		assertEquals(5, dead);
	}

	@Test
	void cosmicRaysAddTheAmplitudeOnTheAskedNumberOfHits() {
		StampShape s = new StampShape(60, 60, 2);
		float[] in = TestStamps.noise(s, 2, 4);
		double[] sigma = StampNoise.sigma(in, s);
		float[] out = new CosmicRays(30, 1).apply(in, s, 17, 3);
		assertEquals(17, TestStamps.changed(in, out));
		for (int k = 0; k < in.length; k++)
			if (out[k] != in[k]) assertEquals(30 * sigma[k % 2], out[k] - in[k], 1e-3);
		float[] tracks = new CosmicRays().apply(in, s, 10, 3);
		int hit = TestStamps.changed(in, tracks);
		assertTrue(hit >= 10 && hit <= 40, "10 tracks of 1..4 pixels hit " + hit + " pixels");
	}

	@Test
	void saturationClipsAtTheLevelAndBleedsAlongTheColumn() {
		StampShape s = new StampShape(41, 31, 1);
		float[] in = TestStamps.noise(s, 1, 3);
		for (int j = 0; j < 41; j++)
			for (int i = 0; i < 31; i++)
				in[s.index(i, j, 0)] += (float) (10 + 5000 * Math.exp(-0.5 * (Math.pow(i - 15, 2) + Math.pow(j - 20, 2)) /
					1.44));
		double level = Saturation.levels(in, s, 0.5)[0];
		float[] out = new Saturation().apply(in, s, 0.5, 0);
		double sumIn = 0, sumOut = 0;
		int above = 0, atLevel = 0;
		for (int k = 0; k < in.length; k++) {
			assertTrue(out[k] <= (float) level);
			if (in[k] > level) above++;
			if (out[k] == (float) level) atLevel++;
			sumIn += in[k];
			sumOut += out[k];
		}
		assertTrue(above > 0);
		assertTrue(atLevel > above, "a bleed trail adds saturated pixels: " + atLevel + " vs " + above);
		assertEquals(sumIn, sumOut, 1e-5 * sumIn, "charge conserved when the trail stays inside the stamp");
		// the trail runs along the column through the peak, not along the row
		int c = 15, r = 20, up = 0, side = 0;
		while (out[s.index(c, r + up + 1, 0)] == (float) level)
			up++;
		while (out[s.index(c + side + 1, r, 0)] == (float) level)
			side++;
		assertTrue(up > side, "trail length up " + up + ", sideways " + side);
	}

	@Test
	void skyOffsetAddsExactlyTheConstant() {
		StampShape s = new StampShape(30, 30, 2);
		float[] in = TestStamps.galaxy(s, 100, 3, 8);
		double[] sigma = StampNoise.sigma(in, s);
		float[] out = new SkyOffset().apply(in, s, 2.5, 0);
		for (int k = 0; k < in.length; k++)
			assertEquals(in[k] + (float) (2.5 * sigma[k % 2]), out[k]);
	}
}
