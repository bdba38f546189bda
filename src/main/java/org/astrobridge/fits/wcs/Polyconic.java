package org.astrobridge.fits.wcs;

/**
 * Polyconic projections (paper II section 5.5): BON (Bonne, theta_1 = PV2_1, non-zero; 0 is SFL) and PCO (polyconic,
 * whose inverse is solved iteratively).
 */
final class Polyconic extends Projection {

	private final double theta1;
	private final double y0;

	Polyconic(String code, double[] pv) throws WcsRefusal {
		super(code, 0.0, 0.0);
		if (code.equals("BON")) {
			if (Double.isNaN(pv[1])) {
				throw new WcsRefusal("BON needs PV2_1 (theta_1, the standard parallel)");
			}
			theta1 = pv[1];
			y0 = Deg.R2D * Deg.cos(theta1) / Deg.sin(theta1) + theta1;
		}
		else {
			theta1 = 0.0;
			y0 = 0.0;
		}
	}

	@Override
	double boundsTolerance() {
		return code().equals("BON") ? 1.0e-11 : 1.0e-12;
	}

	@Override
	double[] planeToNative(double x, double y) {
		if (code().equals("PCO")) {
			return pcoToNative(x, y);
		}
		double dy = y0 - y;
		double r = Math.sqrt(x * x + dy * dy);
		if (theta1 < 0.0) {
			r = -r;
		}
		double alpha = r == 0.0 ? 0.0 : Deg.atan2(x / r, dy / r);
		double theta = y0 - r;
		double cosTheta = Deg.cos(theta);
		double phi = cosTheta == 0.0 ? 0.0 : alpha * (r / Deg.R2D) / cosTheta;
		return pt(phi, theta);
	}

	@Override
	double[] nativeToPlane(double phi, double theta) {
		if (code().equals("PCO")) {
			if (theta == 0.0) {
				return pt(phi, 0.0);
			}
			double sinTheta = Deg.sin(theta);
			double cot = Deg.cos(theta) / sinTheta;
			double psi = phi * sinTheta;
			return pt(Deg.R2D * cot * Deg.sin(psi), Deg.R2D * (cot * (1.0 - Deg.cos(psi)) + theta * Deg.D2R));
		}
		double r = y0 - theta;
		double alpha = Deg.R2D * phi * Deg.cos(theta) / r;
		return pt(r * Deg.sin(alpha), y0 - r * Deg.cos(alpha));
	}

	/**
	 * Solves x^2 + (y - theta)(y - theta - 2 R0 cot theta) = 0 for theta by weighted bisection between the equator and
	 * theta = y, then phi from the angle along the parallel's circle.
	 */
	private static double[] pcoToNative(double x, double y) {
		double tol = 1.0e-12;
		double w = Math.abs(y);
		if (w < tol) {
			return pt(x, 0.0);
		}
		if (Math.abs(w - 90.0) < tol) {
			return pt(0.0, Math.copySign(90.0, y));
		}
		double the;
		double ymthe;
		double tanthe;
		if (w < 1.0e-4) {
			// near the equator cot(theta) blows up: first-order solution
			the = y / (1.0 + Deg.D2R / (2.0 * Deg.R2D) * x * x);
			ymthe = y - the;
			tanthe = Deg.tan(the);
		}
		else {
			double thepos = y;
			double theneg = 0.0;
			double xx = x * x;
			double fpos = xx;
			double fneg = -xx;
			the = thepos;
			ymthe = 0.0;
			tanthe = 1.0;
			for (int k = 0; k < 64; k++) {
				double lambda = Math.max(0.1, Math.min(0.9, fpos / (fpos - fneg)));
				the = thepos - lambda * (thepos - theneg);
				ymthe = y - the;
				tanthe = Deg.tan(the);
				double f = xx + ymthe * (ymthe - 2.0 * Deg.R2D / tanthe);
				if (Math.abs(f) < tol || Math.abs(thepos - theneg) < tol) {
					break;
				}
				if (f > 0.0) {
					thepos = the;
					fpos = f;
				}
				else {
					theneg = the;
					fneg = f;
				}
			}
		}
		double x1 = Deg.R2D - ymthe * tanthe;
		double y1 = x * tanthe;
		double phi = x1 == 0.0 && y1 == 0.0 ? 0.0 : Deg.atan2(y1, x1) / Deg.sin(the);
		return pt(phi, the);
	}
}
