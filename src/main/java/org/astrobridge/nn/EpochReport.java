package org.astrobridge.nn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress after one epoch. Loss terms are means over the epoch's steps (NaN when the method has no such
 * term); accuracies are fractions; {@code targetAccuracy} is NaN unless target labels exist, and is reported only.
 */
public record EpochReport(int epoch, int epochs, double loss, double crossEntropy, double domainLoss, double mmd, double coral,
		double pseudoLabels, double entropy,
		double sourceAccuracy, double validationLoss, double validationAccuracy, double domainAccuracy, double targetAccuracy,
		double lambda, double learningRate, double seconds, boolean best) {

	/** One line for logs, e.g. "epoch 3/30 loss 0.512 ce 0.45 ... val acc 0.81 *". */
	public String line() {
		StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d loss %.4f ce %.4f", epoch, epochs, loss, crossEntropy));
		if (!Double.isNaN(domainLoss)) s.append(String.format(Locale.ROOT, " domain %.4f dom-acc %.3f lambda %.3f", domainLoss, domainAccuracy, lambda));
		if (!Double.isNaN(mmd)) s.append(String.format(Locale.ROOT, " mmd %.4f", mmd));
		if (!Double.isNaN(coral)) s.append(String.format(Locale.ROOT, " coral %.4f", coral));
		if (!Double.isNaN(pseudoLabels)) s.append(String.format(Locale.ROOT, " pseudo %.4f", pseudoLabels));
		if (!Double.isNaN(entropy)) s.append(String.format(Locale.ROOT, " entropy %.4f", entropy));
		s.append(String.format(Locale.ROOT, " src-acc %.3f val-loss %.4f val-acc %.3f", sourceAccuracy, validationLoss, validationAccuracy));
		if (!Double.isNaN(targetAccuracy)) s.append(String.format(Locale.ROOT, " target-acc %.3f", targetAccuracy));
		s.append(String.format(Locale.ROOT, " lr %.2e %.1fs%s", learningRate, seconds, best ? " *" : ""));
		return s.toString();
	}

	public Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("epoch", epoch);
		m.put("loss", loss);
		m.put("crossEntropy", crossEntropy);
		m.put("domainLoss", domainLoss);
		m.put("mmd", mmd);
		m.put("coral", coral);
		m.put("pseudoLabels", pseudoLabels);
		m.put("entropy", entropy);
		m.put("sourceAccuracy", sourceAccuracy);
		m.put("validationLoss", validationLoss);
		m.put("validationAccuracy", validationAccuracy);
		m.put("domainAccuracy", domainAccuracy);
		m.put("targetAccuracy", targetAccuracy);
		m.put("lambda", lambda);
		m.put("learningRate", learningRate);
		m.put("seconds", seconds);
		m.put("best", best);
		return m;
	}
}
