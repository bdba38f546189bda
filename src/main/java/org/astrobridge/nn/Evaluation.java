package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics of predicted probabilities against true labels (stamps labelled -1 are skipped):
 * accuracy, per-class precision and recall, confusion matrix (rows = true class, columns = predicted),
 * Brier score (mean over stamps of the squared error summed over classes), expected calibration error
 * (10 equal-width confidence bins) and, for two classes, ROC AUC of class 1 (ties count one half).
 */
public record Evaluation(int count, int classes, double accuracy, double[] precision, double[] recall, long[][] confusion,
		double brier, double ece, double rocAuc, double meanLogLoss) {

	public static Evaluation of(int[] labels, Prediction p) {
		return of(labels, p.probabilities(), p.classes());
	}

	public static Evaluation of(int[] labels, float[] probabilities, int classes) {
		if (labels == null) throw new IllegalArgumentException("no labels to evaluate against");
		if (probabilities.length != (long) labels.length * classes)
			throw new IllegalArgumentException(labels.length + " labels but " + probabilities.length / Math.max(1, classes) + " predictions");
		long[][] confusion = new long[classes][classes];
		int n = 0, correct = 0;
		double brier = 0, logLoss = 0;
		int bins = 10;
		double[] binConf = new double[bins], binAcc = new double[bins];
		int[] binCount = new int[bins];
		List<double[]> scored = new ArrayList<>();
		for (int k = 0; k < labels.length; k++) {
			int y = labels[k];
			if (y < 0) continue;
			if (y >= classes) throw new IllegalArgumentException("label " + y + " of stamp " + k + " is not one of the model's " + classes + " classes");
			int pred = 0;
			for (int c = 1; c < classes; c++) if (probabilities[k * classes + c] > probabilities[k * classes + pred]) pred = c;
			confusion[y][pred]++;
			n++;
			if (pred == y) correct++;
			for (int c = 0; c < classes; c++) {
				double d = probabilities[k * classes + c] - (c == y ? 1 : 0);
				brier += d * d;
			}
			logLoss -= Math.log(Math.max(1e-12, probabilities[k * classes + y]));
			double conf = probabilities[k * classes + pred];
			int bin = Math.min(bins - 1, (int) (conf * bins));
			binConf[bin] += conf;
			binAcc[bin] += pred == y ? 1 : 0;
			binCount[bin]++;
			if (classes == 2) scored.add(new double[] {probabilities[k * classes + 1], y});
		}
		if (n == 0) throw new IllegalArgumentException("no labelled stamps to evaluate");
		double[] precision = new double[classes], recall = new double[classes];
		for (int c = 0; c < classes; c++) {
			long tp = confusion[c][c], predicted = 0, actual = 0;
			for (int r = 0; r < classes; r++) { predicted += confusion[r][c]; actual += confusion[c][r]; }
			precision[c] = predicted == 0 ? Double.NaN : (double) tp / predicted;
			recall[c] = actual == 0 ? Double.NaN : (double) tp / actual;
		}
		double ece = 0;
		for (int b = 0; b < bins; b++) if (binCount[b] > 0) ece += Math.abs(binAcc[b] - binConf[b]) / n;
		return new Evaluation(n, classes, (double) correct / n, precision, recall, confusion, brier / n, ece,
				classes == 2 ? auc(scored) : Double.NaN, logLoss / n);
	}

	/** Mann-Whitney estimate of the area under the ROC curve, with tied scores shared. */
	private static double auc(List<double[]> scored) {
		scored.sort((a, b) -> Double.compare(a[0], b[0]));
		long pos = 0, neg = 0;
		double rankSum = 0;
		int i = 0;
		while (i < scored.size()) {
			int j = i;
			while (j < scored.size() && scored.get(j)[0] == scored.get(i)[0]) j++;
			double rank = (i + 1 + j) / 2.0;
			for (int k = i; k < j; k++) if (scored.get(k)[1] == 1) { rankSum += rank; pos++; } else neg++;
			i = j;
		}
		if (pos == 0 || neg == 0) return Double.NaN;
		return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
	}

	/** The metrics as a map of plain values (for model.json and tables). */
	public Map<String, Object> toMap(String[] classNames) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("count", count);
		m.put("accuracy", accuracy);
		Map<String, Object> pc = new LinkedHashMap<>();
		for (int c = 0; c < classes; c++) {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("precision", precision[c]);
			e.put("recall", recall[c]);
			pc.put(classNames != null && c < classNames.length ? classNames[c] : String.valueOf(c), e);
		}
		m.put("perClass", pc);
		List<Object> rows = new ArrayList<>();
		for (long[] r : confusion) rows.add(Arrays.stream(r).boxed().toList());
		m.put("confusion", rows);
		m.put("brier", brier);
		m.put("ece", ece);
		m.put("rocAuc", rocAuc);
		m.put("logLoss", meanLogLoss);
		return m;
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "n=%d accuracy=%.4f brier=%.4f ece=%.4f auc=%.4f", count, accuracy, brier, ece, rocAuc);
	}
}
