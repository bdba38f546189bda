package org.astrobridge.ood;

import java.util.OptionalDouble;

/**
 * {@code ood=entropy}: the predictive entropy of the (mean) probabilities ({@link EntropyScorer}). A model keeps no
 * held-out probabilities to calibrate on, so the threshold is DeepAstroUDA's fixed ln(K)/2 and no latents are needed.
 */
final class EntropyOod implements OodScorer {

	private final int classes;

	private EntropyOod(int classes) {
		this.classes = classes;
	}

	static OodScorer fit(OodFitData data) {
		return new EntropyOod(data.classes());
	}

	@Override
	public double[] scores(float[] latents, float[] probabilities) {
		return EntropyScorer.scores(probabilities, classes);
	}

	@Override
	public String describe() {
		return "ln(K)/2";
	}

	@Override
	public OptionalDouble fixedThreshold() {
		return OptionalDouble.of(EntropyScorer.unknownThreshold(classes));
	}
}
