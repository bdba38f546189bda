package org.astrobridge.detect;

import java.util.ArrayList;
import java.util.List;
import org.astrobridge.fits.Wcs;

/**
 * Cuts stamps centred on objects from every plane of an image.
 * <p>
 * Without resampling (no target scale, no image scale, or scales equal within 0.1 %) the stamp is a copy of image
 * pixels: stamp pixel (u, v) is image pixel (round(x) - size/2 + u, round(y) - size/2 + v), so the object lies within
 * half a pixel of the stamp centre and no value is interpolated. With resampling, stamp pixel (u, v) samples the image
 * at (x + (u - (size-1)/2) f, y + (v - (size-1)/2) f), f = target scale / image scale: bilinear interpolation when f <=
 * 1, the mean of ceil(f) x ceil(f) bilinear samples spread over the output pixel when f > 1 (an area average, so
 * downsampling does not alias). With conserveFlux the values are multiplied by f^2. Samples outside the image (beyond
 * its outer pixel edges) or touching a masked pixel take the fill value and are counted.
 */
public final class CutoutMaker {

	private static final double SAME_SCALE = 1e-3;

	private final float[][] planes;
	private final int width;
	private final int height;
	private final CutoutSettings settings;
	private final double factor;

	/**
	 * @param imageScaleArcsec the image's pixel scale (e.g. {@link Wcs#pixelScaleArcsec()}); NaN when unknown
	 */
	public CutoutMaker(float[][] planes, int width, int height, double imageScaleArcsec, CutoutSettings settings) {
		for (float[] p : planes) {
			if (p.length != (long) width * height) {
				throw new IllegalArgumentException("Cutouts need planes of " + width + " x " + height +
					" pixels but one holds " + p.length);
			}
		}
		this.planes = planes;
		this.width = width;
		this.height = height;
		this.settings = settings;
		double f = settings.targetScaleArcsec() / imageScaleArcsec;
		this.factor = Double.isNaN(f) || Math.abs(f - 1) < SAME_SCALE ? 1.0 : f;
	}

	/** Uses the WCS's pixel scale (none when wcs is null). */
	public CutoutMaker(float[][] planes, int width, int height, Wcs wcs, CutoutSettings settings) {
		this(planes, width, height, wcs == null ? Double.NaN : wcs.pixelScaleArcsec(), settings);
	}

	/** Image pixels per stamp pixel (1 = plain copy). */
	public double factor() {
		return factor;
	}

	public List<Cutout> cutAll(List<DetectedObject> objects) {
		List<Cutout> out = new ArrayList<>(objects.size());
		for (DetectedObject o : objects) {
			out.add(cut(o.id(), o.x(), o.y()));
		}
		return out;
	}

	public Cutout cut(int id, double x, double y) {
		int n = settings.size();
		float fill = (float) settings.fill();
		float[][] bands = new float[planes.length][n * n];
		int filled = 0;
		if (factor == 1.0) {
			int i0 = (int) Math.round(x) - n / 2;
			int j0 = (int) Math.round(y) - n / 2;
			for (int b = 0; b < planes.length; b++) {
				float[] src = planes[b];
				float[] dst = bands[b];
				for (int v = 0; v < n; v++) {
					int j = j0 + v;
					for (int u = 0; u < n; u++) {
						int i = i0 + u;
						float val = i >= 0 && j >= 0 && i < width && j < height ? src[j * width + i] : Float.NaN;
						if (val != val) {
							val = fill;
							filled++;
						}
						dst[v * n + u] = val;
					}
				}
			}
			return new Cutout(id, x, y, n, bands, 1.0, filled);
		}
		int sub = factor > 1 ? (int) Math.ceil(factor) : 1;
		double scale = settings.conserveFlux() ? factor * factor : 1.0;
		double half = (n - 1) / 2.0;
		for (int b = 0; b < planes.length; b++) {
			float[] src = planes[b];
			float[] dst = bands[b];
			for (int v = 0; v < n; v++) {
				double cy = y + (v - half) * factor;
				for (int u = 0; u < n; u++) {
					double cx = x + (u - half) * factor;
					double sum = 0;
					boolean bad = false;
					for (int sv = 0; sv < sub && !bad; sv++) {
						double sy = sub == 1 ? cy : cy + ((sv + 0.5) / sub - 0.5) * factor;
						for (int su = 0; su < sub; su++) {
							double sx = sub == 1 ? cx : cx + ((su + 0.5) / sub - 0.5) * factor;
							double s = bilinear(src, sx, sy);
							if (s != s) {
								bad = true;
								break;
							}
							sum += s;
						}
					}
					if (bad) {
						dst[v * n + u] = fill;
						filled++;
					}
					else {
						dst[v * n + u] = (float) (sum / (sub * sub) * scale);
					}
				}
			}
		}
		return new Cutout(id, x, y, n, bands, factor, filled);
	}

	/** Bilinear value at (x, y); NaN outside [-0.5, size-0.5] or when a contributing pixel is masked. */
	private double bilinear(float[] src, double x, double y) {
		if (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5) {
			return Double.NaN;
		}
		double cx = Math.min(Math.max(x, 0), width - 1);
		double cy = Math.min(Math.max(y, 0), height - 1);
		int i = Math.min((int) Math.floor(cx), Math.max(0, width - 2));
		int j = Math.min((int) Math.floor(cy), Math.max(0, height - 2));
		double fx = width > 1 ? cx - i : 0;
		double fy = height > 1 ? cy - j : 0;
		int i1 = Math.min(i + 1, width - 1);
		int j1 = Math.min(j + 1, height - 1);
		double v00 = src[j * width + i];
		double v10 = src[j * width + i1];
		double v01 = src[j1 * width + i];
		double v11 = src[j1 * width + i1];
		return (1 - fy) * ((1 - fx) * v00 + fx * v10) + fy * ((1 - fx) * v01 + fx * v11);
	}
}
