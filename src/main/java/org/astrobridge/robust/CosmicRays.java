package org.astrobridge.robust;

import java.util.SplittableRandom;

/**
 * Adds round(strength) cosmic-ray hits. Each hit falls in one band drawn uniformly (the bands of a stamp are separate
 * exposures), starts at a pixel drawn uniformly (distinct start pixels per band), and is a straight track of L pixels,
 * L uniform in 1..maxLength, in a uniformly random direction, clipped at the stamp edge; each track pixel gains
 * amplitude x sigma_b (sigma_b: the stamp's own noise, {@link StampNoise}). With maxLength = 1 every hit is a single
 * pixel and exactly round(strength) pixels change. Defaults: amplitude 50, maxLength 4. Non-finite pixels stay as they
 * are.
 */
public final class CosmicRays implements Perturbation {

	public static final double DEFAULT_AMPLITUDE = 50;
	public static final int DEFAULT_MAX_LENGTH = 4;

	private final double amplitude;
	private final int maxLength;

	public CosmicRays() {
		this(DEFAULT_AMPLITUDE, DEFAULT_MAX_LENGTH);
	}

	/**
	 * @param amplitude charge added to each track pixel, in units of the stamp's noise
	 * @param maxLength longest track in pixels (1 = single-pixel hits only)
	 */
	public CosmicRays(double amplitude, int maxLength) {
		if (!Double.isFinite(amplitude)) throw new IllegalArgumentException("cosmic-rays: amplitude must be finite, got " +
			amplitude);
		if (maxLength < 1) throw new IllegalArgumentException("cosmic-rays: maximum track length must be >= 1 pixel, got " +
			maxLength);
		this.amplitude = amplitude;
		this.maxLength = maxLength;
	}

	@Override
	public String name() {
		return "cosmic-rays";
	}

	@Override
	public String strengthUnit() {
		return "number of cosmic-ray hits (tracks of 1.." + maxLength + " pixels, " + amplitude + " sigma each)";
	}

	@Override
	public double[] defaultStrengths() {
		return new double[] { 1, 2, 5, 10, 20 };
	}

	@Override
	public void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random) {
		int hits = (int) Math.round(strength);
		int w = shape.width(), h = shape.height(), nb = shape.bands();
		if (hits > w * h * nb) throw new IllegalArgumentException(name() + ": " + hits +
			" hits asked for but the stamp has only " + w * h * nb + " pixels");
		double[] sigma = StampNoise.sigma(pixels, shape);
		for (int start : Sampling.distinct(w * h * nb, hits, random)) {
			int b = start % nb, i0 = (start / nb) % w, j0 = start / nb / w;
			int length = 1 + random.nextInt(maxLength);
			double angle = random.nextDouble() * 2 * Math.PI;
			float charge = (float) (amplitude * sigma[b]);
			int lastI = Integer.MIN_VALUE, lastJ = Integer.MIN_VALUE;
			for (int t = 0; t < length; t++) {
				int i = i0 + (int) Math.round(t * Math.cos(angle)), j = j0 + (int) Math.round(t * Math.sin(angle));
				if (i < 0 || j < 0 || i >= w || j >= h || (i == lastI && j == lastJ)) continue;
				lastI = i;
				lastJ = j;
				int k = shape.index(i, j, b);
				if (Float.isFinite(pixels[k])) pixels[k] += charge;
			}
		}
	}
}
