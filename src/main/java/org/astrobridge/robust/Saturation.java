package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * Saturation with bleed trails, per band: the full-well level is (1 - strength) x the band's peak (largest finite
 * value; bands with peak <= 0 are left alone). Pixels are visited along each column from the bottom row up; a pixel
 * above the level is set to the level and its excess charge bleeds half up and half down the same column, filling each
 * further pixel up to the level before moving on (pixels already at or above the level pass it through). Charge that
 * reaches the top or bottom edge leaves the stamp; otherwise each band's total is conserved. No pixel ends above the
 * level. The seed is not used; non-finite pixels stay as they are.
 */
public final class Saturation implements Perturbation {

	@Override
	public String name() {
		return "saturation";
	}

	@Override
	public String strengthUnit() {
		return "how far the full-well level lies below the peak: level = (1 - strength) x peak";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 0.1, 0.25, 0.5, 0.75, 0.9 };
	}

	@Override
	public void checkStrength(double strength) {
		if (!(strength >= 0 && strength < 1)) throw new IllegalArgumentException(name() +
			": strength must be in [0, 1), got " + strength);
	}

	/** The full-well level of each band at this strength. */
	public static double[] levels(float[] stamp, StampShape shape, double strength) {
		double[] level = new double[shape.bands()];
		for (int b = 0; b < shape.bands(); b++) {
			double peak = Double.NEGATIVE_INFINITY;
			for (int p = b; p < stamp.length; p += shape.bands())
				if (Float.isFinite(stamp[p])) peak = Math.max(peak, stamp[p]);
			level[b] = peak > 0 ? (1 - strength) * peak : Double.NaN;
		}
		return level;
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		double[] level = levels(pixels, shape, strength);
		int h = shape.height();
		double[] column = new double[h];
		for (int b = 0; b < shape.bands(); b++) {
			if (Double.isNaN(level[b])) continue;
			float full = (float) level[b];
			for (int i = 0; i < shape.width(); i++) {
				for (int j = 0; j < h; j++)
					column[j] = pixels[shape.index(i, j, b)];
				for (int j = 0; j < h; j++) {
					if (!(column[j] > full)) continue;
					double excess = column[j] - full;
					column[j] = full;
					bleed(column, j, +1, 0.5 * excess, full);
					bleed(column, j, -1, 0.5 * excess, full);
				}
				for (int j = 0; j < h; j++) {
					int k = shape.index(i, j, b);
					if (Float.isFinite(pixels[k])) pixels[k] = (float) Math.min(full, column[j]);
				}
			}
		}
	}

	private static void bleed(double[] column, int from, int direction, double charge, double full) {
		for (int j = from + direction; charge > 0 && j >= 0 && j < column.length; j += direction) {
			if (!Double.isFinite(column[j])) continue;
			double room = full - column[j];
			if (room <= 0) continue;
			double taken = Math.min(room, charge);
			column[j] += taken;
			charge -= taken;
		}
	}
}
