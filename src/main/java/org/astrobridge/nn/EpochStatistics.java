package org.astrobridge.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running means of one epoch's steps: total loss, each loss term by name, source and per-term row accuracies. */
final class EpochStatistics {

	private final Map<String, Double> termSums = new LinkedHashMap<>();
	private final Map<String, long[]> termAccuracy = new LinkedHashMap<>();
	private double lossSum;
	private long steps, sourceCorrect, sourceSeen;

	/** Adds one step: its total loss, each term's value (in the order of {@code terms}) and the source logits. */
	void addStep(double loss, List<LossTerm> terms, double[] termValues, float[] sourceLogits, int[] batchLabels,
		int classes)
	{
		steps++;
		lossSum += loss;
		for (int i = 0; i < terms.size(); i++)
			termSums.merge(terms.get(i).name(), termValues[i], Double::sum);
		sourceCorrect += correct(sourceLogits, batchLabels, classes);
		sourceSeen += batchLabels.length;
	}

	/** Adds one step's row predictions of a term that classifies rows. */
	void addRows(LossTerm term, float[] logits, int width) {
		long[] a = termAccuracy.computeIfAbsent(term.name(), k -> new long[2]);
		a[0] += correct(logits, term.rowClasses(), width);
		a[1] += term.rowClasses().length;
	}

	double meanLoss() {
		return lossSum / steps;
	}

	/** Mean of a term over the steps, NaN when the method has no such term. */
	double mean(String term) {
		Double s = termSums.get(term);
		return s == null ? Double.NaN : s / steps;
	}

	double sourceAccuracy() {
		return (double) sourceCorrect / sourceSeen;
	}

	/** Row accuracy of a term, NaN when it has none. */
	double accuracy(String term) {
		long[] a = termAccuracy.get(term);
		return a == null || a[1] == 0 ? Double.NaN : (double) a[0] / a[1];
	}

	private static long correct(float[] logits, int[] expected, int width) {
		long n = 0;
		for (int k = 0; k < expected.length; k++)
			if (argMax(logits, k, width) == expected[k]) n++;
		return n;
	}

	static int argMax(float[] v, int row, int width) {
		int best = 0;
		for (int c = 1; c < width; c++)
			if (v[row * width + c] > v[row * width + best]) best = c;
		return best;
	}
}
