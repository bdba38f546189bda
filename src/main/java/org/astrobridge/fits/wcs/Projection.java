package org.astrobridge.fits.wcs;

import java.util.Set;

/**
 * A spherical projection of FITS WCS paper II (Calabretta and Greisen 2002) between intermediate world coordinates (x,
 * y) in degrees and native spherical coordinates (phi, theta) in degrees. Where a convention is not fixed by the paper
 * (boundaries, tolerances, parameter defaults) wcslib's is followed, since astropy and DS9 use wcslib.
 * <p>
 * Both directions return null for points outside the projection's valid region, never a wrapped value.
 */
public abstract class Projection {

	/** The codes of paper II (NCP is handled as SIN with its parameters by {@link CelestialTransform}). */
	public static final Set<String> CODES = Set.of("AZP", "SZP", "TAN", "STG", "SIN", "ARC", "ZPN", "ZEA", "AIR", "CYP",
		"CEA", "CAR", "MER", "SFL", "PAR", "MOL", "AIT", "COP", "COE", "COD", "COO", "BON", "PCO", "TSC", "CSC", "QSC",
		"HPX");
	static final double TOL = 1.0e-13;
	private final String code;
	private final double defaultPhi0;
	private final double defaultTheta0;
	private double x0;
	private double y0;

	Projection(String code, double defaultPhi0, double defaultTheta0) {
		this.code = code;
		this.defaultPhi0 = defaultPhi0;
		this.defaultTheta0 = defaultTheta0;
	}

	/**
	 * The projection with code (e.g. "ZPN") and parameters {@code pv[m]} = PVj_m of the latitude axis (NaN where absent;
	 * up to m = 29).
	 */
	public static Projection of(String code, double[] pv) throws WcsRefusal {
		return switch (code) {
			case "AZP", "SZP", "SIN" -> new Perspective(code, pv);
			case "TAN", "STG", "ARC", "ZPN", "ZEA", "AIR" -> new Zenithal(code, pv);
			case "CYP", "CEA", "CAR", "MER" -> new Cylindrical(code, pv);
			case "SFL", "PAR", "MOL", "AIT" -> new PseudoCylindrical(code);
			case "COP", "COE", "COD", "COO" -> new Conic(code, pv);
			case "BON" -> Double.isNaN(pv[1]) || pv[1] != 0.0 ? new Polyconic(code, pv) : new PseudoCylindrical("SFL");
			case "PCO" -> new Polyconic(code, pv);
			case "TSC", "CSC", "QSC" -> new QuadCube(code);
			case "HPX" -> new HealPix(pv);
			default -> throw new WcsRefusal("projection " + code + " is not one of FITS WCS paper II");
		};
	}

	public final String code() {
		return code;
	}

	/** Native longitude of the fiducial point by default (paper II table 13). */
	public final double defaultPhi0() {
		return defaultPhi0;
	}

	/** Native latitude of the fiducial point by default. */
	public final double defaultTheta0() {
		return defaultTheta0;
	}

	/**
	 * Moves the origin of (x, y) to the projection of (phi0, theta0), as paper II section 2.5 asks when PVi_0 of the
	 * longitude axis is set.
	 */
	final void offsetTo(double phi0, double theta0) throws WcsRefusal {
		double[] xy = nativeToPlane(phi0, theta0);
		if (xy == null) {
			throw new WcsRefusal("the fiducial point (" + phi0 + ", " + theta0 + ") lies outside projection " + code);
		}
		x0 = xy[0];
		y0 = xy[1];
	}

	/** {phi, theta} of (x, y), or null outside the projection. */
	public final double[] toNative(double x, double y) {
		double[] pt = planeToNative(x + x0, y + y0);
		return pt == null ? null : bounded(pt, boundsTolerance());
	}

	/** {x, y} of (phi, theta), or null where the projection is undefined. */
	public final double[] toPlane(double phi, double theta) {
		double[] xy = nativeToPlane(phi, theta);
		if (xy == null) {
			return null;
		}
		xy[0] -= x0;
		xy[1] -= y0;
		return xy;
	}

	/** (x, y) relative to the projection's own origin to (phi, theta); null outside. */
	abstract double[] planeToNative(double x, double y);

	/** (phi, theta) to (x, y) relative to the projection's own origin; null where undefined. */
	abstract double[] nativeToPlane(double phi, double theta);

	double boundsTolerance() {
		return TOL;
	}

	/** The native coordinates must lie in [-180, 180] x [-90, 90] (within a rounding tolerance), as in wcslib. */
	private static double[] bounded(double[] pt, double tol) {
		double phi = pt[0];
		double theta = pt[1];
		if (!(Math.abs(phi) <= 180.0 + tol) || !(Math.abs(theta) <= 90.0 + tol)) {
			return null;
		}
		pt[0] = Math.max(-180.0, Math.min(180.0, phi));
		pt[1] = Math.max(-90.0, Math.min(90.0, theta));
		return pt;
	}

	static double param(double[] pv, int m, double dflt) {
		return m < pv.length && !Double.isNaN(pv[m]) ? pv[m] : dflt;
	}

	/** asin(v) in degrees, with |v| up to 1 + tol (rounding) taken as +-1; NaN beyond. */
	static double asinWithin(double v, double tol) {
		if (Math.abs(v) > 1.0) {
			return Math.abs(v) > 1.0 + tol ? Double.NaN : Math.copySign(90.0, v);
		}
		return Deg.asin(v);
	}

	static double[] pt(double a, double b) {
		return new double[] { a, b };
	}
}
