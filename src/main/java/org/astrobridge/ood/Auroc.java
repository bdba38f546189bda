package org.astrobridge.ood;

import java.util.Arrays;

/**
 * Area under the ROC curve of a score meant to be higher for positives (OOD objects) than for negatives (known ones):
 * the Mann-Whitney statistic U / (n_pos n_neg) with average ranks for ties, i.e. the probability that a random positive
 * scores above a random negative, ties counting one half.
 */
public final class Auroc {

	private Auroc() {}

	public static double of(double[] scores, boolean[] positive) {
		if (scores.length != positive.length) {
			throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
		}
		int n = scores.length;
		long pos = 0;
		for (int i = 0; i < n; i++) {
			if (Double.isNaN(scores[i])) {
				throw new IllegalArgumentException("score " + i + " is NaN");
			}
			if (positive[i]) {
				pos++;
			}
		}
		long neg = n - pos;
		if (pos == 0 || neg == 0) {
			throw new IllegalArgumentException("AUROC needs both positives and negatives, got " + pos + " and " + neg);
		}
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
		double rankSum = 0;
		for (int i = 0; i < n;) {
			int j = i;
			while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
				j++;
			}
			double rank = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) {
				if (positive[order[k]]) {
					rankSum += rank;
				}
			}
			i = j + 1;
		}
		double u = rankSum - pos * (pos + 1) / 2.0;
		return u / ((double) pos * neg);
	}
}
