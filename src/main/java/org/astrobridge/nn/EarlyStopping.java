package org.astrobridge.nn;

/**
 * The source-validation criterion that picks the kept weights and stops training: val-loss (lower mean log loss) or
 * val-acc (higher accuracy, ties broken by lower log loss); stops after {@code patience} epochs without improvement (0
 * = never).
 */
final class EarlyStopping {

	private final boolean byAccuracy;
	private final int patience;
	private double bestLoss = Double.POSITIVE_INFINITY, bestAccuracy = -1;
	private int bestEpoch, sinceBest;

	EarlyStopping(String criterion, int patience) {
		this.byAccuracy = criterion.equals("val-acc");
		this.patience = patience;
	}

	/** Records an epoch's validation result; true when it is the best so far (keep its weights). */
	boolean improved(int epoch, Evaluation validation) {
		double acc = validation.accuracy(), loss = validation.meanLogLoss();
		boolean better = byAccuracy ? acc > bestAccuracy || (acc == bestAccuracy && loss < bestLoss) : loss < bestLoss;
		if (better) {
			bestLoss = loss;
			bestAccuracy = acc;
			bestEpoch = epoch;
			sinceBest = 0;
		}
		else {
			sinceBest++;
		}
		return better;
	}

	/** Whether to stop after {@code epoch} of {@code epochs}. */
	boolean shouldStop(int epoch, int epochs) {
		return patience > 0 && sinceBest >= patience && epoch < epochs;
	}

	int bestEpoch() {
		return bestEpoch;
	}
}
