package org.astrobridge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackgroundModelTest {

	@Test
	void followsAGradientUnderObjects() {
		int w = 256;
		int h = 192;
		SyntheticImage im = new SyntheticImage(w, h, 0);
		for (int j = 0; j < h; j++) {
			for (int i = 0; i < w; i++) {
				im.pixels[j * w + i] = (float) (100 + 0.05 * i - 0.03 * j);
			}
		}
		SplittableRandom rnd = new SplittableRandom(3);
		for (int k = 0; k < 40; k++) {
			im.gaussian(rnd.nextDouble(w), rnd.nextDouble(h), 2000, 2, 2, 0);
		}
		im.noise(2, 4);
		// Unfiltered, the interpolation follows a plane to the image edges.
		BackgroundModel raw = BackgroundModel.estimate(im.pixels, w, h, 32, 1, 1);
		float[] rawBack = new float[w * h];
		raw.fill(0, 0, w, h, rawBack, null);
		for (int j = 0; j < h; j += 5) {
			for (int i = 0; i < w; i += 5) {
				assertEquals(100 + 0.05 * i - 0.03 * j, rawBack[j * w + i], 0.75, "unfiltered at " + i + "," + j);
			}
		}
		// Object wings and the gradient inside a mesh raise the clipped RMS by 5-10 % here, as in SExtractor.
		// The 3x3 median over meshes is one-sided in the outer meshes (as in SExtractor); check inside them.
		BackgroundModel bg = BackgroundModel.estimate(im.pixels, w, h, 32, 3, 1);
		assertEquals(8, bg.meshesX());
		assertEquals(6, bg.meshesY());
		float[] back = new float[w * h];
		float[] rms = new float[w * h];
		bg.fill(0, 0, w, h, back, rms);
		for (int j = 48; j < h - 48; j += 7) {
			for (int i = 48; i < w - 48; i += 7) {
				assertEquals(100 + 0.05 * i - 0.03 * j, back[j * w + i], 0.35, "background at " + i + "," + j);
				assertEquals(2.0, rms[j * w + i], 0.3, "rms at " + i + "," + j);
			}
		}
		float[] part = new float[40 * 30];
		bg.fill(100, 50, 40, 30, part, null);
		assertEquals(back[(50 + 7) * w + 100 + 9], part[7 * 40 + 9], 0.0, "a rectangle matches the full map");
	}

	@Test
	void masksNanAndFillsEmptyMeshes() {
		int w = 128;
		int h = 128;
		SyntheticImage im = new SyntheticImage(w, h, 50).noise(1, 5);
		for (int j = 0; j < 64; j++) {
			for (int i = 0; i < 64; i++) {
				im.pixels[j * w + i] = Float.NaN;
			}
		}
		BackgroundModel bg = BackgroundModel.estimate(im.pixels, w, h, 32, 1, 1);
		float[] back = new float[w * h];
		float[] rms = new float[w * h];
		bg.fill(0, 0, w, h, back, rms);
		assertEquals(50, back[10 * w + 10], 0.2, "a masked corner takes its neighbours' level");
		assertEquals(1, rms[10 * w + 10], 0.15);
		assertEquals(50, bg.globalBackground(), 0.1);
		assertTrue(Math.abs(bg.globalRms() - 1) < 0.1);
	}

	@Test
	void modeEstimateOfASymmetricSampleIsItsCentre() {
		SplittableRandom rnd = new SplittableRandom(6);
		float[] v = new float[4000];
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) (10 + 3 * SyntheticImage.gaussian(rnd));
		}
		double[] ms = BackgroundModel.clippedModeAndSigma(v, v.length);
		assertEquals(10, ms[0], 0.3);
		assertEquals(3, ms[1], 0.15);
	}
}
