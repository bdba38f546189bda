package org.astrobridge.sim;

/** The g, r, i filters every object carries fluxes for; a 1-band stamp holds r only. */
public final class Bands {

	public static final String[] NAMES = { "g", "r", "i" };
	public static final int G = 0, R = 1, I = 2;

	private Bands() {}

	/** Band indices (into g, r, i) of a stamp with the given number of bands. */
	public static int[] select(int count) {
		if (count == 1) return new int[] { R };
		if (count == 3) return new int[] { G, R, I };
		throw new IllegalArgumentException("bands must be 1 (r) or 3 (g, r, i), got " + count);
	}

	/** Flux in nanomaggies of an AB magnitude (22.5 mag = 1 nanomaggy, the SDSS/DECaLS calibrated unit). */
	public static double nanomaggies(double mag) {
		return Math.pow(10, -0.4 * (mag - 22.5));
	}

	public static double magnitude(double nanomaggies) {
		return 22.5 - 2.5 * Math.log10(nanomaggies);
	}

	/** g, r, i fluxes (nanomaggies) of an object with r magnitude and colours g-r and r-i. */
	public static double[] fluxes(double magR, double gMinusR, double rMinusI) {
		double r = nanomaggies(magR);
		return new double[] { r * Math.pow(10, -0.4 * gMinusR), r, r * Math.pow(10, 0.4 * rMinusI) };
	}

	public static double[] scale(double[] flux, double f) {
		return new double[] { flux[0] * f, flux[1] * f, flux[2] * f };
	}
}
