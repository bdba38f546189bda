package org.astrobridge.fits.wcs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrobridge.fits.FitsHeader;

/**
 * TPV distortion (the TAN projection with the PVi_m polynomial of DECam, DES, ZTF and SCAMP): intermediate world
 * coordinates (xi, eta) in degrees become xi' = sum PV1_k T_k(xi, eta, r), eta' = sum PV2_k T_k(eta, xi, r), with the
 * 40 terms T_0 = 1, x, y, r, x^2, xy, y^2, x^3, x^2y, xy^2, y^3, r^3, ... up to r^7, r = sqrt(x^2 + y^2). Without any
 * PVi_m of an axis that axis is left undistorted.
 */
public final class Tpv {

	private static final Pattern KEY = Pattern.compile("PV([12])_(\\d+)");
	private static final int TERMS = 40;
	private final double[][] pv = new double[2][TERMS];

	private Tpv() {}

	/** The TPV coefficients of a header whose CTYPEs are RA---TPV / DEC--TPV. */
	public static Tpv read(FitsHeader h) throws WcsRefusal {
		Tpv t = new Tpv();
		boolean[] any = new boolean[2];
		for (FitsHeader.Card c : h) {
			Matcher m = KEY.matcher(c.key());
			if (c.value() == null || !m.matches()) {
				continue;
			}
			int axis = Integer.parseInt(m.group(1)) - 1;
			int k = Integer.parseInt(m.group(2));
			if (k >= TERMS) {
				throw new WcsRefusal(c.key() + ": TPV has terms PVi_0 to PVi_39 only");
			}
			t.pv[axis][k] = h.getDouble(c.key(), 0.0);
			any[axis] = true;
		}
		for (int axis = 0; axis < 2; axis++) {
			if (!any[axis]) {
				t.pv[axis][1] = 1.0;
			}
		}
		return t;
	}

	/** {xi', eta'} of (xi, eta), all in degrees. */
	public double[] apply(double xi, double eta) {
		return new double[] { poly(pv[0], xi, eta), poly(pv[1], eta, xi) };
	}

	/** The (xi, eta) that {@link #apply} takes to (xi1, eta1), by Newton iteration; null if it does not converge. */
	public double[] invert(double xi1, double eta1) {
		double x = xi1;
		double y = eta1;
		// start from the inverse of the linear part, which is most of the polynomial
		double a = pv[0][1];
		double b = pv[0][2];
		double c = pv[1][2];
		double d = pv[1][1];
		double det = a * d - b * c;
		if (det != 0.0 && Double.isFinite(det)) {
			double u = xi1 - pv[0][0];
			double v = eta1 - pv[1][0];
			x = (d * u - b * v) / det;
			y = (-c * u + a * v) / det;
		}
		for (int it = 0; it < 100; it++) {
			double[] f = apply(x, y);
			double fx = f[0] - xi1;
			double fy = f[1] - eta1;
			if (Math.abs(fx) < 1e-15 && Math.abs(fy) < 1e-15) {
				return new double[] { x, y };
			}
			double[] step = Newton.step(this::apply, x, y, fx, fy, 1e-7);
			if (step == null) {
				return null;
			}
			double dx = step[0];
			double dy = step[1];
			x -= dx;
			y -= dy;
			if (Math.abs(dx) < 1e-14 && Math.abs(dy) < 1e-14) {
				return new double[] { x, y };
			}
		}
		double[] f = apply(x, y);
		return Math.hypot(f[0] - xi1, f[1] - eta1) < 1e-12 ? new double[] { x, y } : null;
	}

	/** Writes PV1_k and PV2_k (non-zero terms). */
	public void writeTo(FitsHeader h) {
		for (int axis = 0; axis < 2; axis++) {
			for (int k = 0; k < TERMS; k++) {
				if (pv[axis][k] != 0.0) {
					h.set("PV" + (axis + 1) + "_" + k, pv[axis][k], "TPV distortion coefficient");
				}
			}
		}
	}

	/** The TPV polynomial with the axis's own coordinate as x. */
	private static double poly(double[] c, double x, double y) {
		double r = Math.sqrt(x * x + y * y);
		double sum = c[0];
		int k = 1;
		// for each degree n, the terms x^n, x^(n-1) y, ..., y^n, then r^n for odd n
		for (int n = 1; n <= 7; n++) {
			for (int j = 0; j <= n; j++) {
				sum += c[k++] * Math.pow(x, n - j) * Math.pow(y, j);
			}
			if (n % 2 == 1) {
				sum += c[k++] * Math.pow(r, n);
			}
		}
		return sum;
	}
}
