package org.astrobridge.ood;

/**
 * Predictive entropy of class probabilities, {@code H = -sum_c p_c ln p_c} (natural log, 0 ln 0 = 0): 0 for a one-hot
 * prediction, ln K for a uniform one. DeepAstroUDA (2023) flags an object as unknown when H exceeds ln(K)/2.
 */
public final class EntropyScorer {

	private EntropyScorer() {}

	/** Entropy of probabilities[off .. off+classes). */
	public static double entropy(float[] probabilities, int off, int classes) {
		double h = 0;
		for (int c = 0; c < classes; c++) {
			double p = probabilities[off + c];
			if (p > 0) {
				h -= p * Math.log(p);
			}
		}
		return h;
	}

	/** Entropy of every row of a row-major [n * classes] probability array. */
	public static double[] scores(float[] probabilities, int classes) {
		if (classes < 1 || probabilities.length % classes != 0) {
			throw new IllegalArgumentException("probability array of " + probabilities.length +
				" values is not a multiple of the class count " + classes);
		}
		double[] h = new double[probabilities.length / classes];
		for (int r = 0; r < h.length; r++) {
			h[r] = entropy(probabilities, r * classes, classes);
		}
		return h;
	}

	/** The DeepAstroUDA unknown-class threshold ln(K)/2. */
	public static double unknownThreshold(int classes) {
		return Math.log(classes) / 2;
	}

	/** Rows whose entropy exceeds ln(K)/2. */
	public static boolean[] unknown(float[] probabilities, int classes) {
		return OodThreshold.fixed(unknownThreshold(classes)).apply(scores(probabilities, classes));
	}
}
