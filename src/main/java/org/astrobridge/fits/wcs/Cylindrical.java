package org.astrobridge.fits.wcs;

/**
 * Cylindrical projections (paper II section 5.2): CYP (mu = PV2_1, lambda = PV2_2), CEA (lambda = PV2_1), CAR and MER.
 * x is proportional to phi; y depends on theta alone.
 */
final class Cylindrical extends Projection {

	private final double mu;
	private final double lambda;

	Cylindrical(String code, double[] pv) throws WcsRefusal {
		super(code, 0.0, 0.0);
		switch (code) {
			case "CYP" -> {
				mu = param(pv, 1, 1.0);
				lambda = param(pv, 2, 1.0);
				if (lambda == 0.0 || mu + lambda == 0.0) {
					throw new WcsRefusal("CYP with PV2_2 (lambda) = 0 or PV2_1 = -PV2_2 is degenerate");
				}
			}
			case "CEA" -> {
				mu = 0.0;
				lambda = param(pv, 1, 1.0);
				if (lambda <= 0.0 || lambda > 1.0) {
					throw new WcsRefusal("CEA needs 0 < PV2_1 (lambda) <= 1, got " + lambda);
				}
			}
			default -> {
				mu = 0.0;
				lambda = 1.0;
			}
		}
	}

	@Override
	double[] planeToNative(double x, double y) {
		return switch (code()) {
			case "CYP" -> {
				double eta = y / (Deg.R2D * (mu + lambda));
				yield pt(x / lambda, Deg.atan2(eta, 1.0) + Deg.asin(eta * mu / Math.sqrt(eta * eta + 1.0)));
			}
			case "CEA" -> {
				double theta = asinWithin(y * lambda / Deg.R2D, TOL);
				yield Double.isNaN(theta) ? null : pt(x, theta);
			}
			case "MER" -> pt(x, 2.0 * Deg.atan(Math.exp(y / Deg.R2D)) - 90.0);
			default -> pt(x, y);
		};
	}

	@Override
	double[] nativeToPlane(double phi, double theta) {
		return switch (code()) {
			case "CYP" -> {
				double eta = mu + Deg.cos(theta);
				yield eta == 0.0 ? null : pt(lambda * phi, Deg.R2D * (mu + lambda) * Deg.sin(theta) / eta);
			}
			case "CEA" -> pt(phi, Deg.R2D / lambda * Deg.sin(theta));
			case "MER" -> theta <= -90.0 || theta >= 90.0 ? null
					: pt(phi, Deg.R2D * Math.log(Deg.tan((theta + 90.0) / 2.0)));
			default -> pt(phi, theta);
		};
	}
}
