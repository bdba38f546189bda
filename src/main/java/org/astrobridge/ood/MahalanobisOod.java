package org.astrobridge.ood;

/**
 * {@code ood=mahalanobis} (one covariance shared by the classes) and {@code ood=gaussian} (a covariance per class):
 * {@link MahalanobisScorer} with its default projection, fitted on the fitting latents.
 */
final class MahalanobisOod {

	private MahalanobisOod() {}

	static OodScorer shared(OodFitData data) {
		return fit(data, MahalanobisScorer.Covariance.SHARED);
	}

	static OodScorer perClass(OodFitData data) {
		return fit(data, MahalanobisScorer.Covariance.PER_CLASS);
	}

	private static OodScorer fit(OodFitData data, MahalanobisScorer.Covariance covariance) {
		MahalanobisScorer scorer = MahalanobisScorer.fit(data.fitLatents(), data.fitLabels(), data.dim(), data.classes(),
			MahalanobisScorer.DEFAULT_PROJECT_ABOVE, MahalanobisScorer.DEFAULT_COMPONENTS, covariance);
		return LatentOod.fittedOn(scorer::scores, data.fitCount(), "");
	}
}
