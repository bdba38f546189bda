package org.astrobridge.fits.wcs;

/**
 * Trigonometry in degrees, exact at multiples of 90 degrees (as wcslib's wcstrig is), so that for instance a point on
 * the native equator projects to exactly y = 0 and the tests of the projections' boundaries behave as in wcslib.
 */
final class Deg {

	static final double D2R = Math.PI / 180.0;
	static final double R2D = 180.0 / Math.PI;

	private Deg() {}

	static double cos(double a) {
		if (a % 90.0 == 0.0) {
			int i = (int) Math.abs(Math.floor(a / 90.0 + 0.5)) % 4;
			return i == 0 ? 1.0 : i == 2 ? -1.0 : 0.0;
		}
		return Math.cos(a * D2R);
	}

	static double sin(double a) {
		if (a % 90.0 == 0.0) {
			int i = (int) Math.abs(Math.floor(a / 90.0 - 0.5)) % 4;
			return i == 0 ? 1.0 : i == 2 ? -1.0 : 0.0;
		}
		return Math.sin(a * D2R);
	}

	static double tan(double a) {
		double r = a / 45.0;
		if (r % 2.0 == 0.0) {
			return 0.0;
		}
		if (r % 4.0 == 1.0 || r % 4.0 == -3.0) {
			return 1.0;
		}
		if (r % 4.0 == -1.0 || r % 4.0 == 3.0) {
			return -1.0;
		}
		return Math.tan(a * D2R);
	}

	static double asin(double v) {
		if (v == -1.0) {
			return -90.0;
		}
		if (v == 0.0) {
			return 0.0;
		}
		if (v == 1.0) {
			return 90.0;
		}
		return Math.asin(v) * R2D;
	}

	static double acos(double v) {
		if (v == 1.0) {
			return 0.0;
		}
		if (v == 0.0) {
			return 90.0;
		}
		if (v == -1.0) {
			return 180.0;
		}
		return Math.acos(v) * R2D;
	}

	static double atan(double v) {
		if (v == -1.0) {
			return -45.0;
		}
		if (v == 0.0) {
			return 0.0;
		}
		if (v == 1.0) {
			return 45.0;
		}
		return Math.atan(v) * R2D;
	}

	static double atan2(double y, double x) {
		if (y == 0.0) {
			if (x >= 0.0) {
				return 0.0;
			}
			return 180.0;
		}
		if (x == 0.0) {
			return y > 0.0 ? 90.0 : -90.0;
		}
		return Math.atan2(y, x) * R2D;
	}
}
