package org.astrobridge.sim;

/**
 * One analytic piece of a sky object. Positions are arcsec offsets from the object's anchor (+x along FITS columns,
 * +y along FITS rows, i.e. up in DS9); fluxes are g, r, i nanomaggies.
 */
public sealed
interface Component {

	double[] flux();

	/** Elliptical Sersic profile: half-light radius re (major axis, arcsec), axis ratio q, position angle pa (radians from +x). */
	record Sersic(double x, double y, double re, double n, double q, double pa, double[] flux) implements Component {
	}

	/** A single elliptical Gaussian with covariance (cxx, cxy, cyy) in arcsec^2; zero covariance is a point source. */
	record Blob(double x, double y, double cxx, double cxy, double cyy, double[] flux) implements Component {

	double[] covariance() {
			return new double[] {cxx, cxy, cyy};
		}

	public static Blob point(double x, double y, double[] flux) {
		return new Blob(x, y, 0, 0, 0, flux);
	}

	/** Gaussian with standard deviations sMajor along angle pa and sMinor across it. */
	public static Blob oriented(double x, double y, double sMajor, double sMinor, double pa, double[] flux) {
		double c = Math.cos(pa), s = Math.sin(pa), a = sMajor * sMajor, b = sMinor * sMinor;
		return new Blob(x, y, a * c * c + b * s * s, (a - b) * c * s, a * s * s + b * c * c, flux);
	}}

	/**
	 * A background exponential source (Sersic n = 1, half-light radius srcRe, axis ratio srcQ, angle srcPa) at
	 * (srcX, srcY) behind a singular isothermal ellipsoid of Einstein radius thetaE, axis ratio lensQ and angle
	 * lensPa centred at (x, y); flux is the source's unlensed flux. Rendered by ray tracing.
	 */
	record LensedSource(double x, double y, double thetaE, double lensQ, double lensPa, double srcX, double srcY,
			double srcRe, double srcQ, double srcPa, double[] flux) implements Component {
	}
}
