package org.astrobridge.fits.wcs;

/**
 * The zenithal projections whose radius depends on theta alone (paper II section 5.1): TAN, STG, ARC, ZPN, ZEA, AIR. x
 * = R sin(phi), y = -R cos(phi), with R in degrees.
 */
final class Zenithal extends Projection {

	// ZPN: polynomial coefficients, degree, and the largest valid zenith distance (radians) with its radius
	private double[] zpn;
	private int degree;
	private double zdMax = Math.PI;
	private double rMax;
	// AIR: ln(cos xi_b) / tan^2 xi_b
	private double airB;

	Zenithal(String code, double[] pv) throws WcsRefusal {
		super(code, 0.0, 90.0);
		if (code.equals("ZPN")) {
			setUpZpn(pv);
		}
		else if (code.equals("AIR")) {
			double thetaB = param(pv, 1, 90.0);
			if (thetaB == 90.0) {
				airB = -0.5;
			}
			else if (thetaB > -90.0) {
				double c = Deg.cos((90.0 - thetaB) / 2.0);
				airB = Math.log(c) * c * c / (1.0 - c * c);
			}
			else {
				throw new WcsRefusal("AIR needs PV2_1 (theta_b) > -90, got " + thetaB);
			}
		}
	}

	/** The polynomial and, beyond its first turning point, where it stops being invertible. */
	private void setUpZpn(double[] pv) throws WcsRefusal {
		zpn = new double[30];
		for (int m = 0; m < 30; m++) {
			zpn[m] = param(pv, m, 0.0);
		}
		int k = 29;
		while (k >= 0 && zpn[k] == 0.0) {
			k--;
		}
		if (k < 0) {
			throw new WcsRefusal("ZPN has no non-zero PVj_m coefficient");
		}
		degree = k;
		if (k == 0) {
			throw new WcsRefusal("ZPN with only PV2_0 set is a constant radius and cannot be inverted");
		}
		if (k < 2) {
			return;
		}
		if (zpn[1] <= 0.0) {
			throw new WcsRefusal("ZPN with a polynomial of degree >= 2 needs PV2_1 > 0");
		}
		// the first zero of dR/d(zd), searched on a one-degree grid and refined by regula falsi
		double zd1 = 0.0;
		double d1 = zpn[1];
		double zd2 = 0.0;
		double d2 = 0.0;
		boolean turns = false;
		for (int j = 0; j < 180; j++) {
			zd2 = j * Deg.D2R;
			d2 = derivative(zd2);
			if (d2 <= 0.0) {
				turns = true;
				break;
			}
			zd1 = zd2;
			d1 = d2;
		}
		double zd = Math.PI;
		if (turns) {
			for (int j = 1; j <= 10; j++) {
				zd = zd1 - d1 * (zd2 - zd1) / (d2 - d1);
				double d = derivative(zd);
				if (Math.abs(d) < TOL) {
					break;
				}
				if (d < 0.0) {
					zd2 = zd;
					d2 = d;
				}
				else {
					zd1 = zd;
					d1 = d;
				}
			}
		}
		zdMax = zd;
		rMax = radius(zd);
	}

	private double derivative(double zd) {
		double d = 0.0;
		for (int m = degree; m > 0; m--) {
			d = d * zd + m * zpn[m];
		}
		return d;
	}

	/** The ZPN polynomial in radians. */
	private double radius(double zd) {
		double r = 0.0;
		for (int m = degree; m >= 0; m--) {
			r = r * zd + zpn[m];
		}
		return r;
	}

	@Override
	double[] planeToNative(double x, double y) {
		double r = Math.hypot(x, y);
		double phi = r == 0.0 ? 0.0 : Deg.atan2(x, -y);
		double theta;
		switch (code()) {
			case "TAN" -> theta = Deg.atan2(Deg.R2D, r);
			case "STG" -> theta = 90.0 - 2.0 * Deg.atan(r / (2.0 * Deg.R2D));
			case "ARC" -> theta = 90.0 - r;
			case "ZEA" -> {
				double halfZd = asinWithin(r / (2.0 * Deg.R2D), TOL);
				if (Double.isNaN(halfZd)) {
					return null;
				}
				theta = 90.0 - 2.0 * halfZd;
			}
			case "ZPN" -> {
				double zd = zpnInverse(r * Deg.D2R);
				if (Double.isNaN(zd)) {
					return null;
				}
				theta = 90.0 - zd * Deg.R2D;
			}
			default -> {
				theta = airInverse(r / (2.0 * Deg.R2D));
				if (Double.isNaN(theta)) {
					return null;
				}
			}
		}
		return pt(phi, theta);
	}

