package org.astrobridge.fits.wcs;

/**
 * Pseudo-cylindrical projections (paper II section 5.3): SFL (also BON with PV2_1 = 0), PAR, MOL and AIT
 * (Hammer-Aitoff). Outside their oval or lens-shaped boundary the inverse gives null.
 */
final class PseudoCylindrical extends Projection {

	private static final double SQRT2 = Math.sqrt(2.0);

	PseudoCylindrical(String code) {
		super(code, 0.0, 0.0);
	}

	@Override
	double boundsTolerance() {
		return switch (code()) {
			case "SFL", "PAR" -> 1.0e-12;
			case "MOL" -> 1.0e-11;
			default -> TOL;
		};
	}

	@Override
	double[] planeToNative(double x, double y) {
		switch (code()) {
			case "SFL" -> {
				double s = Math.cos(y / Deg.R2D);
				return s == 0.0 ? null : pt(x / s, y);
			}
			case "PAR" -> {
				double r = y / 180.0;
				if (r > 1.0 || r < -1.0) {
					return null;
				}
				double s = 1.0 - 4.0 * r * r;
				double theta = 3.0 * Deg.asin(r);
				if (s == 0.0) {
					// at the poles the boundary is a point: only x = 0 is on the sphere
					return Math.abs(x) - TOL < 0.0 ? pt(0.0, theta) : null;
				}
				return pt(x / s, theta);
			}
			case "MOL" -> {
				double tol = 1.0e-12;
				double y0 = y / Deg.R2D;
				double r = 2.0 - y0 * y0;
				double s;
				boolean pole = false;
				if (r <= tol) {
					if (r < -tol) {
						return null;
					}
					pole = true;
					r = 0.0;
					s = 0.0;
				}
				else {
					r = Math.sqrt(r);
					s = 1.0 / r;
				}
				double z = y / (SQRT2 * Deg.R2D);
				if (Math.abs(z) > 1.0) {
					if (Math.abs(z) > 1.0 + tol) {
						return null;
					}
					z = Math.copySign(1.0, z) + y0 * r / Math.PI;
				}
				else {
					z = Math.asin(z) * 2.0 / Math.PI + y0 * r / Math.PI;
				}
				double theta = asinWithin(z, tol);
				if (Double.isNaN(theta)) {
					return null;
				}
				if (pole) {
					return Math.abs(x) - tol < 0.0 ? pt(0.0, theta) : null;
				}
				return pt(90.0 / Deg.R2D * x * s, theta);
			}
			default -> {
				double z2 = 1.0 - x * x / (16.0 * Deg.R2D * Deg.R2D) - y * y / (4.0 * Deg.R2D * Deg.R2D);
				if (z2 < 0.5) {
					if (z2 < 0.5 - TOL) {
						return null;
					}
					z2 = 0.5;
				}
				double z = Math.sqrt(z2);
				double x0 = 2.0 * z * z - 1.0;
				double y0 = z * x / (2.0 * Deg.R2D);
				double phi = x0 == 0.0 && y0 == 0.0 ? 0.0 : 2.0 * Deg.atan2(y0, x0);
				double theta = asinWithin(z * y / Deg.R2D, TOL);
				return Double.isNaN(theta) ? null : pt(phi, theta);
			}
		}
	}

	@Override
	double[] nativeToPlane(double phi, double theta) {
		switch (code()) {
			case "SFL" -> {
				return pt(phi * Deg.cos(theta), theta);
			}
			case "PAR" -> {
				double s = Deg.sin(theta / 3.0);
				return pt(phi * (1.0 - 4.0 * s * s), 180.0 * s);
			}
			case "MOL" -> {
				if (Math.abs(theta) == 90.0) {
					return pt(0.0, Math.copySign(SQRT2 * Deg.R2D, theta));
				}
				if (theta == 0.0) {
					return pt(SQRT2 * Deg.R2D / 90.0 * phi, 0.0);
				}
				// solve v + sin(v) = pi sin(theta) by bisection; gamma = v / 2
				double u = Math.PI * Deg.sin(theta);
				double v0 = -Math.PI;
				double v1 = Math.PI;
				double v = u;
				for (int k = 0; k < 100; k++) {
					double resid = (v - u) + Math.sin(v);
					if (resid < 0.0) {
						if (resid > -TOL) {
							break;
						}
						v0 = v;
					}
					else {
						if (resid < TOL) {
							break;
						}
						v1 = v;
					}
					v = (v0 + v1) / 2.0;
				}
				double gamma = v / 2.0;
				return pt(SQRT2 * Deg.R2D / 90.0 * phi * Math.cos(gamma), SQRT2 * Deg.R2D * Math.sin(gamma));
			}
			default -> {
				double w = Math.sqrt(2.0 * Deg.R2D * Deg.R2D / (1.0 + Deg.cos(theta) * Deg.cos(phi / 2.0)));
				return pt(2.0 * w * Deg.cos(theta) * Deg.sin(phi / 2.0), w * Deg.sin(theta));
			}
		}
	}
}
