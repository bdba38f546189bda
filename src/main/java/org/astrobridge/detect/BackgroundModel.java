package org.astrobridge.detect;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Background and RMS maps as SExtractor builds them: per-mesh statistics with iterative 3-sigma clipping and a mode
 * estimate, invalid meshes filled from their neighbours, a median filter over meshes, and a bicubic (natural spline)
 * interpolation back to full resolution. The mesh grid is small, so it is computed once for the whole image; the full
 * resolution maps are only ever produced for a rectangle (see {@link #fill}), which keeps tiled processing tile-sized
 * and makes every pixel's value independent of the tiling.
 */
public final class BackgroundModel {

	/** A mesh with fewer valid (non-NaN) pixels than this fraction is replaced by its neighbours. */
	private static final double MIN_VALID_FRACTION = 0.5;
	private static final double CLIP_SIGMA = 3.0;
	private static final int MAX_CLIP_ITERATIONS = 100;

	private final int width;
	private final int height;
	private final int nx;
	private final int ny;
	private final float[] meshBack;
	private final float[] meshRms;
	private final SplineSurface backSurface;
	private final SplineSurface rmsSurface;
	private final float rmsFloor;
	private final float rmsCeiling;

	private BackgroundModel(int width, int height, int[] xEdges, int[] yEdges, float[] meshBack, float[] meshRms) {
		this.width = width;
		this.height = height;
		this.nx = xEdges.length - 1;
		this.ny = yEdges.length - 1;
		this.meshBack = meshBack;
		this.meshRms = meshRms;
		double[] xc = centres(xEdges);
		double[] yc = centres(yEdges);
		backSurface = new SplineSurface(xc, yc, meshBack);
		rmsSurface = new SplineSurface(xc, yc, meshRms);
		double lo = Double.POSITIVE_INFINITY;
		double hi = 0;
		for (float v : meshRms) {
			if (v > 0) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		}
		// The spline may over- or undershoot between meshes; an RMS outside the measured range would make the
		// threshold meaningless (a negative RMS detects everything).
		rmsFloor = lo == Double.POSITIVE_INFINITY ? Float.NaN : (float) lo;
		rmsCeiling = (float) hi;
	}

	/**
	 * Estimates the model.
	 *
	 * @param pixels image in FITS order, NaN = masked
	 * @param mesh mesh side in pixels (the image is split into round(width/mesh) x round(height/mesh) meshes)
	 * @param filterSize median filter side in meshes (odd; 1 = none)
	 * @param threads worker threads
	 */
	public static BackgroundModel estimate(float[] pixels, int width, int height, int mesh, int filterSize, int threads) {
		int[] xEdges = edges(width, mesh);
		int[] yEdges = edges(height, mesh);
		int nx = xEdges.length - 1;
		int ny = yEdges.length - 1;
		float[] back = new float[nx * ny];
		float[] rms = new float[nx * ny];
		boolean[] valid = new boolean[nx * ny];
		IntStream rows = IntStream.range(0, ny);
		if (threads > 1) {
			rows = rows.parallel();
		}
		rows.forEach(m -> {
			float[] buf = new float[(xEdges[1] - xEdges[0] + 1) * (yEdges[m + 1] - yEdges[m])];
			for (int k = 0; k < nx; k++) {
				int n = 0;
				for (int j = yEdges[m]; j < yEdges[m + 1]; j++) {
					int row = j * width;
					for (int i = xEdges[k]; i < xEdges[k + 1]; i++) {
						float v = pixels[row + i];
						if (v == v) {
							if (n == buf.length) {
								buf = Arrays.copyOf(buf, buf.length * 2);
							}
							buf[n++] = v;
						}
					}
				}
				int area = (xEdges[k + 1] - xEdges[k]) * (yEdges[m + 1] - yEdges[m]);
				if (n > 0 && n >= MIN_VALID_FRACTION * area) {
					double[] stats = clippedModeAndSigma(buf, n);
					back[m * nx + k] = (float) stats[0];
					rms[m * nx + k] = (float) stats[1];
					valid[m * nx + k] = true;
				}
			}
		});
		fillInvalid(back, rms, valid, nx, ny);
		float[] fb = medianFilter(back, nx, ny, filterSize);
		float[] fr = medianFilter(rms, nx, ny, filterSize);
		return new BackgroundModel(width, height, xEdges, yEdges, fb, fr);
	}

	/** Iterative 3-sigma clipping around the median; returns {mode, sigma} of the clipped sample. */
	static double[] clippedModeAndSigma(float[] buf, int n) {
		RadixSort.sort(buf, n);
		int lo = 0;
		int hi = n;
		double med = 0;
		double mean = 0;
		double sigma = 0;
		for (int it = 0; it < MAX_CLIP_ITERATIONS; it++) {
			med = median(buf, lo, hi);
			double s = 0;
			double s2 = 0;
			for (int i = lo; i < hi; i++) {
				double d = buf[i] - med;
				s += d;
				s2 += d * d;
			}
			int count = hi - lo;
			mean = med + s / count;
			sigma = count > 1 ? Math.sqrt(Math.max(0, (s2 - s * s / count) / (count - 1))) : 0;
			if (sigma == 0) {
				break;
			}
			int nlo = lowerBound(buf, lo, hi, med - CLIP_SIGMA * sigma);
			int nhi = upperBound(buf, lo, hi, med + CLIP_SIGMA * sigma);
			if ((nlo == lo && nhi == hi) || nhi - nlo < 2) {
				break;
			}
			lo = nlo;
			hi = nhi;
		}
		// SExtractor's rule: the mode estimator is trusted only when the clipped sample is not too skewed.
		double mode = sigma > 0 && Math.abs(mean - med) / sigma < 0.3 ? 2.5 * med - 1.5 * mean : med;
		return new double[] { mode, sigma };
	}

	/** Background and RMS at full resolution for the rectangle [x0, x0+rw) x [y0, y0+rh), row-major. */
	public void fill(int x0, int y0, int rw, int rh, float[] back, float[] rms) {
		fill(x0, y0, rw, rh, back, rms, null);
	}

	/** One thread's row splines of the last rectangles it filled (see {@link SplineSurface.Band}). */
	static final class RowCache {

		private final SplineSurface.Band back = new SplineSurface.Band();
		private final SplineSurface.Band rms = new SplineSurface.Band();
	}

	/**
	 * {@link #fill(int, int, int, int, float[], float[])} reusing the row splines in cache when the rows are those of the
	 * previous call (the next tile of a tile row). A rectangle as wide as the image is never followed by another one in
	 * the same rows, so its rows are not kept.
	 */
	void fill(int x0, int y0, int rw, int rh, float[] back, float[] rms, RowCache cache) {
		if (x0 < 0 || y0 < 0 || x0 + rw > width || y0 + rh > height) {
			throw new IllegalArgumentException("Background rectangle " + x0 + "," + y0 + " " + rw + "x" + rh +
				" lies outside the " + width + "x" + height + " image");
		}
		// Each map is interpolated only when asked for: the detector needs the background and the RMS over
		// different rectangles (the background with the matched filter's border).
		boolean keep = cache != null && rw < width;
		if (back != null) {
			backSurface.fill(x0, y0, rw, rh, back, keep ? cache.back : null);
		}
		if (rms != null) {
			rmsSurface.fill(x0, y0, rw, rh, rms, keep ? cache.rms : null);
			for (int c = 0; c < rw * rh; c++) {
				float v = rms[c];
				rms[c] = v < rmsFloor ? rmsFloor : v > rmsCeiling ? rmsCeiling : v;
			}
		}
	}

	/** Median of the mesh backgrounds (after filtering). */
	public double globalBackground() {
		return medianOf(meshBack);
	}

	/** Median of the mesh RMS values (after filtering). */
	public double globalRms() {
		return medianOf(meshRms);
	}

	public int meshesX() {
		return nx;
	}

	public int meshesY() {
		return ny;
	}

	private static double medianOf(float[] v) {
		float[] c = v.clone();
		Arrays.sort(c);
		return median(c, 0, c.length);
	}

	private static double median(float[] sorted, int lo, int hi) {
		int n = hi - lo;
		int mid = lo + n / 2;
		return n % 2 == 1 ? sorted[mid] : 0.5 * ((double) sorted[mid - 1] + sorted[mid]);
	}

	private static int lowerBound(float[] a, int lo, int hi, double v) {
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (a[mid] < v) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	private static int upperBound(float[] a, int lo, int hi, double v) {
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (a[mid] <= v) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	/** Near-equal meshes covering [0, size): round(size/mesh) of them, at least one. */
	private static int[] edges(int size, int mesh) {
		int n = Math.max(1, (int) Math.round(size / (double) mesh));
		int[] e = new int[n + 1];
		for (int k = 0; k <= n; k++) {
			e[k] = (int) ((long) k * size / n);
		}
		return e;
	}

	private static double[] centres(int[] edges) {
		double[] c = new double[edges.length - 1];
		for (int k = 0; k < c.length; k++) {
			c[k] = 0.5 * (edges[k] + edges[k + 1] - 1);
		}
		return c;
	}

	/** Replaces invalid meshes by the mean of their valid neighbours, growing inwards until all are set. */
	private static void fillInvalid(float[] back, float[] rms, boolean[] valid, int nx, int ny) {
		boolean any = false;
		for (boolean v : valid) {
			any |= v;
		}
		if (!any) {
			Arrays.fill(back, 0f);
			Arrays.fill(rms, Float.NaN);
			return;
		}
		boolean changed = true;
		while (changed) {
			changed = false;
			boolean[] next = valid.clone();
			for (int m = 0; m < ny; m++) {
				for (int k = 0; k < nx; k++) {
					if (valid[m * nx + k]) {
						continue;
					}
					double sb = 0;
					double sr = 0;
					int n = 0;
					for (int dm = -1; dm <= 1; dm++) {
						for (int dk = -1; dk <= 1; dk++) {
							int mm = m + dm;
							int kk = k + dk;
							if (mm >= 0 && mm < ny && kk >= 0 && kk < nx && valid[mm * nx + kk]) {
								sb += back[mm * nx + kk];
								sr += rms[mm * nx + kk];
								n++;
							}
						}
					}
					if (n > 0) {
						back[m * nx + k] = (float) (sb / n);
						rms[m * nx + k] = (float) (sr / n);
						next[m * nx + k] = true;
						changed = true;
					}
				}
			}
			System.arraycopy(next, 0, valid, 0, valid.length);
		}
	}

	private static float[] medianFilter(float[] v, int nx, int ny, int size) {
		if (size <= 1) {
			return v;
		}
		int r = size / 2;
		float[] out = new float[v.length];
		float[] buf = new float[size * size];
		for (int m = 0; m < ny; m++) {
			for (int k = 0; k < nx; k++) {
				int n = 0;
				for (int mm = Math.max(0, m - r); mm <= Math.min(ny - 1, m + r); mm++) {
					for (int kk = Math.max(0, k - r); kk <= Math.min(nx - 1, k + r); kk++) {
						buf[n++] = v[mm * nx + kk];
					}
				}
				Arrays.sort(buf, 0, n);
				out[m * nx + k] = (float) median(buf, 0, n);
			}
		}
		return out;
	}
}
