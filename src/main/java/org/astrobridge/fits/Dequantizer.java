package org.astrobridge.fits;

import java.lang.reflect.Array;
import java.util.Locale;

/**
 * Restores quantized floating-point tiles as cfitsio does (FITS tiled image compression convention, sect. 4): value =
 * (I - R + 0.5) * ZSCALE + ZZERO with the subtractive-dither sequence R (R = 0.5 without dithering), I == ZBLANK ->
 * NaN, and for SUBTRACTIVE_DITHER_2 the reserved zero code -> 0.
 */
final class Dequantizer {

	private static final int N_RANDOM = 10_000;
	private static final int DITHER2_ZERO = -2147483646;
	private static final float[] RANDOM = randomSequence();

	private Dequantizer() {}

	/** cfitsio's fits_init_randoms: Park-Miller minimal standard generator from seed 1. */
	private static float[] randomSequence() {
		float[] r = new float[N_RANDOM];
		double a = 16807.0;
		double m = 2147483647.0;
		double seed = 1;
		for (int i = 0; i < N_RANDOM; i++) {
			double temp = a * seed;
			seed = temp - m * (int) (temp / m);
			r[i] = (float) (seed / m);
		}
		return r;
	}

	/** Fills the planes from the quantized integers {@code q} (storage order), tile by tile. */
	static void apply(FitsHeader z, int[] axes, int[] q, float[][] planes, Object scaleCol, Object zeroCol) {
		String method = z.getString("ZQUANTIZ");
		method = method == null ? "NO_DITHER" : method.trim().toUpperCase(Locale.ROOT);
		boolean dither = method.startsWith("SUBTRACTIVE_DITHER");
		boolean dither2 = method.equals("SUBTRACTIVE_DITHER_2");
		long dither0 = z.getLong("ZDITHER0", 1);
		// the FITS standard gives ZDITHER0 in 1..10000; anything else would index outside the random sequence
		if (dither0 < 1 || dither0 > N_RANDOM) {
			throw new IllegalArgumentException("invalid ZDITHER0 (" + z.getString("ZDITHER0") +
				"); it must lie between 1 and " + N_RANDOM);
		}
		boolean hasBlank = z.contains("ZBLANK");
		long zblank = z.getLong("ZBLANK", 0);
		double constScale = z.getDouble("ZSCALE", 1.0);
		double constZero = z.getDouble("ZZERO", 0.0);
		int naxis = axes.length;
		int[] tile = new int[naxis];
		int[] tiles = new int[naxis];
		for (int a = 0; a < naxis; a++) {
			tile[a] = (int) Math.max(1, Math.min(axes[a], z.getLong("ZTILE" + (a + 1), a == 0 ? axes[0] : 1)));
			tiles[a] = (axes[a] + tile[a] - 1) / tile[a];
		}
		int planeSize = planes[0].length;
		int[] t = new int[naxis];
		int[] local = new int[naxis];
		int[] extent = new int[naxis];
		for (int tileIndex = 0;; tileIndex++) {
			double scale = scaleCol == null ? constScale : Array.getDouble(scaleCol, tileIndex);
			double zero = zeroCol == null ? constZero : Array.getDouble(zeroCol, tileIndex);
			int iseed = (int) ((tileIndex + dither0 - 1) % N_RANDOM);
			int next = (int) (RANDOM[iseed] * 500);
			for (int a = 0; a < naxis; a++) {
				extent[a] = Math.min(tile[a], axes[a] - t[a] * tile[a]);
				local[a] = 0;
			}
			while (true) {
				long idx = 0;
				long stride = 1;
				for (int a = 0; a < naxis; a++) {
					idx += (long) (t[a] * tile[a] + local[a]) * stride;
					stride *= axes[a];
				}
				int v = q[(int) idx];
				float out;
				if (hasBlank && v == zblank) {
					out = Float.NaN;
				}
				else if (dither2 && v == DITHER2_ZERO) {
					out = 0f;
				}
				else {
					double r = dither ? RANDOM[next] : 0.5;
					out = (float) ((v - r + 0.5) * scale + zero);
				}
				if (dither && ++next == N_RANDOM) {
					iseed = (iseed + 1) % N_RANDOM;
					next = (int) (RANDOM[iseed] * 500);
				}
				planes[(int) (idx / planeSize)][(int) (idx % planeSize)] = out;
				if (!advance(local, extent)) {
					break;
				}
			}
			if (!advance(t, tiles)) {
				return;
			}
		}
	}

	/** Odometer step, axis 0 fastest; false after the last position. */
	private static boolean advance(int[] pos, int[] limit) {
		for (int a = 0; a < pos.length; a++) {
			if (++pos[a] < limit[a]) {
				return true;
			}
			pos[a] = 0;
		}
		return false;
	}
}
