package org.astrobridge.robust;

import java.util.List;

/**
 * Outcome of a one-pixel attack on one stamp.
 *
 * @param success true when the true-class probability fell below the success threshold
 * @param changes the pixels of the best candidate (FITS column, FITS row, new value per band)
 * @param perturbed the stamp with the best candidate applied (a new array)
 * @param cleanProbability true-class probability of the unmodified stamp
 * @param probability true-class probability of {@code perturbed}
 * @param evaluations stamps scored by the model, the clean one included
 * @param generations DE generations run after the initial population
 */
public record AttackResult(boolean success, List<PixelChange> changes, float[] perturbed, double cleanProbability, double probability,
		long evaluations, int generations) {

	/** One changed pixel: 0-based FITS column and row, and the values written into each band. */
	public record PixelChange(int column, int row, float[] values) {}
}
