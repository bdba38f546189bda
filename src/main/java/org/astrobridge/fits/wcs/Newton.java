package org.astrobridge.fits.wcs;

/** Newton's method for two equations in two unknowns, the Jacobian taken by central differences. */
final class Newton {

	/** A map of the plane, (x, y) to {f1, f2}. */
	interface Map2 {

		double[] at(double x, double y);
	}

	private Newton() {}

	/**
	 * The step {dx, dy} to subtract from (x, y), where f is off its target by (fx, fy); null where the Jacobian, by
	 * central differences of half-width h, is singular or not finite.
	 */
	static double[] step(Map2 f, double x, double y, double fx, double fy, double h) {
		double[] px = f.at(x + h, y);
		double[] mx = f.at(x - h, y);
		double[] py = f.at(x, y + h);
		double[] my = f.at(x, y - h);
		double j11 = (px[0] - mx[0]) / (2 * h);
		double j12 = (py[0] - my[0]) / (2 * h);
		double j21 = (px[1] - mx[1]) / (2 * h);
		double j22 = (py[1] - my[1]) / (2 * h);
		double det = j11 * j22 - j12 * j21;
		if (det == 0 || !Double.isFinite(det)) {
			return null;
		}
		return new double[] { (j22 * fx - j12 * fy) / det, (-j21 * fx + j11 * fy) / det };
	}
}
