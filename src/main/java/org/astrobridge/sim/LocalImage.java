package org.astrobridge.sim;

/**
 * A small square patch (origin x0, y0 in the target's pixels) of unit-flux image, added into planes with per-band
 * fluxes.
 */
final class LocalImage {

	private final int x0, y0, n;
	private final double[] img;

	private LocalImage(int x0, int y0, int n, double[] img) {
		this.x0 = x0;
		this.y0 = y0;
		this.n = n;
		this.img = img;
	}

	/** Convolves the patch with a circular Gaussian mixture PSF (variances in arcsec^2), separably per Gaussian. */
	static LocalImage convolve(int x0, int y0, int n, double[] img, double[] weights, double[] var, double pixel) {
		double[] out = new double[n * n];
		double[] tmp = new double[n * n];
		for (int p = 0; p < weights.length; p++) {
			double sigma = Math.sqrt(var[p]) / pixel;
			int half = Math.max(1, (int) Math.ceil(4 * sigma));
			double[] k = new double[2 * half + 1];
			double sum = 0;
			for (int t = -half; t <= half; t++) {
				k[t + half] = Math.exp(-0.5 * t * t / (sigma * sigma));
				sum += k[t + half];
			}
			for (int t = 0; t < k.length; t++)
				k[t] /= sum; // normalised: convolution keeps the flux
			java.util.Arrays.fill(tmp, 0);
			for (int j = 0; j < n; j++) {
				for (int i = 0; i < n; i++) {
					double v = img[j * n + i];
					if (v == 0) continue;
					for (int t = Math.max(-half, -i); t <= Math.min(half, n - 1 - i); t++)
						tmp[j * n + i + t] += v * k[t + half];
				}
			}
			for (int j = 0; j < n; j++) {
				for (int i = 0; i < n; i++) {
					double v = tmp[j * n + i] * weights[p];
					if (v == 0) continue;
					for (int t = Math.max(-half, -j); t <= Math.min(half, n - 1 - j); t++)
						out[(j + t) * n + i] += v * k[t + half];
				}
			}
		}
		return new LocalImage(x0, y0, n, out);
	}

	void addTo(float[][] planes, int w, int row0, int row1, int[] bands, double[] flux) {
		for (int j = Math.max(row0, y0); j < Math.min(row1, y0 + n); j++) {
			for (int i = Math.max(0, x0); i < Math.min(w, x0 + n); i++) {
				double v = img[(j - y0) * n + (i - x0)];
				if (v == 0) continue;
				for (int b = 0; b < bands.length; b++)
					planes[b][j * w + i] += (float) (v * flux[bands[b]]);
			}
		}
	}

	double total() {
		double s = 0;
		for (double v : img)
			s += v;
		return s;
	}
}
