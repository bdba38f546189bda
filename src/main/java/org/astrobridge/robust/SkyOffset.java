package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * Adds the constant (float) (strength x sigma_b) to every pixel of band b, sigma_b being the stamp's own noise
 * ({@link StampNoise}): a badly subtracted sky. Negative strengths (over-subtracted sky) are allowed. The seed is not
 * used.
 */
public final class SkyOffset implements Perturbation {

	@Override
	public String name() {
		return "sky-offset";
	}

	@Override
	public String strengthUnit() {
		return "constant added, in units of the stamp's noise (negative allowed)";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 0.5, 1, 2, 5, 10 };
	}

	@Override
	public void checkStrength(double strength) {
		if (!Double.isFinite(strength)) throw new IllegalArgumentException(name() +
			": strength must be a finite number, got " + strength);
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		double[] sigma = StampNoise.sigma(pixels, shape);
		int nb = shape.bands();
		float[] offset = new float[nb];
		for (int b = 0; b < nb; b++)
			offset[b] = (float) (strength * sigma[b]);
		for (int k = 0; k < pixels.length; k++)
			pixels[k] += offset[k % nb];
	}
}
