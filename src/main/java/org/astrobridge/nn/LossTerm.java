package org.astrobridge.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One named term of a training objective: its unweighted value (what the epoch report shows) and its weight in
 * the total loss. A term may also classify rows of the batch (e.g. source vs target for a domain classifier):
 * then {@code rowLogits} [rows, classes] and {@code rowClasses} give its per-step accuracy; otherwise both are null.
 */
record LossTerm(String name, Operand<TFloat32> value, double weight, Operand<TFloat32> rowLogits, int[] rowClasses) {

	LossTerm(String name, Operand<TFloat32> value, double weight) {
		this(name, value, weight, null, null);
	}

	boolean hasAccuracy() {
		return rowLogits != null;
	}
}
