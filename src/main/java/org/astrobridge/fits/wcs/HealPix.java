package org.astrobridge.fits.wcs;

/**
 * HEALPix (paper II addendum, Calabretta and Roukema 2007): H = PV2_1 facets in longitude (default 4), K = PV2_2 in
 * latitude (default 3). An equal-area cylindrical band at low latitude and interrupted polar caps, whose gaps are
 * outside the projection.
 */
final class HealPix extends Projection {

	private final double h;
	private final double k;
	private final boolean hOdd;
	private final boolean kOdd;
	private final double facet; // 180 / H
	private final double yBand; // 90 (K - 1) / H: where the equatorial band ends in y
	private final double yScale; // 90 K / H

	HealPix(double[] pv) throws WcsRefusal {
		super("HPX", 0.0, 0.0);
		h = param(pv, 1, 4.0);
		k = param(pv, 2, 3.0);
		if (h <= 0.0 || k <= 0.0) {
			throw new WcsRefusal("HPX needs PV2_1 (H) > 0 and PV2_2 (K) > 0");
		}
		hOdd = ((int) (h + 0.5)) % 2 == 1;
		kOdd = ((int) (k + 0.5)) % 2 == 1;
		facet = 180.0 / h;
		yBand = 90.0 * (k - 1.0) / h;
		yScale = 90.0 * k / h;
	}

	@Override
	double boundsTolerance() {
		return 1.0e-12;
	}

	@Override
	double[] planeToNative(double x, double y) {
		double absy = Math.abs(y);
		if (absy <= yBand) {
			return pt(x, Deg.asin(y / yScale));
		}
		if (absy > facet * (k + 1.0) / 2.0) {
			return null;
		}
		// polar cap: distance from the facet's centre line shrinks with sigma towards the pole
		double xc = -180.0 + (2.0 * Math.floor((x + 180.0) * h / 360.0) + 1.0) * facet;
		double dx = x - xc;
		boolean offset = !(kOdd || y > 0.0);
		double sigma = (k + 1.0) / 2.0 - absy / facet;
		double s;
		double theta;
		if (sigma == 0.0) {
			s = 1e9;
			theta = 90.0;
		}
		else {
			double t = 1.0 - sigma * sigma / k;
			if (t < -1.0) {
				return null;
			}
			s = 1.0 / sigma;
			theta = Deg.asin(t);
		}
		if (y < 0.0) {
			theta = -theta;
		}
		if (offset) {
			int hh = (int) Math.floor(x / facet) + (hOdd ? 1 : 0);
			dx += hh % 2 != 0 ? -facet : facet;
		}
		double r = s * dx;
		if (facet + 1e-12 <= Math.abs(r)) {
			return null; // in a gap between the polar triangles
		}
		if (r != 0.0) {
			r -= dx;
		}
		return pt(x + r, theta);
	}

	@Override
	double[] nativeToPlane(double phi, double theta) {
		double sinTheta = Deg.sin(theta);
		double abssin = Math.abs(sinTheta);
		if (abssin <= (k - 1.0) / k) {
			return pt(phi, yScale * sinTheta);
		}
		double t = phi - (-180.0 + (2.0 * Math.floor((phi + 180.0) * h / 360.0) + 1.0) * facet);
		boolean offset = !(kOdd || theta > 0.0);
		double sigma = Math.sqrt(k * (1.0 - abssin));
		double eta = facet * ((k + 1.0) / 2.0 - sigma);
		if (theta < 0) {
			eta = -eta;
		}
		if (offset) {
			int hh = (int) Math.floor(phi / facet) + (hOdd ? 1 : 0);
			t += hh % 2 != 0 ? -facet : facet;
		}
		double x = phi + t * (sigma - 1.0);
		if (180.0 < x) {
			x = 360.0 - x;
		}
		return pt(x, eta);
	}
}
