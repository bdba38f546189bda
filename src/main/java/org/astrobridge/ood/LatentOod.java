package org.astrobridge.ood;

import java.util.function.Function;

/**
 * A fitted score that reads the latents only (the probabilities are ignored), with what it was fitted on for
 * {@link #describe()}: the scorer of {@code ood=mahalanobis}, {@code gaussian}, {@code open-set} and {@code knn}.
 *
 * @param latentScores the fitted scorer's scores of row-major [n * dim] latents
 * @param describe     what the scorer was fitted on ("fitted on 200")
 */
record LatentOod(Function<float[], double[]> latentScores, String describe) implements OodScorer {

	/** "fitted on n", followed by {@code detail} when it is not empty. */
	static LatentOod fittedOn(Function<float[], double[]> latentScores, int fitCount, String detail) {
		return new LatentOod(latentScores, "fitted on " + fitCount + detail);
	}

	@Override
	public double[] scores(float[] latents, float[] probabilities) {
		return latentScores.apply(latents);
	}
}
