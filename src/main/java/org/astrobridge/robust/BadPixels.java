package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * Sets round(strength x height x width) distinct pixel positions, drawn uniformly without replacement, to the bad value
 * in every band (dead pixels). The bad value is 0 by default (what a pipeline leaves after masking); {@link #withNaN()}
 * gives NaN, which most networks cannot digest.
 */
public final class BadPixels implements Perturbation {

	private final float badValue;

	public BadPixels() {
		this(0f);
	}

	private BadPixels(float badValue) {
		this.badValue = badValue;
	}

	/** Bad pixels set to NaN instead of 0 (registry name "bad-pixels-nan"). */
	public static BadPixels withNaN() {
		return new BadPixels(Float.NaN);
	}

	@Override
	public String name() {
		return Float.isNaN(badValue) ? "bad-pixels-nan" : "bad-pixels";
	}

	@Override
	public String strengthUnit() {
		return "fraction of pixel positions set to " + (Float.isNaN(badValue) ? "NaN" : "0") + " in all bands";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 0.001, 0.003, 0.01, 0.03, 0.1 };
	}

	@Override
	public void checkStrength(double strength) {
		if (!(strength >= 0 && strength <= 1)) throw new IllegalArgumentException(name() +
			": strength is a fraction in [0, 1], got " + strength);
	}

	/** Number of positions hit at this strength on a stamp of this shape. */
	public static int count(StampShape shape, double strength) {
		return (int) Math.round(strength * shape.height() * shape.width());
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		int nb = shape.bands();
		for (int position : Sampling.distinct(shape.height() * shape.width(), count(shape, strength), random))
			for (int b = 0; b < nb; b++)
				pixels[position * nb + b] = badValue;
	}
}
