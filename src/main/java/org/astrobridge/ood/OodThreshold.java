package org.astrobridge.ood;

import java.util.Arrays;

/**
 * A score threshold: objects whose score is above it are flagged out-of-distribution. {@link #calibrate} places it at
 * the {@code keep} quantile of held-out in-distribution scores, so that fraction of known objects stays unflagged. The
 * quantile interpolates linearly between order statistics (Hyndman and Fan type 7, the default of numpy and R): with
 * sorted scores s_0..s_{n-1} and h = (n-1) keep, t = s_floor(h) + (h - floor(h)) (s_floor(h)+1 - s_floor(h)). A NaN
 * score is always flagged (the object could not be shown to be known).
 */
public final class OodThreshold {

	public static final double DEFAULT_KEEP = 0.95;

	private final double threshold;
	private final double keep;

	private OodThreshold(double threshold, double keep) {
		this.threshold = threshold;
		this.keep = keep;
	}

	/** A threshold at the 95 % quantile of the in-distribution scores. */
	public static OodThreshold calibrate(double[] inDistributionScores) {
		return calibrate(inDistributionScores, DEFAULT_KEEP);
	}

	/**
	 * A threshold keeping the fraction {@code keep} (in (0, 1]) of the given in-distribution scores; NaNs are ignored.
	 */
	public static OodThreshold calibrate(double[] inDistributionScores, double keep) {
		if (!(keep > 0 && keep <= 1)) {
			throw new IllegalArgumentException("fraction of known objects to keep must be in (0, 1], got " + keep);
		}
		double[] s = Arrays.stream(inDistributionScores).filter(v -> !Double.isNaN(v)).sorted().toArray();
		if (s.length == 0) {
			throw new IllegalArgumentException("no in-distribution scores to calibrate the OOD threshold on");
		}
		double h = (s.length - 1) * keep;
		int lo = (int) Math.floor(h);
		int hi = Math.min(lo + 1, s.length - 1);
		double t = s[lo] + (h - lo) * (s[hi] - s[lo]);
		return new OodThreshold(t, keep);
	}

	/** A threshold given directly (e.g. {@link EntropyScorer#unknownThreshold}). */
	public static OodThreshold fixed(double threshold) {
		if (Double.isNaN(threshold)) {
			throw new IllegalArgumentException("OOD threshold must not be NaN");
		}
		return new OodThreshold(threshold, Double.NaN);
	}

	public double threshold() {
		return threshold;
	}

	/** The calibration fraction, NaN for a fixed threshold. */
	public double keepFraction() {
		return keep;
	}

	public boolean isOod(double score) {
		return !(score <= threshold);
	}

	public boolean[] apply(double[] scores) {
		boolean[] f = new boolean[scores.length];
		for (int i = 0; i < f.length; i++) {
			f[i] = isOod(scores[i]);
		}
		return f;
	}
}
