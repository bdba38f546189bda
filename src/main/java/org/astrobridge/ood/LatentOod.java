package org.astrobridge.ood;

import java.util.function.Function;

/**
 * A fitted score that reads the latents only (the probabilities are ignored), with what it was fitted on for
 * {@link #describe()}: the scorer of {@code ood=mahalanobis}, {@code gaussian}, {@code open-set} and {@code knn}.
 *
 * @param latentScores the fitted scorer's scores of row-major [n * dim] latents
 * @param describe     what the scorer was fitted on ("fitted on 200")
 * @param fittedOnTarget whether the fit read the model's target latents
 */
record LatentOod(Function<float[], double[]> latentScores, String describe, boolean fittedOnTarget)
		implements OodScorer {

	/** "fitted on n", followed by {@code detail} when it is not empty; the fit read source latents only. */
	static LatentOod fittedOn(Function<float[], double[]> latentScores, int fitCount, String detail) {
		return new LatentOod(latentScores, "fitted on " + fitCount + detail, false);
	}

	/** As {@link #fittedOn}, for a fit that also read the model's target latents. */
	static LatentOod fittedOnTarget(Function<float[], double[]> latentScores, int fitCount, String detail) {
		return new LatentOod(latentScores, "fitted on " + fitCount + detail, true);
	}

	@Override
	public double[] scores(float[] latents, float[] probabilities) {
		return latentScores.apply(latents);
	}
}
