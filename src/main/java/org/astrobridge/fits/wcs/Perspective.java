package org.astrobridge.fits.wcs;

/**
 * The zenithal perspective projections, which are not functions of theta alone (paper II sections 5.1.1-5.1.5): AZP
 * (distance mu = PV2_1, tilt gamma = PV2_2), SZP (mu, phi_c, theta_c = PV2_1..3) and SIN (xi, eta = PV2_1..2; NCP is
 * SIN with xi = 0, eta = cot(delta0)).
 */
final class Perspective extends Projection {

	private final double mu;
	// AZP
	private double cosGamma;
	private double sinGamma;
	private double tanGamma;
	private double overlapTheta;
	private boolean azpDivergent;
	// SZP: the projection point (xp, yp, zp) in units of r0, and the latitude below which it diverges
	private double xp;
	private double yp;
	private double zp;
	private double szpThetaMin;
	// SIN
	private double xi;
	private double eta;

	Perspective(String code, double[] pv) throws WcsRefusal {
		super(code, 0.0, 90.0);
		switch (code) {
			case "AZP" -> {
				mu = param(pv, 1, 0.0);
				double gamma = param(pv, 2, 0.0);
				if (mu == -1.0) {
					throw new WcsRefusal("AZP with PV2_1 (mu) = -1 is degenerate");
				}
				cosGamma = Deg.cos(gamma);
				if (cosGamma == 0.0) {
					throw new WcsRefusal("AZP with PV2_2 (gamma) = +-90 is degenerate");
				}
				sinGamma = Deg.sin(gamma);
				tanGamma = sinGamma / cosGamma;
				overlapTheta = Math.abs(mu) > 1.0 ? Deg.asin(-1.0 / mu) : -90.0;
				azpDivergent = Math.abs(mu * cosGamma) < 1.0;
			}
			case "SZP" -> {
				mu = param(pv, 1, 0.0);
				double phiC = param(pv, 2, 0.0);
				double thetaC = param(pv, 3, 90.0);
				zp = mu * Deg.sin(thetaC) + 1.0;
				if (zp == 0.0) {
					throw new WcsRefusal("SZP with mu sin(theta_c) = -1 (PV2_1, PV2_3) is degenerate");
				}
				xp = -mu * Deg.cos(thetaC) * Deg.sin(phiC);
				yp = mu * Deg.cos(thetaC) * Deg.cos(phiC);
				szpThetaMin = Math.abs(zp - 1.0) < 1.0 ? Deg.asin(1.0 - zp) : -90.0;
			}
			default -> {
				mu = 0.0;
				xi = param(pv, 1, 0.0);
				eta = param(pv, 2, 0.0);
			}
		}
	}

	@Override
	double[] planeToNative(double x, double y) {
		return switch (code()) {
			case "AZP" -> azpToNative(x, y);
			case "SZP" -> szpToNative(x / Deg.R2D, y / Deg.R2D);
			default -> sinToNative(x / Deg.R2D, y / Deg.R2D);
		};
	}

	@Override
	double[] nativeToPlane(double phi, double theta) {
		return switch (code()) {
			case "AZP" -> azpToPlane(phi, theta);
			case "SZP" -> szpToPlane(phi, theta);
			default -> sinToPlane(phi, theta);
		};
	}

	// ---- AZP ----

	private double[] azpToNative(double x, double y) {
		double yc = y * cosGamma;
		double r = Math.hypot(x, yc);
		if (r == 0.0) {
			return pt(0.0, 90.0);
		}
		double phi = Deg.atan2(x, -yc);
		double s = r / (Deg.R2D * (mu + 1.0) + y * sinGamma);
		double t = asinWithin(s * mu / Math.sqrt(s * s + 1.0), TOL);
		if (Double.isNaN(t)) {
			return null;
		}
		s = Deg.atan2(1.0, s);
		return pt(phi, nearerPole(s, t));
	}

	private double[] azpToPlane(double phi, double theta) {
		double cosTheta = Deg.cos(theta);
		double cosPhi = Deg.cos(phi);
		double s = cosPhi * tanGamma;
		double t = mu + Deg.sin(theta) + cosTheta * s;
		if (t == 0.0) {
			return null;
		}
		double r = Deg.R2D * (mu + 1.0) * cosTheta / t;
		if (theta < overlapTheta) {
			return null; // the far side of the sphere, seen through the near side
		}
		if (azpDivergent) {
			double q = mu / Math.sqrt(1.0 + s * s);
			if (Math.abs(q) <= 1.0) {
				if (theta < nearerPole(Deg.atan(-s), Deg.asin(q))) {
					return null;
				}
			}
		}
		return pt(r * Deg.sin(phi), -r * cosPhi / cosGamma);
	}

	// ---- SZP ----

	private double[] szpToNative(double xr, double yr) {
		double r2 = xr * xr + yr * yr;
		double x1 = (xr - xp) / zp;
		double y1 = (yr - yp) / zp;
		double xy = xr * x1 + yr * y1;
		double z;
		double theta;
		if (r2 < 1.0e-10) {
			// small-angle formula, accurate where the general one cancels
			z = r2 / 2.0;
			theta = 90.0 - Deg.R2D * Math.sqrt(r2 / (1.0 + xy));
		}
		else {
			double t = x1 * x1 + y1 * y1;
			double a = t + 1.0;
			double b = xy - t;
			double c = r2 - xy - xy + t - 1.0;
			double sinTheta = nearestPole(a, b, c);
			if (Double.isNaN(sinTheta)) {
				return null;
			}
			theta = Deg.asin(sinTheta);
			z = 1.0 - sinTheta;
		}
		return pt(Deg.atan2(xr - x1 * z, -(yr - y1 * z)), theta);
	}

