package org.astrobridge.ood;

/** {@code ood=knn}: {@link KnnScorer} on unit-length fitting latents, k = min(10, fitting latents). */
final class KnnOod implements OodScorer {
	private final KnnScorer scorer;
	private final int fitCount;

	private KnnOod(KnnScorer scorer, int fitCount) {
		this.scorer = scorer;
		this.fitCount = fitCount;
	}

	static OodScorer fit(OodFitData data) {
		return new KnnOod(KnnScorer.fit(data.fitLatents(), data.dim(), Math.min(KnnScorer.DEFAULT_K, data.fitCount()), true),
				data.fitCount());
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
