package org.astrobridge.ood;

/**
 * Uncertainty from T stochastic passes (Monte-Carlo dropout) or T ensemble members over the same n objects.
 * With p_t the class probabilities of pass t and pbar their mean:
 * <ul>
 * <li>{@code meanProbabilities}: pbar, row-major [n * classes];</li>
 * <li>{@code predicted}: argmax of pbar;</li>
 * <li>{@code predictedStd}: standard deviation over the passes of the predicted class's probability (divided by T,
 * the population form; 0 for T = 1);</li>
 * <li>{@code entropy}: predictive entropy H(pbar) (natural log);</li>
 * <li>{@code mutualInformation}: H(pbar) - mean_t H(p_t) (BALD, Houlsby et al. 2011), the part of the entropy that
 * comes from disagreement between passes (model uncertainty); clamped at 0 against rounding.</li>
 * </ul>
 */
public record Uncertainty(int count, int classes, float[] meanProbabilities, int[] predicted, double[] predictedStd,
		double[] entropy, double[] mutualInformation) {

	/** From probabilities[pass][object][class]. */
	public static Uncertainty of(float[][][] probabilities) {
		if (probabilities.length == 0 || probabilities[0].length == 0) {
			throw new IllegalArgumentException("need at least one pass over at least one object");
		}
		int n = probabilities[0].length;
		int k = probabilities[0][0].length;
		float[][] flat = new float[probabilities.length][n * k];
		for (int t = 0; t < probabilities.length; t++) {
			if (probabilities[t].length != n) {
				throw new IllegalArgumentException("pass " + t + " has " + probabilities[t].length + " objects, pass 0 "
						+ "has " + n);
			}
			for (int i = 0; i < n; i++) {
				if (probabilities[t][i].length != k) {
					throw new IllegalArgumentException("pass " + t + ", object " + i + " has "
							+ probabilities[t][i].length + " class probabilities, expected " + k);
				}
				System.arraycopy(probabilities[t][i], 0, flat[t], i * k, k);
			}
		}
		return ofFlat(flat, k);
	}

	/** From passes[pass] = row-major [n * classes] probabilities (the layout of a model prediction). */
	public static Uncertainty ofFlat(float[][] passes, int classes) {
		if (passes.length == 0 || classes < 1) {
			throw new IllegalArgumentException("need at least one pass and one class");
		}
		int len = passes[0].length;
		if (len == 0 || len % classes != 0) {
			throw new IllegalArgumentException("pass 0 holds " + len + " probabilities, not a positive multiple of "
					+ classes + " classes");
		}
		for (int t = 1; t < passes.length; t++) {
			if (passes[t].length != len) {
				throw new IllegalArgumentException("pass " + t + " holds " + passes[t].length
						+ " probabilities, pass 0 holds " + len);
			}
		}
		int n = len / classes;
		int passCount = passes.length;
		float[] mean = new float[len];
		int[] predicted = new int[n];
		double[] std = new double[n];
		double[] entropy = new double[n];
		double[] mi = new double[n];
		double[] m = new double[classes];
		for (int i = 0; i < n; i++) {
			int off = i * classes;
			java.util.Arrays.fill(m, 0);
			double expected = 0;
			for (float[] p : passes) {
				for (int c = 0; c < classes; c++) {
					m[c] += p[off + c];
				}
				expected += EntropyScorer.entropy(p, off, classes) / passCount;
			}
			int best = 0;
			double h = 0;
			for (int c = 0; c < classes; c++) {
				m[c] /= passCount;
				mean[off + c] = (float) m[c];
				if (m[c] > m[best]) {
					best = c;
				}
				if (m[c] > 0) {
					h -= m[c] * Math.log(m[c]);
				}
			}
			double var = 0;
			for (float[] p : passes) {
				double r = p[off + best] - m[best];
				var += r * r / passCount;
			}
			predicted[i] = best;
			std[i] = Math.sqrt(var);
			entropy[i] = h;
			mi[i] = Math.max(0, h - expected);
		}
		return new Uncertainty(n, classes, mean, predicted, std, entropy, mi);
	}

	/** Mean probability of class c for object i. */
	public float probability(int i, int c) {
		return meanProbabilities[i * classes + c];
	}
}
