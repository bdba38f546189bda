package org.astrobridge.ood;

import java.util.OptionalDouble;

/**
 * A fitted scorer's threshold and where it came from. It is the {@code keep} quantile of the scores of the model's
 * unlabelled target latents when they are preferred, the model keeps enough of them and the scorer did not fit on
 * them (its scores there would be too low); else of the held-out source-validation half ({@link OodFitData}). A
 * scorer with a {@link OodScorer#fixedThreshold()} keeps that.
 *
 * @param threshold the threshold
 * @param reference the median calibration score (0 for a fixed threshold): where a typical known object lies
 * @param count     latents it was calibrated on (0 for a fixed threshold)
 * @param onTarget  whether those were the target latents
 */
public record CalibratedThreshold(OodThreshold threshold, double reference, int count, boolean onTarget) {

	public static CalibratedThreshold of(OodScorer scorer, OodFitData data, double keep, boolean preferTarget) {
		OptionalDouble fixed = scorer.fixedThreshold();
		if (fixed.isPresent()) {
			return new CalibratedThreshold(OodThreshold.fixed(fixed.getAsDouble()), 0, 0, false);
		}
		boolean onTarget = preferTarget && data.targetCount() >= 2 * OodFitData.MIN_SAMPLES && !scorer.fittedOnTarget();
		double[] scores = onTarget ? scorer.scores(data.targetLatents(), null) : scorer.scores(data
			.calibrationLatents(), null);
		return new CalibratedThreshold(OodThreshold.calibrate(scores, keep), OodThreshold.calibrate(scores, 0.5)
			.threshold(), onTarget ? data.targetCount() : data.calibrationCount(), onTarget);
	}

	/** "unlabelled target latents" or "held-out source-validation latents", "" for a fixed threshold. */
	public String calibratedOn() {
		return count == 0 ? "" : onTarget ? "unlabelled target latents" : "held-out source-validation latents";
	}
}
