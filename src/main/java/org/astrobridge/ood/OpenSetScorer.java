package org.astrobridge.ood;

import java.util.stream.IntStream;

/**
 * Known classes against an "unknown" class learnt from unlabelled target data. Domain adaptation trains on unlabelled
 * target stamps, and there the objects of no known class sit in the tail of the known-class likelihood. The scorer fits
 * one more Gaussian to that tail: the share {@code unknownShare} of target latents least likely under every known
 * class, then, {@link #ITERATIONS} times, the share most likely under the new Gaussian relative to the known ones. The
 * score is the log-likelihood ratio {@code min_c d_c(z) - d_unknown(z)} (each d a class-conditional Gaussian negative
 * log-likelihood, times 2, from {@link MahalanobisScorer} with per-class covariances): large where the unlabelled
 * target has objects the known classes do not explain. It can be negative.
 */
public final class OpenSetScorer {

	/** Share of the target set taken as the unknown class's examples. */
	public static final double DEFAULT_UNKNOWN_SHARE = 0.1;
	static final int ITERATIONS = 3;
	/** Fewest target rows for the unknown class's covariance. */
	public static final int MIN_UNKNOWN_ROWS = 10;

	private final MahalanobisScorer withUnknown;
	private final int unknownRows;

	private OpenSetScorer(MahalanobisScorer withUnknown, int unknownRows) {
		this.withUnknown = withUnknown;
		this.unknownRows = unknownRows;
	}

	/**
	 * @param known a scorer with per-class covariances of the known classes
	 * @param target unlabelled target latents, row-major [n * dim]
	 */
	public static OpenSetScorer fit(MahalanobisScorer known, float[] target, double unknownShare) {
		int dim = known.dim();
		int n = target.length / dim;
		int take = (int) Math.round(unknownShare * n);
		if (!(unknownShare > 0 && unknownShare < 1) || take < MIN_UNKNOWN_ROWS) {
			throw new IllegalArgumentException("the open-set score needs a share in (0, 1) of at least " + MIN_UNKNOWN_ROWS +
				" target latents; got " + unknownShare + " of " + n);
		}
		double[] tail = known.scores(target);
		MahalanobisScorer u = null;
		for (int it = 0; it < ITERATIONS; it++) {
			u = known.withClassFrom(rows(target, dim, top(tail, take)));
			tail = ratios(u, target);
		}
		return new OpenSetScorer(u, take);
	}

	/** Indices of the {@code take} largest values, ties by index (deterministic). */
	private static int[] top(double[] v, int take) {
		return IntStream.range(0, v.length).boxed().sorted((a, b) -> v[a] != v[b] ? Double.compare(v[b], v[a]) : Integer
			.compare(a, b)).limit(take).mapToInt(Integer::intValue).toArray();
	}

	private static float[] rows(float[] all, int dim, int[] index) {
		float[] out = new float[index.length * dim];
		for (int r = 0; r < index.length; r++) {
			System.arraycopy(all, index[r] * dim, out, r * dim, dim);
		}
		return out;
	}

	private static double[] ratios(MahalanobisScorer u, float[] latents) {
		int dim = u.dim();
		return IntStream.range(0, latents.length / dim).parallel().mapToDouble(r -> {
			double[] d = u.distances(latents, r * dim);
			double known = Double.POSITIVE_INFINITY;
			for (int c = 0; c < d.length - 1; c++) {
				if (d[c] < known) {
					known = d[c];
				}
			}
			return known - d[d.length - 1];
		}).toArray();
	}

	/** Scores of every row of a row-major [n * dim] array: large = more like the target's unknown objects. */
	public double[] scores(float[] latents) {
		if (latents.length % withUnknown.dim() != 0) {
			throw new IllegalArgumentException("latent array of " + latents.length +
				" values is not a multiple of the dimension " + withUnknown.dim());
		}
		return ratios(withUnknown, latents);
	}

	/** Target latents the unknown class was fitted to. */
	public int unknownRows() {
		return unknownRows;
	}
}
