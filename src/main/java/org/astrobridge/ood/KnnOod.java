package org.astrobridge.ood;

/** {@code ood=knn}: {@link KnnScorer} on unit-length fitting latents, k = min(10, fitting latents). */
final class KnnOod {

	private KnnOod() {}

	static OodScorer fit(OodFitData data) {
		KnnScorer scorer = KnnScorer.fit(data.fitLatents(), data.dim(), Math.min(KnnScorer.DEFAULT_K, data.fitCount()),
			true);
		return LatentOod.fittedOn(scorer::scores, data.fitCount(), "");
	}
}
