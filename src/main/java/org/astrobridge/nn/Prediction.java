package org.astrobridge.nn;

/**
 * Network outputs for n stamps: class probabilities [n * classes] and latent vectors [n * latentDim], row-major.
 * With Monte-Carlo dropout, {@code probabilityStd} holds the per-class standard deviation over the passes
 * (null for a single deterministic pass).
 */
public record Prediction(int count, int classes, int latentDim, float[] probabilities, float[] latents, float[] probabilityStd) {

	public float probability(int k, int c) {
		return probabilities[k * classes + c];
	}

	/** The most probable class of stamp k. */
	public int predictedClass(int k) {
		int best = 0;
		for (int c = 1; c < classes; c++) if (probabilities[k * classes + c] > probabilities[k * classes + best]) best = c;
		return best;
	}

	public int[] predictedClasses() {
		int[] out = new int[count];
		for (int k = 0; k < count; k++) out[k] = predictedClass(k);
		return out;
	}

	public float[] latent(int k) {
		float[] z = new float[latentDim];
		System.arraycopy(latents, k * latentDim, z, 0, latentDim);
		return z;
	}
}
