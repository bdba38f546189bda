package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * Adds white Gaussian noise of standard deviation strength x sigma_b to every pixel of band b, where sigma_b is the
 * stamp's own noise ({@link StampNoise}). The total noise becomes sqrt(1 + strength^2) times the original. Non-finite
 * pixels stay as they are.
 */
public final class GaussianNoise implements Perturbation {

	@Override
	public String name() {
		return "noise";
	}

	@Override
	public String strengthUnit() {
		return "RMS of the added Gaussian noise, in units of the stamp's noise";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 0.5, 1, 2, 4, 8 };
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		double[] sigma = StampNoise.sigma(pixels, shape);
		int nb = shape.bands();
		for (int k = 0; k < pixels.length; k++) {
			double noise = strength * sigma[k % nb] * random.nextGaussian();
			if (Float.isFinite(pixels[k])) pixels[k] = (float) (pixels[k] + noise);
		}
	}
}
