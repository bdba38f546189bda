package org.astrobridge.ood;

/**
 * {@code ood=open-set}: {@link OpenSetScorer} over per-class Gaussians of the fitting latents, its unknown class learnt
 * from the target latents the model keeps (only models trained with a target set keep them).
 */
final class OpenSetOod {

	private OpenSetOod() {}

	static OodScorer fit(OodFitData data) {
		float[] fit = data.fitLatents(); // a model without source latents is told so first
		int targets = data.targetCount();
		if (targets * OpenSetScorer.DEFAULT_UNKNOWN_SHARE < OpenSetScorer.MIN_UNKNOWN_ROWS) {
			throw new IllegalArgumentException("model " + data.model() + " keeps " + targets +
				" target latents; the open-set OOD" + " score needs at least " + (int) Math.ceil(
					OpenSetScorer.MIN_UNKNOWN_ROWS / OpenSetScorer.DEFAULT_UNKNOWN_SHARE) +
				" (a model trained with a target set by this version; else use ood=gaussian)");
		}
		MahalanobisScorer known = MahalanobisScorer.fit(fit, data.fitLabels(), data.dim(), data.classes(),
			MahalanobisScorer.DEFAULT_PROJECT_ABOVE, MahalanobisScorer.DEFAULT_COMPONENTS,
			MahalanobisScorer.Covariance.PER_CLASS);
		OpenSetScorer scorer = OpenSetScorer.fit(known, data.targetLatents(), OpenSetScorer.DEFAULT_UNKNOWN_SHARE);
		return LatentOod.fittedOnTarget(scorer::scores, data.fitCount(), ", unknown class from " + scorer.unknownRows() +
			" target latents");
	}
}
