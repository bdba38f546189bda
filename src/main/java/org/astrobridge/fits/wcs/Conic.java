package org.astrobridge.fits.wcs;

/**
 * Conic projections (paper II section 5.4): COP, COE, COD, COO with theta_a = PV2_1 (required) and eta = PV2_2. x = R
 * sin(C phi), y = -R cos(C phi) + Y0; each projection has its own C, R(theta) and Y0 = R(theta_a).
 */
final class Conic extends Projection {

	private final double thetaA;
	private final double c;
	private final double y0;
	// COP: r0 cos(eta) and cot(theta_a); COE: (r0/C), 1 + sin(theta1) sin(theta2); COO: psi; COD: Y0 + theta_a
	private double k1;
	private double k2;

	Conic(String code, double[] pv) throws WcsRefusal {
		super(code, 0.0, conicTheta0(code, pv));
		thetaA = pv[1];
		double eta = param(pv, 2, 0.0);
		double theta1 = thetaA - eta;
		double theta2 = thetaA + eta;
		switch (code) {
			case "COP" -> {
				c = Deg.sin(thetaA);
				k1 = Deg.R2D * Deg.cos(eta);
				if (c == 0.0 || k1 == 0.0) {
					throw new WcsRefusal("COP with PV2_1 (theta_a) = 0 or PV2_2 (eta) = +-90 is degenerate");
				}
				k2 = 1.0 / Deg.tan(thetaA);
				y0 = k1 * k2;
			}
			case "COE" -> {
				c = (Deg.sin(theta1) + Deg.sin(theta2)) / 2.0;
				if (c == 0.0) {
					throw new WcsRefusal("COE with sin(theta1) + sin(theta2) = 0 (PV2_1, PV2_2) is degenerate");
				}
				k1 = Deg.R2D / c;
				k2 = 1.0 + Deg.sin(theta1) * Deg.sin(theta2);
				y0 = k1 * Math.sqrt(k2 - 2.0 * c * Deg.sin(thetaA));
			}
			case "COD" -> {
				c = eta == 0.0 ? Deg.sin(thetaA) : Deg.R2D * Deg.sin(thetaA) * Deg.sin(eta) / eta;
				if (c == 0.0) {
					throw new WcsRefusal("COD with PV2_1 (theta_a) = 0 is degenerate");
				}
				y0 = Deg.R2D * Deg.cos(eta) * Deg.cos(thetaA) / c;
				k1 = y0 + thetaA;
			}
			default -> {
				double tan1 = Deg.tan((90.0 - theta1) / 2.0);
				double cos1 = Deg.cos(theta1);
				if (theta1 == theta2) {
					c = Deg.sin(theta1);
				}
				else {
					c = Math.log(Deg.cos(theta2) / cos1) / Math.log(Deg.tan((90.0 - theta2) / 2.0) / tan1);
				}
				if (c == 0.0 || Double.isNaN(c)) {
					throw new WcsRefusal("COO with these PV2_1, PV2_2 (theta_a, eta) is degenerate");
				}
				k1 = Deg.R2D * (cos1 / c) / Math.pow(tan1, c);
				if (k1 == 0.0) {
					throw new WcsRefusal("COO with these PV2_1, PV2_2 (theta_a, eta) is degenerate");
				}
				y0 = k1 * Math.pow(Deg.tan((90.0 - thetaA) / 2.0), c);
			}
		}
	}

	private static double conicTheta0(String code, double[] pv) throws WcsRefusal {
		if (Double.isNaN(pv[1])) {
			throw new WcsRefusal(code + " needs PV2_1 (theta_a, the latitude of the cone's standard parallel)");
		}
		return pv[1];
	}

	@Override
	double[] planeToNative(double x, double y) {
		double dy = y0 - y;
		double r = Math.sqrt(x * x + dy * dy);
		if (thetaA < 0.0) {
			r = -r;
		}
		double alpha = r == 0.0 ? 0.0 : Deg.atan2(x / r, dy / r);
		double phi = alpha / c;
		double theta;
		switch (code()) {
			case "COP" -> theta = thetaA + Deg.atan(k2 - r / k1);
			case "COE" -> {
				double tol = 1.0e-12;
				double w8 = k1 * Math.sqrt(k2 + 2.0 * c);
				if (Math.abs(r - w8) < tol) {
					theta = -90.0;
				}
				else {
					double w = (k1 * k1 * k2 - r * r) * (1.0 / (2.0 * Deg.R2D * k1));
					if (Math.abs(w) > 1.0) {
						if (Math.abs(w - 1.0) < tol) {
							theta = 90.0;
						}
						else if (Math.abs(w + 1.0) < tol) {
							theta = -90.0;
						}
						else {
							return null;
						}
					}
					else {
						theta = Deg.asin(w);
					}
				}
			}
			case "COD" -> theta = k1 - r;
			default -> {
				if (r == 0.0) {
					if (c >= 0.0) {
						return null;
					}
					theta = -90.0;
				}
				else {
					theta = 90.0 - 2.0 * Deg.atan(Math.pow(r / k1, 1.0 / c));
				}
			}
		}
		return pt(phi, theta);
	}

	@Override
	double[] nativeToPlane(double phi, double theta) {
		double r;
		switch (code()) {
			case "COP" -> {
				double t = theta - thetaA;
				double s = Deg.cos(t);
				if (s == 0.0) {
					return null;
				}
				if (Math.abs(theta) == 90.0) {
					if ((theta < 0.0) != (thetaA < 0.0)) {
						return null;
					}
					r = 0.0;
				}
				else {
					r = y0 - k1 * Deg.sin(t) / s;
					if (r * c < 0.0) {
						return null;
					}
				}
			}
			case "COE" -> r = theta == -90.0 ? k1 * Math.sqrt(k2 + 2.0 * c) : k1 * Math.sqrt(k2 - 2.0 * c * Deg.sin(theta));
			case "COD" -> r = k1 - theta;
			default -> {
				if (theta == -90.0) {
					if (c >= 0.0) {
						return null;
					}
					r = 0.0;
				}
				else {
					r = k1 * Math.pow(Deg.tan((90.0 - theta) / 2.0), c);
				}
			}
		}
		double alpha = c * phi;
		return pt(r * Deg.sin(alpha), y0 - r * Deg.cos(alpha));
	}
}
