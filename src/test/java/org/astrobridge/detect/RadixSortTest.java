package org.astrobridge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadixSortTest {

	/** Sorts the first n values and checks them bit for bit against Arrays.sort, and that the rest is untouched. */
	private static void check(float[] a, int n, String what) {
		float[] expected = a.clone();
		Arrays.sort(expected, 0, n);
		float[] got = a.clone();
		RadixSort.sort(got, n);
		for (int i = 0; i < a.length; i++) {
			assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]), what + ": value " + i +
				" of " + n);
		}
	}

	@Test
	void sortsLikeArraysSort() {
		SplittableRandom rnd = new SplittableRandom(5);
		// Sky-subtracted noise: both signs and many exponents, so no digit can be skipped.
		float[] noise = new float[4096];
		for (int i = 0; i < noise.length; i++) {
			noise[i] = (float) (0.02 * SyntheticImage.gaussian(rnd));
		}
		noise[7] = 0f;
		noise[8] = -0f;
		noise[9] = Float.MIN_VALUE;
		noise[10] = -Float.MIN_VALUE;
		noise[11] = Float.POSITIVE_INFINITY;
		noise[12] = Float.NEGATIVE_INFINITY;
		noise[13] = 6e4f;
		check(noise, noise.length, "noise of both signs");
		check(noise, 1000, "a prefix");
		// A narrow positive sample: the top digit is the same for all and its pass is skipped.
		float[] sky = new float[3000];
		for (int i = 0; i < sky.length; i++) {
			sky[i] = (float) (900 + rnd.nextDouble(50));
		}
		check(sky, sky.length, "narrow positive sample");
		// Many ties and a constant sample (every pass skipped).
		float[] ties = new float[2500];
		for (int i = 0; i < ties.length; i++) {
			ties[i] = rnd.nextInt(7) - 3;
		}
		check(ties, ties.length, "ties");
		float[] constant = new float[100];
		Arrays.fill(constant, 1.5f);
		check(constant, constant.length, "constant");
		check(new float[] { 3f, -1f, 2f }, 0, "empty");
		check(new float[] { 3f, -1f, 2f }, 1, "one value");
		check(new float[] { 3f, -1f, 2f }, 2, "two values");
		check(new float[] { 3f, -1f, 2f }, 3, "three values");
	}
}