	private double[] szpToPlane(double phi, double theta) {
		double sinTheta = Deg.sin(theta);
		double cosTheta = Deg.cos(theta);
		double sinPhi = Deg.sin(phi);
		double cosPhi = Deg.cos(phi);
		double s = 1.0 - sinTheta;
		double t = zp - s;
		if (t == 0.0) {
			return null;
		}
		if (theta < szpThetaMin) {
			return null;
		}
		if (Math.abs(mu) > 1.0) {
			// overlap: points hidden behind the limb
			double q = xp * sinPhi - yp * cosPhi;
			double tt = 1.0 / Math.sqrt((zp - 1.0) * zp - 1.0 + q * q);
			if (Math.abs(tt) <= 1.0) {
				if (theta < nearerPole(Deg.atan2(q, zp - 1.0), Deg.asin(tt))) {
					return null;
				}
			}
		}
		double r = Deg.R2D * zp * cosTheta / t;
		double u = Deg.R2D * xp * s / t;
		double v = Deg.R2D * yp * s / t;
		return pt(r * sinPhi - u, -r * cosPhi - v);
	}

	// ---- SIN ----

	private double[] sinToNative(double x0, double y0) {
		double r2 = x0 * x0 + y0 * y0;
		if (xi == 0.0 && eta == 0.0) {
			double phi = r2 != 0.0 ? Deg.atan2(x0, -y0) : 0.0;
			double theta;
			if (r2 < 0.5) {
				theta = Deg.acos(Math.sqrt(r2));
			}
			else if (r2 <= 1.0) {
				theta = Deg.asin(Math.sqrt(1.0 - r2));
			}
			else {
				return null;
			}
			return pt(phi, theta);
		}
		double xy = x0 * xi + y0 * eta;
		double z;
		double theta;
		if (r2 < 1.0e-10) {
			z = r2 / 2.0;
			theta = 90.0 - Deg.R2D * Math.sqrt(r2 / (1.0 + xy));
		}
		else {
			double w1 = xi * xi + eta * eta;
			double a = 1.0 + w1;
			double b = xy - w1;
			double c = r2 - xy - xy + w1 - 1.0;
			double sinTheta = nearestPole(a, b, c);
			if (Double.isNaN(sinTheta)) {
				return null;
			}
			theta = Deg.asin(sinTheta);
			z = 1.0 - sinTheta;
		}
		double x1 = -y0 + eta * z;
		double y1 = x0 - xi * z;
		double phi = x1 == 0.0 && y1 == 0.0 ? 0.0 : Deg.atan2(y1, x1);
		return pt(phi, theta);
	}

	private double[] sinToPlane(double phi, double theta) {
		double t = (90.0 - Math.abs(theta)) * Deg.D2R;
		double z;
		double cosTheta;
		if (t < 1.0e-5) {
			z = theta > 0.0 ? t * t / 2.0 : 2.0 - t * t / 2.0;
			cosTheta = t;
		}
		else {
			z = 1.0 - Deg.sin(theta);
			cosTheta = Deg.cos(theta);
		}
		double r = Deg.R2D * cosTheta;
		double sinPhi = Deg.sin(phi);
		double cosPhi = Deg.cos(phi);
		if (xi == 0.0 && eta == 0.0) {
			if (theta < 0.0) {
				return null;
			}
			return pt(r * sinPhi, -r * cosPhi);
		}
		if (theta < -Deg.atan(xi * sinPhi - eta * cosPhi)) {
			return null;
		}
		z *= Deg.R2D;
		return pt(r * sinPhi + xi * z, -r * cosPhi + eta * z);
	}

	/**
	 * Of the two latitudes s - t and s + t + 180 (each less 360 when above 90), the one nearer the pole: the visible
	 * solution of paper II eq. 56, or the limb of the overlap region.
	 */
	private static double nearerPole(double s, double t) {
		double a = s - t;
		double b = s + t + 180.0;
		if (a > 90.0) {
			a -= 360.0;
		}
		if (b > 90.0) {
			b -= 360.0;
		}
		return Math.max(a, b);
	}

	/** The root of a s^2 + 2 b s + c = 0 nearest the pole (largest sin theta within [-1, 1]); NaN if none. */
	private static double nearestPole(double a, double b, double c) {
		double d = b * b - a * c;
		if (d < 0.0) {
			return Double.NaN;
		}
		d = Math.sqrt(d);
		double s1 = (-b + d) / a;
		double s2 = (-b - d) / a;
		double s = Math.max(s1, s2);
		if (s > 1.0) {
			s = s - 1.0 < TOL ? 1.0 : Math.min(s1, s2);
		}
		if (s < -1.0 && s + 1.0 > -TOL) {
			s = -1.0;
		}
		return s > 1.0 || s < -1.0 ? Double.NaN : s;
	}
}
