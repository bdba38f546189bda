package org.astrobridge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The filter's passes run through a ring of rows and copied tap segments so that the JIT vectorises them; these tests
 * hold it bit for bit to the plain separable convolution it replaced (whole intermediate image, taps in the same order,
 * kernel renormalised over the image and the unmasked pixels).
 */
class MatchedFilterTest {

	/** The plain form: every row filtered along x into a full intermediate image, then each column along y. */
	private static float[] reference(MatchedFilter f, float[] image, int sw, int sh, int rx, int ry, int rw, int rh) {
		int radius = f.radius();
		float[] k = kernel(f.fwhm(), radius);
		float[] num = new float[sh * rw];
		float[] den = new float[sh * rw];
		for (int y = 0; y < sh; y++) {
			for (int t = -radius; t <= radius; t++) {
				for (int c = 0; c < rw; c++) {
					int x = rx + c + t;
					if (x < 0 || x >= sw) {
						continue;
					}
					float v = image[y * sw + x];
					boolean ok = v == v;
					num[y * rw + c] += k[t + radius] * (ok ? v : 0f);
					den[y * rw + c] += k[t + radius] * (ok ? 1f : 0f);
				}
			}
		}
		float[] out = new float[rw * rh];
		for (int r = 0; r < rh; r++) {
			int y = ry + r;
			for (int c = 0; c < rw; c++) {
				float n = 0f;
				float d = 0f;
				for (int t = -radius; t <= radius; t++) {
					if (y + t < 0 || y + t >= sh) {
						continue;
					}
					n += k[t + radius] * num[(y + t) * rw + c];
					d += k[t + radius] * den[(y + t) * rw + c];
				}
				float v = image[y * sw + rx + c];
				out[r * rw + c] = v != v ? Float.NaN : n / d;
			}
		}
		return out;
	}

	/** The normalised Gaussian taps as the filter computes them (in double, used in float). */
	private static float[] kernel(double fwhm, int radius) {
		double sigma = fwhm / (2 * Math.sqrt(2 * Math.log(2)));
		double[] kernel = new double[2 * radius + 1];
		double sum = 0;
		for (int t = -radius; t <= radius; t++) {
			kernel[t + radius] = Math.exp(-0.5 * t * t / (sigma * sigma));
			sum += kernel[t + radius];
		}
		float[] k = new float[kernel.length];
		for (int t = 0; t < k.length; t++) {
			k[t] = (float) (kernel[t] / sum);
		}
		return k;
	}

	private static void check(double fwhm, int sw, int sh, int rx, int ry, int rw, int rh, boolean nans) {
		SplittableRandom rnd = new SplittableRandom(sw * 31L + sh);
		float[] image = new float[sw * sh];
		for (int i = 0; i < image.length; i++) {
			image[i] = (float) (10 * SyntheticImage.gaussian(rnd));
			if (nans && rnd.nextInt(40) == 0) {
				image[i] = Float.NaN;
			}
		}
		MatchedFilter f = new MatchedFilter(fwhm);
		float[] expected = reference(f, image, sw, sh, rx, ry, rw, rh);
		float[] got = new float[rw * rh + 3];
		f.apply(image.clone(), sw, sh, rx, ry, rw, rh, got);
		for (int i = 0; i < expected.length; i++) {
			assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]), "FWHM " + fwhm + ", " + sw +
				"x" + sh + " image, rectangle " + rx + "," + ry + " " + rw + "x" + rh + (nans ? " with NaN" : "") + ": pixel " +
				i + " (" + expected[i] + " vs " + got[i] + ")");
		}
	}

	@Test
	void matchesThePlainSeparableConvolution() {
		for (boolean nans : new boolean[] { false, true }) {
			for (double fwhm : new double[] { 2.0, 5.0 }) {
				check(fwhm, 90, 70, 0, 0, 90, 70, nans);
				check(fwhm, 90, 70, 10, 7, 60, 50, nans);
				check(fwhm, 90, 70, 85, 66, 5, 4, nans);
				check(fwhm, 90, 3, 0, 0, 90, 3, nans);
				check(fwhm, 4, 50, 0, 10, 4, 30, nans);
			}
		}
	}
}