	/** Zenith distance (radians) of ZPN radius r (radians), the solution nearest the pole; NaN if none. */
	private double zpnInverse(double r) {
		if (degree == 1) {
			return (r - zpn[0]) / zpn[1];
		}
		if (degree == 2) {
			double a = zpn[2];
			double b = zpn[1];
			double c = zpn[0] - r;
			double d = b * b - 4.0 * a * c;
			if (d < 0.0) {
				return Double.NaN;
			}
			d = Math.sqrt(d);
			double zd1 = (-b + d) / (2.0 * a);
			double zd2 = (-b - d) / (2.0 * a);
			double zd = Math.min(zd1, zd2);
			if (zd < -TOL) {
				zd = Math.max(zd1, zd2);
			}
			if (zd < 0.0) {
				return zd < -TOL ? Double.NaN : 0.0;
			}
			if (zd > Math.PI) {
				return zd > Math.PI + TOL ? Double.NaN : Math.PI;
			}
			return zd;
		}
		double zd1 = 0.0;
		double r1 = zpn[0];
		double zd2 = zdMax;
		double r2 = rMax;
		if (r < r1) {
			return r < r1 - TOL ? Double.NaN : zd1;
		}
		if (r > r2) {
			return r > r2 + TOL ? Double.NaN : zd2;
		}
		// weighted bisection: R is monotonic on [0, zdMax]
		double zd = zd1;
		for (int j = 0; j < 100; j++) {
			double lambda = Math.max(0.1, Math.min(0.9, (r2 - r) / (r2 - r1)));
			zd = zd2 - lambda * (zd2 - zd1);
			double rt = radius(zd);
			if (rt < r) {
				if (r - rt < TOL) {
					break;
				}
				r1 = rt;
				zd1 = zd;
			}
			else {
				if (rt - r < TOL) {
					break;
				}
				r2 = rt;
				zd2 = zd;
			}
			if (Math.abs(zd2 - zd1) < TOL) {
				break;
			}
		}
		return zd;
	}

	/** AIR: theta of r = R / (2 R0), by weighted bisection in cos(xi); NaN if none. */
	private double airInverse(double r) {
		if (r == 0.0) {
			return 90.0;
		}
		double w2 = 0.5 - airB;
		if (r < w2 * 1.0e-4) {
			return 90.0 - r * Deg.R2D / w2;
		}
		double x1 = 1.0;
		double x2 = 1.0;
		double r1 = 0.0;
		double r2 = 0.0;
		int k;
		for (k = 0; k < 30; k++) {
			x2 = x1 / 2.0;
			r2 = airRadius(x2);
			if (r2 >= r) {
				break;
			}
			x1 = x2;
			r1 = r2;
		}
		if (k == 30) {
			return Double.NaN;
		}
		double cosxi = x2;
		for (k = 0; k < 100; k++) {
			double lambda = Math.max(0.1, Math.min(0.9, (r2 - r) / (r2 - r1)));
			cosxi = x2 - lambda * (x2 - x1);
			double rt = airRadius(cosxi);
			if (rt < r) {
				if (r - rt < TOL) {
					break;
				}
				r1 = rt;
				x1 = cosxi;
			}
			else {
				if (rt - r < TOL) {
					break;
				}
				r2 = rt;
				x2 = cosxi;
			}
		}
		return k == 100 ? Double.NaN : 90.0 - 2.0 * Deg.acos(cosxi);
	}

	/** AIR radius over 2 R0 as a function of cos(xi). */
	private double airRadius(double cosxi) {
		double tanxi = Math.sqrt(1.0 - cosxi * cosxi) / cosxi;
		return -(Math.log(cosxi) / tanxi + airB * tanxi);
	}

	@Override
	double[] nativeToPlane(double phi, double theta) {
		double r;
		switch (code()) {
			case "TAN" -> {
				double s = Deg.sin(theta);
				if (s <= 0.0) {
					return null;
				}
				r = Deg.R2D * Deg.cos(theta) / s;
			}
			case "STG" -> {
				double s = 1.0 + Deg.sin(theta);
				if (s == 0.0) {
					return null;
				}
				r = 2.0 * Deg.R2D * Deg.cos(theta) / s;
			}
			case "ARC" -> r = 90.0 - theta;
			case "ZEA" -> r = 2.0 * Deg.R2D * Deg.sin((90.0 - theta) / 2.0);
			case "ZPN" -> {
				double s = (90.0 - theta) * Deg.D2R;
				if (degree >= 2 && s > zdMax) {
					return null;
				}
				r = Deg.R2D * radius(s);
			}
			default -> {
				if (theta == 90.0) {
					r = 0.0;
				}
				else if (theta > -90.0) {
					double xi = Deg.D2R * (90.0 - theta) / 2.0;
					if (xi < 1.0e-4) {
						r = xi * 2.0 * Deg.R2D * (0.5 - airB);
					}
					else {
						r = 2.0 * Deg.R2D * airRadius(Deg.cos((90.0 - theta) / 2.0));
					}
				}
				else {
					return null;
				}
			}
		}
		return pt(r * Deg.sin(phi), -r * Deg.cos(phi));
	}
}
