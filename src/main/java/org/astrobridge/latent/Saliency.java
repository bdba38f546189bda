package org.astrobridge.latent;

/**
 * Saliency maps from input gradients (see {@code Predictor.inputGradients}): for each stamp one map of its width x
 * height, the bands summed. {@code GRADIENT_X_INPUT} is sum_b g * x (signed: positive where the pixel's value raises
 * the class probability, relative to a zero input); {@code GRADIENT} is sum_b |g| (where a small change matters most).
 * Both refer to the normalised input the network sees, not the raw pixel values.
 */
public enum Saliency {

		GRADIENT_X_INPUT("gradient-x-input"), GRADIENT("gradient");

	private final String key;

	Saliency(String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	public static Saliency byKey(String key) {
		for (Saliency s : values())
			if (s.key.equalsIgnoreCase(key.trim())) return s;
		throw new IllegalArgumentException("unknown saliency method \"" + key + "\"; known: gradient-x-input, gradient");
	}

	/**
	 * Maps for n stamps of height x width x bands (NHWC, FITS row order): out[k][j * width + i].
	 */
	public float[][] maps(float[] normalised, float[] gradients, int n, int height, int width, int bands) {
		long size = (long) n * height * width * bands;
		if (normalised.length != size || gradients.length != size) throw new IllegalArgumentException("saliency: " +
			normalised.length + " input and " + gradients.length + " gradient values for " + n + " stamps of " + width + "x" +
			height + "x" + bands);
		float[][] out = new float[n][height * width];
		for (int k = 0; k < n; k++)
			for (int p = 0; p < height * width; p++) {
				double s = 0;
				for (int b = 0; b < bands; b++) {
					int i = (k * height * width + p) * bands + b;
					s += this == GRADIENT ? Math.abs(gradients[i]) : gradients[i] * normalised[i];
				}
				out[k][p] = (float) s;
			}
		return out;
	}
}
