package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * Sets round(strength) distinct whole columns (FITS columns, all rows and all bands), drawn uniformly, to 0, as dead
 * CCD columns left after masking. The strength may not exceed the stamp width.
 */
public final class BadColumns implements Perturbation {

	@Override
	public String name() {
		return "bad-columns";
	}

	@Override
	public String strengthUnit() {
		return "number of whole columns set to 0";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 1, 2, 3, 5, 8 };
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		int count = (int) Math.round(strength);
		if (count > shape.width()) throw new IllegalArgumentException(name() + ": " + count +
			" bad columns asked for but the stamp is only " + shape.width() + " columns wide");
		for (int column : Sampling.distinct(shape.width(), count, random))
			for (int j = 0; j < shape.height(); j++)
				for (int b = 0; b < shape.bands(); b++)
					pixels[shape.index(column, j, b)] = 0f;
	}
}
