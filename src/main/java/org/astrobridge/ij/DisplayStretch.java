package org.astrobridge.ij;

import java.util.Locale;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.LUT;

/**
 * How an astronomical image is shown: only the display range and the lookup table change, never the pixel values.
 * {@code zscale}: the IRAF/DS9 range ({@link ZScale}) with a linear grey ramp; {@code asinh}: the full range through
 * astropy's {@code AsinhStretch} (a = 0.1), which shows faint sky and bright cores together; {@code minmax}: the full
 * range, linear (ImageJ's own default).
 */
public enum DisplayStretch {

		ZSCALE, ASINH, MINMAX;

	/** astropy's AsinhStretch default: the value where the curve turns from linear to logarithmic. */
	static final double ASINH_A = 0.1;

	public static DisplayStretch parse(String name) {
		for (DisplayStretch s : values()) {
			if (s.key().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
				return s;
			}
		}
		throw new IllegalArgumentException("unknown stretch '" + name + "' (known: zscale, asinh, minmax)");
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Sets the display of the image from the current plane; a plane without finite pixels is left as it is. */
	public void apply(ImagePlus imp) {
		ImageProcessor ip = imp.getProcessor();
		float[] fitsOrder = fitsOrder(ip);
		double[] range = this == ZSCALE ? ZScale.limits(fitsOrder) : finiteRange(fitsOrder);
		if (range == null) {
			return;
		}
		imp.setLut(this == ASINH ? asinhLut() : LUT.createLutFromColor(java.awt.Color.WHITE));
		imp.setDisplayRange(range[0], range[1] > range[0] ? range[1] : range[0] + 1);
	}

	/**
	 * The plane's values in FITS row order (ImageJ shows FITS row 1 at the bottom), so zscale samples the pixels astropy
	 * samples.
	 */
	private static float[] fitsOrder(ImageProcessor ip) {
		int w = ip.getWidth();
		int h = ip.getHeight();
		float[] out = new float[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				out[(h - 1 - y) * w + x] = ip.getf(x, y);
			}
		}
		return out;
	}

	private static double[] finiteRange(float[] v) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (float f : v) {
			if (Float.isFinite(f)) {
				min = Math.min(min, f);
				max = Math.max(max, f);
			}
		}
		return min <= max ? new double[] { min, max } : null;
	}

	/** A grey LUT whose level i shows asinh(x / a) / asinh(1 / a) of x = i / 255. */
	static LUT asinhLut() {
		byte[] grey = new byte[256];
		double norm = asinh(1 / ASINH_A);
		for (int i = 0; i < 256; i++) {
			grey[i] = (byte) Math.round(255 * asinh(i / 255.0 / ASINH_A) / norm);
		}
		return new LUT(grey, grey, grey);
	}

	private static double asinh(double x) {
		return Math.log(x + Math.sqrt(x * x + 1));
	}
}
