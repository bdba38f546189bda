package org.astrobridge.fits;

/**
 * The one place where ImageJ's top-down rows meet FITS's bottom-up rows.
 * <p>
 * ImageJ continuous coordinates put the top-left corner of the image at (0,0), pixel (c,r) covering [c,c+1) x [r,r+1).
 * 0-based FITS pixel coordinates put the centre of the first stored pixel (the bottom-left one) at (0,0). Hence
 * {@code fitsX = x - 0.5} and {@code fitsY = height - 0.5 - y}; the integer row index maps as
 * {@code j = height - 1 - r}.
 */
public final class PixelConvention {

	private PixelConvention() {}

	/** Continuous ImageJ coordinates -> 0-based FITS pixel coordinates. */
	public static double[] imagejToFits(double x, double y, int height) {
		return new double[] { x - 0.5, height - 0.5 - y };
	}

	/** 0-based FITS pixel coordinates -> continuous ImageJ coordinates. */
	public static double[] fitsToImagej(double x, double y, int height) {
		return new double[] { x + 0.5, height - 0.5 - y };
	}
}
