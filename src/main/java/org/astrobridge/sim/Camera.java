package org.astrobridge.sim;

import java.util.SplittableRandom;

/**
 * Turns a noise-free image (nanomaggies) into what a survey pipeline delivers: photon (Poisson) noise from source and
 * sky, read noise, cosmic rays, saturation and bad columns in electrons, then sky subtraction, calibration back to
 * nanomaggies and optional lossy quantisation.
 */
public final class Camera {

	private final Domain d;
	private final int[] bands;

	public Camera(Domain domain, int[] bands) {
		this.d = domain;
		this.bands = bands.clone();
	}

	/** A bad column: image column, first row and row count; hot columns read +20 sigma, dead ones read no charge. */
	public record BadColumn(int column, int row, int length, boolean hot) {}

	/** Draws the bad columns of an image of width w and height h. */
	public BadColumn[] badColumns(SplittableRandom rng, int w, int h) {
		int count = poisson(rng, d.badColumns() * w / 1000.0);
		BadColumn[] cols = new BadColumn[count];
		for (int k = 0; k < count; k++) {
			int row = rng.nextInt(h);
			cols[k] = new BadColumn(rng.nextInt(w), rng.nextBoolean() ? 0 : row, h, rng.nextBoolean());
		}
		return cols;
	}

	/** Observes rows row0 (incl.) to row1 (excl.) of planes (one per selected band, width w) in place. */
	public void observe(float[][] planes, int w, int row0, int row1, SplittableRandom rng, BadColumn[] badColumns) {
		observe(planes, w, row0, row1, rng, badColumns, null);
	}

	/**
	 * As {@link #observe(float[][], int, int, int, SplittableRandom, BadColumn[])}, and adds each cosmic-ray hit to
	 * {@code hits} (when not null) as {x, y, direction in degrees, electrons}: x, y the mean of the pixels it hit.
	 */
	public void observe(float[][] planes, int w, int row0, int row1, SplittableRandom rng, BadColumn[] badColumns,
		java.util.List<double[]> hits)
	{
		float[] z = new float[w];
		int[] crs = cosmicRayPixels(rng, w, row0, row1, hits);
		for (int b = 0; b < bands.length; b++) {
			int band = bands[b];
			float[] p = planes[b];
			double k = d.electronsPerNanomaggy(band), sky = d.skyElectrons(band), rn2 = d.readNoise() * d.readNoise();
			double invK = 1 / k, sigmaSky = Math.sqrt(sky + rn2);
			if (d.noise()) {
				// variance in nanomaggies^2: (source electrons + sky + read noise^2) / k^2
				double skyVar = (sky + rn2) * invK * invK, srcVar = invK;
				boolean lowCounts = sky < 20;
				for (int j = row0; j < row1; j++) {
					int row = j * w;
					NormalTable.fill(rng, z, w);
					for (int i = 0; i < w; i++) {
						double v = p[row + i];
						if (lowCounts) {
							double lambda = Math.max(0, v * k) + sky;
							p[row + i] = (float) ((poisson(rng, lambda) + d.readNoise() * z[i] - sky) * invK);
						}
						else {
							p[row + i] = (float) (v + Math.sqrt(skyVar + (v > 0 ? v * srcVar : 0)) * z[i]);
						}
					}
				}
			}
			for (int c = 0; c < crs.length; c += 2) {
				p[crs[c]] += (float) (crs[c + 1] * invK);
			}
			if (d.saturation() > 0) {
				float full = clipLevel(band);
				for (int i = row0 * w; i < row1 * w; i++)
					if (p[i] > full) p[i] = full;
			}
			for (BadColumn bc : badColumns) {
				if (bc.column() >= w) continue;
				float value = (float) ((bc.hot() ? 20 * sigmaSky : -sky) * invK);
				for (int j = Math.max(row0, bc.row()); j < Math.min(row1, bc.row() + bc.length()); j++) {
					p[j * w + bc.column()] = value;
				}
			}
			if (d.quantize() > 0 && d.noise()) {
				double step = quantStep(band), inv = 1 / step;
				for (int i = row0 * w; i < row1 * w; i++)
					p[i] = (float) (Math.rint(p[i] * inv) * step);
			}
		}
	}

	/** The full well in image units (nanomaggies above the subtracted sky) of a band, before quantisation. */
	private float clipLevel(int band) {
		return (float) ((d.saturation() - d.skyElectrons(band)) * (1 / d.electronsPerNanomaggy(band)));
	}

	/** A pixel value after the lossy quantisation (none when it is off or there is no noise). */
	private float quantise(float v, int band) {
		if (!(d.quantize() > 0 && d.noise())) return v;
		double step = quantStep(band), inv = 1 / step;
		return (float) (Math.rint(v * inv) * step);
	}

	/** The quantisation step of a band in image units: the sky's RMS over q. */
	private double quantStep(int band) {
		double sigmaSky = Math.sqrt(d.skyElectrons(band) + d.readNoise() * d.readNoise());
		return sigmaSky * (1 / d.electronsPerNanomaggy(band)) / d.quantize();
	}

	/**
	 * The value a saturated pixel of band-plane {@code b} reads in the delivered image (image units, after sky
	 * subtraction, calibration and quantisation), the FITS {@code SATURATE}; +Infinity when nothing saturates.
	 */
	public float saturationLevel(int b) {
		return d.saturation() > 0 ? quantise(clipLevel(bands[b]), bands[b]) : Float.POSITIVE_INFINITY;
	}

	/** Cosmic-ray tracks as (pixel index, electrons) pairs; the same hits land in every band, as on a real CCD. */
	private int[] cosmicRayPixels(SplittableRandom rng, int w, int row0, int row1, java.util.List<double[]> record) {
		if (d.cosmicRays() <= 0) return new int[0];
		int hits = poisson(rng, d.cosmicRays() * w * (double) (row1 - row0) / 1e6);
		int[] out = new int[hits * 12];
		int o = 0;
		for (int h = 0; h < hits; h++) {
			double x = rng.nextDouble() * w, y = row0 + rng.nextDouble() * (row1 - row0);
			double ang = rng.nextDouble() * Math.PI, len = 1 + rng.nextInt(6);
			int electrons = 500 + rng.nextInt(5000);
			double sx = 0, sy = 0;
			int pixels = 0;
			for (int s = 0; s < len && o < out.length; s++) {
				int i = (int) (x + s * Math.cos(ang)), j = (int) (y + s * Math.sin(ang));
				if (i < 0 || i >= w || j < row0 || j >= row1) break;
				out[o++] = j * w + i;
				out[o++] = electrons;
				sx += i;
				sy += j;
				pixels++;
			}
			if (record != null && pixels > 0) record.add(new double[] { sx / pixels, sy / pixels, Math.toDegrees(ang),
				electrons });
		}
		return java.util.Arrays.copyOf(out, o);
	}

	static int poisson(SplittableRandom rng, double mean) {
		if (mean <= 0) return 0;
		if (mean > 50) return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
		double l = Math.exp(-mean), p = 1;
		int k = 0;
		do {
			k++;
			p *= rng.nextDouble();
		}
		while (p > l);
		return k - 1;
	}
}
