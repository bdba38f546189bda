package org.astrobridge.detect;

import java.util.Arrays;
import org.astrobridge.fits.Wcs;

/** Isophotal measurements of one footprint, on the background-subtracted (unfiltered) pixels. */
final class ObjectMeasurer {

	private final float[] image;
	private final int width;
	private final int height;
	private final double saturation;
	private final Wcs wcs;

	ObjectMeasurer(float[] image, int width, int height, double saturation, Wcs wcs) {
		this.image = image;
		this.width = width;
		this.height = height;
		this.saturation = saturation;
		this.wcs = wcs;
	}

	/**
	 * @param pix region indices of the footprint, ascending (so sums run in the same order however the image was tiled)
	 * @param extraFlags flags decided by the caller (blended, truncated)
	 */
	DetectedObject measure(int[] pix, RegionData rd, int extraFlags) {
		int flags = extraFlags;
		double s = 0;
		double sx = 0;
		double sy = 0;
		double var = 0;
		double peak = Double.NEGATIVE_INFINITY;
		int xPeak = 0;
		int yPeak = 0;
		int xMin = Integer.MAX_VALUE;
		int yMin = Integer.MAX_VALUE;
		int xMax = Integer.MIN_VALUE;
		int yMax = Integer.MIN_VALUE;
		// Offsets from a reference pixel keep the moment sums well conditioned far from the origin.
		int refX = rd.x0 + pix[0] % rd.w;
		int refY = rd.y0 + pix[0] / rd.w;
		for (int p : pix) {
			int gx = rd.x0 + p % rd.w;
			int gy = rd.y0 + p / rd.w;
			xMin = Math.min(xMin, gx);
			xMax = Math.max(xMax, gx);
			yMin = Math.min(yMin, gy);
			yMax = Math.max(yMax, gy);
			flags |= pixelFlags(gx, gy);
			float v = rd.sub[p];
			if (v != v) {
				continue;
			}
			s += v;
			sx += v * (double) (gx - refX);
			sy += v * (double) (gy - refY);
			double r = rd.rms[p];
			var += r * r;
			if (v > peak) {
				peak = v;
				xPeak = gx;
				yPeak = gy;
			}
		}
		double cx;
		double cy;
		boolean weighted = s > 0;
		if (weighted) {
			cx = sx / s;
			cy = sy / s;
		}
		else {
			// A footprint whose unfiltered sum is not positive has no meaningful barycentre; use its geometric one.
			double gx = 0;
			double gy = 0;
			for (int p : pix) {
				gx += rd.x0 + p % rd.w - refX;
				gy += rd.y0 + p / rd.w - refY;
			}
			cx = gx / pix.length;
			cy = gy / pix.length;
		}
		double x2 = 0;
		double y2 = 0;
		double xy = 0;
		double wsum = 0;
		for (int p : pix) {
			float v = rd.sub[p];
			if (v != v) {
				continue;
			}
			double w = weighted ? v : 1.0;
			double dx = rd.x0 + p % rd.w - refX - cx;
			double dy = rd.y0 + p / rd.w - refY - cy;
			x2 += w * dx * dx;
			y2 += w * dy * dy;
			xy += w * dx * dy;
			wsum += w;
		}
		x2 /= wsum;
		y2 /= wsum;
		xy /= wsum;
		// SExtractor's guard against singular moments of tiny or line-like footprints: add a pixel's own variance.
		if (x2 * y2 - xy * xy < 1.0 / 144.0) {
			x2 += 1.0 / 12.0;
			y2 += 1.0 / 12.0;
		}
		double half = 0.5 * (x2 + y2);
		double diff = Math.sqrt(0.25 * (x2 - y2) * (x2 - y2) + xy * xy);
		double a = Math.sqrt(Math.max(0, half + diff));
		double b = Math.sqrt(Math.max(0, half - diff));
		double theta = Math.toDegrees(0.5 * Math.atan2(2 * xy, x2 - y2));
		if (theta <= -90) {
			theta += 180;
		}
		double x = refX + cx;
		double y = refY + cy;
		double ra = Double.NaN;
		double dec = Double.NaN;
		if (wcs != null) {
			double[] sky = wcs.pixelToSky(x, y);
			ra = sky[0];
			dec = sky[1];
		}
		double fluxErr = Math.sqrt(var);
		return new DetectedObject(0, x, y, ra, dec, s, fluxErr, fluxErr > 0 ? s / fluxErr : Double.NaN,
			peak == Double.NEGATIVE_INFINITY ? Double.NaN : peak, xPeak, yPeak, pix.length, a, b, theta, a > 0 ? 1 - b / a
				: 0, halfFluxRadius(pix, rd, x, y, s), flags, xMin, yMin, xMax, yMax);
	}

	private int pixelFlags(int gx, int gy) {
		int f = 0;
		if (gx == 0 || gy == 0 || gx == width - 1 || gy == height - 1) {
			f |= ObjectFlags.EDGE;
		}
		float raw = image[gy * width + gx];
		if (raw >= saturation) {
			f |= ObjectFlags.SATURATED;
		}
		for (int dy = -1; dy <= 1; dy++) {
			int yy = gy + dy;
			if (yy < 0 || yy >= height) {
				continue;
			}
			for (int dx = -1; dx <= 1; dx++) {
				int xx = gx + dx;
				if (xx >= 0 && xx < width) {
					float v = image[yy * width + xx];
					if (v != v) {
						return f | ObjectFlags.NAN;
					}
				}
			}
		}
		return f;
	}

	/** Radius enclosing half the footprint flux, linearly interpolated in the growth curve; NaN without flux. */
	private static double halfFluxRadius(int[] pix, RegionData rd, double x, double y, double total) {
		if (!(total > 0)) {
			return Double.NaN;
		}
		// Key = squared radius as float bits (non-negative floats order like their bits) over the pixel's position
		// in pix, so one primitive sort orders by radius and then by position.
		long[] keys = new long[pix.length];
		int n = 0;
		for (int k = 0; k < pix.length; k++) {
			int p = pix[k];
			if (rd.sub[p] != rd.sub[p]) {
				continue;
			}
			double dx = rd.x0 + p % rd.w - x;
			double dy = rd.y0 + p / rd.w - y;
			keys[n++] = ((long) Float.floatToIntBits((float) (dx * dx + dy * dy)) << 32) | k;
		}
		Arrays.sort(keys, 0, n);
		double cum = 0;
		double prevR = 0;
		double prevCum = 0;
		double target = 0.5 * total;
		for (int k = 0; k < n; k++) {
			double r = Math.sqrt(Float.intBitsToFloat((int) (keys[k] >>> 32)));
			cum += rd.sub[pix[(int) (keys[k] & 0xffffffffL)]];
			if (cum >= target) {
				double f = cum > prevCum ? (target - prevCum) / (cum - prevCum) : 1;
				return prevR + f * (r - prevR);
			}
			prevR = r;
			prevCum = cum;
		}
		return prevR;
	}
}
