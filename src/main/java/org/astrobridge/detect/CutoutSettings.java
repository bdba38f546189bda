package org.astrobridge.detect;

/**
 * How stamps are cut.
 *
 * @param size              stamp side in output pixels (odd sizes put the object on a pixel centre)
 * @param targetScaleArcsec output pixel scale in arcsec; NaN (or no image scale) = the image's own pixels
 * @param fill              value for stamp pixels outside the image or on masked (NaN) pixels
 * @param conserveFlux      when resampling, multiply by (target scale / image scale)^2 so each output pixel holds
 *                          the flux of the sky area it covers (false keeps surface brightness per image pixel)
 */
public record CutoutSettings(int size, double targetScaleArcsec, double fill, boolean conserveFlux) {
	public CutoutSettings {
		if (size < 1 || size > 4096) {
			throw new IllegalArgumentException("Cutout size must be between 1 and 4096 pixels (got " + size + ")");
		}
		if (!(Double.isNaN(targetScaleArcsec) || targetScaleArcsec > 0)) {
			throw new IllegalArgumentException("Cutout target pixel scale must be positive arcsec or NaN (got "
					+ targetScaleArcsec + ")");
		}
	}

	/** Stamps of the given size in the image's own pixels, filled with 0 outside the image. */
	public static CutoutSettings of(int size) {
		return new CutoutSettings(size, Double.NaN, 0.0, true);
	}
}
