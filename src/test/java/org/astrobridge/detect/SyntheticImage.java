package org.astrobridge.detect;

import java.util.SplittableRandom;

/** Test images: flat background, Gaussian noise and elliptical Gaussian blobs with known parameters. */
final class SyntheticImage {

	final int width;
	final int height;
	final float[] pixels;

	SyntheticImage(int width, int height, double background) {
		this.width = width;
		this.height = height;
		this.pixels = new float[width * height];
		java.util.Arrays.fill(pixels, (float) background);
	}

	/** Adds an elliptical Gaussian of total flux, RMS axes sa >= sb (px), major axis at thetaDeg from +x. */
	SyntheticImage gaussian(double x, double y, double flux, double sa, double sb, double thetaDeg) {
		double t = Math.toRadians(thetaDeg);
		double c = Math.cos(t);
		double s = Math.sin(t);
		double norm = flux / (2 * Math.PI * sa * sb);
		int r = (int) Math.ceil(7 * sa);
		for (int j = Math.max(0, (int) y - r); j <= Math.min(height - 1, (int) y + r); j++) {
			for (int i = Math.max(0, (int) x - r); i <= Math.min(width - 1, (int) x + r); i++) {
				double dx = i - x;
				double dy = j - y;
				double u = dx * c + dy * s;
				double v = -dx * s + dy * c;
				pixels[j * width + i] += (float) (norm * Math.exp(-0.5 * (u * u / (sa * sa) + v * v / (sb * sb))));
			}
		}
		return this;
	}

	SyntheticImage noise(double sigma, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		for (int k = 0; k < pixels.length; k++) {
			pixels[k] += (float) (sigma * gaussian(rnd));
		}
		return this;
	}

	static double gaussian(SplittableRandom rnd) {
		double u1 = rnd.nextDouble();
		double u2 = rnd.nextDouble();
		return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
	}
}
