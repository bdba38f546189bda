package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * Rounds every pixel of band b to the nearest multiple of the step strength x sigma_b (sigma_b: the stamp's own noise,
 * {@link StampNoise}), as lossy integer compression (fpack/RICE with quantisation) does. fpack's parameter q gives a
 * step of sigma/q, so strength = 1/q: fpack's default q = 4 is strength 0.25. No dithering; the seed is not used.
 * Non-finite pixels stay as they are.
 */
public final class Quantisation implements Perturbation {

	@Override
	public String name() {
		return "quantisation";
	}

	@Override
	public String strengthUnit() {
		return "quantisation step, in units of the stamp's noise (= 1/q of fpack)";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 0.25, 0.5, 1, 2, 4 };
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		double[] sigma = StampNoise.sigma(pixels, shape);
		int nb = shape.bands();
		for (int k = 0; k < pixels.length; k++) {
			if (!Float.isFinite(pixels[k])) continue;
			double step = strength * sigma[k % nb];
			pixels[k] = (float) (Math.floor(pixels[k] / step + 0.5) * step);
		}
	}
}
