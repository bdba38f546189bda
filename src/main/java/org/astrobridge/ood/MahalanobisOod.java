package org.astrobridge.ood;

/**
 * {@code ood=mahalanobis} (one covariance shared by the classes) and {@code ood=gaussian} (a covariance per class):
 * {@link MahalanobisScorer} with its default projection, fitted on the fitting latents.
 */
final class MahalanobisOod implements OodScorer {
	private final MahalanobisScorer scorer;
	private final int fitCount;

	private MahalanobisOod(MahalanobisScorer scorer, int fitCount) {
		this.scorer = scorer;
		this.fitCount = fitCount;
	}

	static OodScorer shared(OodFitData data) {
		return fit(data, MahalanobisScorer.Covariance.SHARED);
	}

	static OodScorer perClass(OodFitData data) {
		return fit(data, MahalanobisScorer.Covariance.PER_CLASS);
	}

	private static OodScorer fit(OodFitData data, MahalanobisScorer.Covariance covariance) {
		return new MahalanobisOod(MahalanobisScorer.fit(data.fitLatents(), data.fitLabels(), data.dim(), data.classes(),
				MahalanobisScorer.DEFAULT_PROJECT_ABOVE, MahalanobisScorer.DEFAULT_COMPONENTS, covariance), data.fitCount());
	}

	@Override
	public double[] scores(float[] latents, float[] probabilities) {
		return scorer.scores(latents);
	}

	@Override
	public String describe() {
		return "fitted on " + fitCount;
	}
}
