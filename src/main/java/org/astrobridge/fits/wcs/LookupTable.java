package org.astrobridge.fits.wcs;

/**
 * A distortion lookup table (the CPDISj / D2IMDISj 'Lookup' distortions of the FITS distortion paper draft, as HST's
 * drizzle pipeline writes them): an image extension (WCSDVARR or D2IMARR) of offsets in pixels, sampled every CDELT
 * pixels from CRVAL, bilinearly interpolated and clamped at its edges, as astropy evaluates it.
 */
public final class LookupTable {

	private final float[] data;
	private final int nx;
	private final int ny;
	private final double[] crpix;
	private final double[] crval;
	private final double[] cdelt;

	/**
	 * @param data the table, row by row (FITS order)
	 * @param crpix CRPIX1, CRPIX2 of the table's header
	 * @param crval CRVAL1, CRVAL2 (detector pixel, 1-based, of the reference sample)
	 * @param cdelt CDELT1, CDELT2 (pixels between samples)
	 */
	public LookupTable(float[] data, int nx, int ny, double[] crpix, double[] crval, double[] cdelt) {
		if (nx < 1 || ny < 1 || data.length != (long) nx * ny) {
			throw new IllegalArgumentException("table of " + data.length + " values is not " + nx + " x " + ny);
		}
		if (cdelt[0] == 0.0 || cdelt[1] == 0.0) {
			throw new IllegalArgumentException("table with CDELT = 0");
		}
		this.data = data;
		this.nx = nx;
		this.ny = ny;
		this.crpix = crpix.clone();
		this.crval = crval.clone();
		this.cdelt = cdelt.clone();
	}

	/** The offset at 1-based pixel (p1, p2). */
	public double offset(double p1, double p2) {
		double d1 = tableCoordinate(0, p1, nx);
		double d2 = tableCoordinate(1, p2, ny);
		int i = (int) Math.floor(d1);
		int j = (int) Math.floor(d2);
		double w1 = d1 - i;
		double w2 = d2 - j;
		return at(i, j) * (1 - w1) * (1 - w2) + at(i, j + 1) * (1 - w1) * w2 + at(i + 1, j) * w1 * (1 - w2) + at(i + 1, j +
			1) * w1 * w2;
	}

	/** 0-based table coordinate of a 1-based pixel, clamped to the table. */
	private double tableCoordinate(int axis, double p, int n) {
		double d = (p - crval[axis]) / cdelt[axis] + crpix[axis] - 1.0 / cdelt[axis];
		return Math.max(0.0, Math.min(n - 1.0, d));
	}

	private double at(int i, int j) {
		int ci = Math.max(0, Math.min(nx - 1, i));
		int cj = Math.max(0, Math.min(ny - 1, j));
		return data[cj * nx + ci];
	}
}
