package org.astrobridge.nn;

import java.util.List;

/**
 * A part of what training minimises, built into the training graph. Each method is a list of objectives
 * ({@link Objectives#of}); the trainer sums their terms (value times weight) in list order and reports each term by
 * name, so a new method adds an implementation instead of another nullable field.
 */
interface Objective {

	/**
	 * Term names the epoch report knows: cross-entropy, domain-classifier loss, MMD, CORAL, pseudo-labels, target
	 * entropy, L2 penalty.
	 */
	String CROSS_ENTROPY = "ce", DOMAIN = "domain", MMD = "mmd", CORAL = "coral", PSEUDO_LABELS = "pseudo-labels",
			ENTROPY = "entropy", WEIGHT_DECAY = "weight-decay";

	/** Adds this objective's ops to the graph and returns its terms. */
	List<LossTerm> build(ObjectiveInputs in);

	/** Whether the gradient-reversal factor lambda takes part (then the epoch report shows it). */
	default boolean usesLambda() {
		return false;
	}
}
