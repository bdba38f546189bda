package org.astrobridge.ood;

/**
 * Expected calibration error (Guo et al. 2017) and the reliability diagram behind it. The confidence of an object is
 * its highest class probability; objects fall into B equal-width bins ((b-1)/B, b/B] (a confidence of exactly 0 goes
 * into the first bin); ECE = sum_b (n_b / N) |accuracy_b - meanConfidence_b|. Empty bins have NaN accuracy and mean
 * confidence and do not contribute. {@code maxError} is the largest bin gap (maximum calibration error).
 */
public record Calibration(int bins, int count, double ece, double maxError, int[] binCounts, double[] meanConfidence,
		double[] accuracy) {

	public static final int DEFAULT_BINS = 15;

	/** With 15 bins. */
	public static Calibration of(float[] probabilities, int classes, int[] labels) {
		return of(probabilities, classes, labels, DEFAULT_BINS);
	}

	/**
	 * @param probabilities row-major [n * classes]
	 * @param labels        true class of each object; objects with a negative label are ignored
	 */
	public static Calibration of(float[] probabilities, int classes, int[] labels, int bins) {
		if (bins < 1 || classes < 1) {
			throw new IllegalArgumentException("bins and classes must be positive: " + bins + ", " + classes);
		}
		if (probabilities.length != (long) labels.length * classes) {
			throw new IllegalArgumentException(probabilities.length + " probabilities for " + labels.length
					+ " labels and " + classes + " classes");
		}
		int[] counts = new int[bins];
		double[] conf = new double[bins];
		double[] correct = new double[bins];
		int total = 0;
		for (int i = 0; i < labels.length; i++) {
			if (labels[i] < 0) {
				continue;
			}
			int off = i * classes;
			int best = 0;
			for (int c = 1; c < classes; c++) {
				if (probabilities[off + c] > probabilities[off + best]) {
					best = c;
				}
			}
			double p = probabilities[off + best];
			int b = Math.min(bins - 1, Math.max(0, (int) Math.ceil(p * bins) - 1));
			counts[b]++;
			conf[b] += p;
			correct[b] += best == labels[i] ? 1 : 0;
			total++;
		}
		if (total == 0) {
			throw new IllegalArgumentException("no labelled objects to compute the calibration error on");
		}
		double ece = 0;
		double mce = 0;
		double[] acc = new double[bins];
		for (int b = 0; b < bins; b++) {
			if (counts[b] == 0) {
				conf[b] = Double.NaN;
				acc[b] = Double.NaN;
				continue;
			}
			conf[b] /= counts[b];
			acc[b] = correct[b] / counts[b];
			double gap = Math.abs(acc[b] - conf[b]);
			ece += gap * counts[b] / total;
			mce = Math.max(mce, gap);
		}
		return new Calibration(bins, total, ece, mce, counts, conf, acc);
	}

	/** Lower edge of bin b. */
	public double binLower(int b) {
		return (double) b / bins;
	}

	/** Upper edge of bin b. */
	public double binUpper(int b) {
		return (double) (b + 1) / bins;
	}
}
