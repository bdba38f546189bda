package org.astrobridge.ood;

import java.util.stream.IntStream;

/**
 * Out-of-distribution score from the k-th nearest training latent (Sun et al. 2022): the Euclidean distance from z to
 * its k-th nearest neighbour among the fitting latents, by default after scaling every vector to unit length (which
 * makes the score depend on direction only, as the paper recommends). Brute force in float with a bounded max-heap, so
 * O(n d) per query. Scoring a vector that is itself in the training set finds it at distance 0; calibrate thresholds on
 * held-out data.
 */
public final class KnnScorer {

	public static final int DEFAULT_K = 10;

	private final int dim;
	private final int k;
	private final boolean normalise;
	private final float[] train;
	private final int n;

	private KnnScorer(int dim, int k, boolean normalise, float[] train) {
		this.dim = dim;
		this.k = k;
		this.normalise = normalise;
		this.train = train;
		this.n = train.length / dim;
	}

	/** k = 10 with unit-length normalisation. */
	public static KnnScorer fit(float[] latents, int dim) {
		return fit(latents, dim, DEFAULT_K, true);
	}

	/**
	 * @param latents row-major [n * dim] training (in-distribution) latents; copied
	 * @param k which neighbour; clamped to n
	 * @param normalise scale every vector (training and query) to unit Euclidean length
	 */
	public static KnnScorer fit(float[] latents, int dim, int k, boolean normalise) {
		if (dim < 1 || k < 1) {
			throw new IllegalArgumentException("dimension and k must be positive: " + dim + ", " + k);
		}
		if (latents.length == 0 || latents.length % dim != 0) {
			throw new IllegalArgumentException("training latents hold " + latents.length + " values, not a positive " +
				"multiple of the dimension " + dim);
		}
		float[] t = latents.clone();
		if (normalise) {
			for (int off = 0; off < t.length; off += dim) {
				normalise(t, off, dim);
			}
		}
		return new KnnScorer(dim, Math.min(k, t.length / dim), normalise, t);
	}

	private static void normalise(float[] v, int off, int dim) {
		double s = 0;
		for (int i = 0; i < dim; i++) {
			s += (double) v[off + i] * v[off + i];
		}
		if (s > 0) {
			float inv = (float) (1 / Math.sqrt(s));
			for (int i = 0; i < dim; i++) {
				v[off + i] *= inv;
			}
		}
	}

	/** Distance to the k-th nearest training latent. */
	public double score(float[] z) {
		if (z.length != dim) {
			throw new IllegalArgumentException("latent vector has " + z.length + " values, expected " + dim);
		}
		return score(z, 0);
	}

	/** Scores of every row of a row-major [m * dim] array. */
	public double[] scores(float[] latents) {
		if (latents.length % dim != 0) {
			throw new IllegalArgumentException("latent array of " + latents.length + " values is not a multiple of " +
				"the dimension " + dim);
		}
		return IntStream.range(0, latents.length / dim).parallel().mapToDouble(r -> score(latents, r * dim)).toArray();
	}

	private double score(float[] latents, int off) {
		float[] q = new float[dim];
		System.arraycopy(latents, off, q, 0, dim);
		if (normalise) {
			normalise(q, 0, dim);
		}
		// Max-heap of the k smallest squared distances seen so far: a partial sort.
		float[] heap = new float[k];
		int size = 0;
		for (int r = 0; r < n; r++) {
			int base = r * dim;
			float s = 0;
			for (int i = 0; i < dim; i++) {
				float t = q[i] - train[base + i];
				s += t * t;
			}
			if (size < k) {
				heap[size] = s;
				siftUp(heap, size++);
			}
			else if (s < heap[0]) {
				heap[0] = s;
				siftDown(heap, k);
			}
		}
		return Math.sqrt(heap[0]);
	}

	private static void siftUp(float[] h, int i) {
		while (i > 0) {
			int parent = (i - 1) / 2;
			if (h[parent] >= h[i]) {
				return;
			}
			float t = h[parent];
			h[parent] = h[i];
			h[i] = t;
			i = parent;
		}
	}

	private static void siftDown(float[] h, int size) {
		int i = 0;
		while (true) {
			int l = 2 * i + 1;
			int big = i;
			if (l < size && h[l] > h[big]) {
				big = l;
			}
			if (l + 1 < size && h[l + 1] > h[big]) {
				big = l + 1;
			}
			if (big == i) {
				return;
			}
			float t = h[big];
			h[big] = h[i];
			h[i] = t;
			i = big;
		}
	}

	public int dim() {
		return dim;
	}

	/** The neighbour rank actually used (k clamped to the training size). */
	public int k() {
		return k;
	}

	public boolean normalised() {
		return normalise;
	}
}
