package org.astrobridge.detect;

/**
 * One stamp in every band.
 *
 * @param objectId     id of the object it is centred on (or the caller's number)
 * @param x            centre, 0-based FITS column in the image
 * @param y            centre, 0-based FITS row
 * @param size         side in pixels
 * @param bands        bands[b][v * size + u], FITS order (row v = 0 at the bottom)
 * @param imagePixelsPerStampPixel resampling factor (1 = the image's own pixels, copied without interpolation)
 * @param filledPixels stamp pixels (per band, counted over all bands) set to the fill value because they lay
 *                     outside the image or on masked pixels
 */
public record Cutout(int objectId, double x, double y, int size, float[][] bands, double imagePixelsPerStampPixel,
		int filledPixels) {
	/** Whether any stamp pixel was filled instead of taken from the image. */
	public boolean filled() {
		return filledPixels > 0;
	}
}
