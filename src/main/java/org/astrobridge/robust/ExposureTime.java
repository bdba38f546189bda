package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * A shorter exposure: the exposure time is divided by k = 2^strength (strength 1 = half the exposure) and the stamp
 * stays in the same calibrated flux units, so only its noise grows.
 * <p>
 * Photon statistics use an effective gain: the stamp's noise sigma_b ({@link StampNoise}) is taken as the Poisson noise
 * of a sky of {@code skyCounts} counts per pixel at the original exposure (default 100), so g = sqrt(skyCounts) /
 * sigma_b counts per data unit. At exposure t/k a pixel of value v has variance k (skyCounts + g max(v, 0)) / g^2; the
 * stamp already holds (skyCounts + g max(v, 0)) / g^2 of it, so the missing part is drawn as Poisson counts n ~ P(mu),
 * mu = (k - 1)(skyCounts + g max(v, 0)) / k^2 (counts at the new exposure) and added as (n - mu) k / g. Sky-dominated
 * pixels end with sqrt(k) times their noise; bright sources gain their own shot noise. Non-finite pixels stay as they
 * are.
 */
public final class ExposureTime implements Perturbation {

	public static final double DEFAULT_SKY_COUNTS = 100;

	private final double skyCounts;

	public ExposureTime() {
		this(DEFAULT_SKY_COUNTS);
	}

	/** @param skyCounts sky counts per pixel at the original exposure that make up the stamp's noise */
	public ExposureTime(double skyCounts) {
		if (!(skyCounts > 0) || Double.isInfinite(skyCounts)) throw new IllegalArgumentException(
			"exposure: sky counts must be > 0, got " + skyCounts);
		this.skyCounts = skyCounts;
	}

	@Override
	public String name() {
		return "exposure";
	}

	@Override
	public String strengthUnit() {
		return "stops: exposure time divided by 2^strength (sky noise x 2^(strength/2))";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 0.5, 1, 2, 3, 4 };
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		double[] sigma = StampNoise.sigma(pixels, shape);
		double k = Math.pow(2, strength);
		int nb = shape.bands();
		for (int p = 0; p < pixels.length; p++) {
			if (!Float.isFinite(pixels[p])) continue;
			double gain = Math.sqrt(skyCounts) / sigma[p % nb];
			double mean = (k - 1) * (skyCounts + gain * Math.max(pixels[p], 0)) / (k * k);
			pixels[p] = (float) (pixels[p] + (Sampling.poisson(mean, random) - mean) * k / gain);
		}
	}
}
