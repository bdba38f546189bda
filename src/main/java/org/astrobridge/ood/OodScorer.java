package org.astrobridge.ood;

import java.util.OptionalDouble;

/**
 * An out-of-distribution score fitted to one model: the larger, the less like the classes the model was trained on. A
 * scorer is fitted by its {@link OodScorers} entry on one half of the model's source-validation latents
 * ({@link OodFitData}); its threshold is then calibrated on the other half, unless the scorer has a
 * {@link #fixedThreshold()}. Fitted scorers are immutable and thread-safe.
 */
public interface OodScorer {

	/**
	 * Scores of n objects. A scorer reads the latents, the probabilities or both; calibration passes latents only.
	 *
	 * @param latents row-major [n * dim]
	 * @param probabilities row-major [n * classes] (the mean ones with MC dropout)
	 */
	double[] scores(float[] latents, float[] probabilities);

	/**
	 * What the scorer was fitted on ("fitted on 200"), or for a fixed threshold the rule that sets it ("ln(K)/2"), for
	 * logs and catalogue headers.
	 */
	String describe();

	/**
	 * A threshold that needs no calibration, for a score that cannot be calibrated on held-out latents (entropy reads
	 * probabilities, and a model keeps no held-out ones); empty, the default, to calibrate on held-out latents.
	 */
	default OptionalDouble fixedThreshold() {
		return OptionalDouble.empty();
	}

	/**
	 * Whether the fit read the model's unlabelled target latents; then its threshold cannot be calibrated on them (they
	 * would be scored by a scorer that has seen them).
	 */
	default boolean fittedOnTarget() {
		return false;
	}
}
