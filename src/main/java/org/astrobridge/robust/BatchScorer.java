package org.astrobridge.robust;

/**
 * The model under attack: given a batch of whole stamps (each NHWC, the attacked stamp's shape), returns the
 * probability of the true class for each, in order. Called with a whole population at once so that a network can score
 * it in one batch. The stamps handed over are fresh arrays the scorer may keep or modify.
 */
@FunctionalInterface
public interface BatchScorer {

	double[] trueClassProbabilities(float[][] stamps);
}
