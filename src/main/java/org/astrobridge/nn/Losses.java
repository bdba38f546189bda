package org.astrobridge.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Graph pieces for the training objectives. */
public final class Losses {

	/** DeepMerge II's Gaussian kernel bandwidths (used as 2*sigma in exp(-d^2 / (2*sigma))). */
	public static final double[] DEEPMERGE_BANDWIDTHS = { 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 5, 10, 15, 20, 25, 30, 35,
		100, 1e3, 1e4, 1e5, 1e6 };
	/** Multiples of the median squared distance used by the median heuristic. */
	public static final double[] MEDIAN_FACTORS = { 0.125, 0.25, 0.5, 1, 2, 4, 8 };

	private Losses() {}

	/**
	 * Gradient reversal without a custom gradient: y = stopGradient((1 + lambda) x) - lambda x is x in the forward pass
	 * and passes -lambda times the incoming gradient backwards.
	 */
	public static Operand<TFloat32> gradientReversal(Ops tf, Operand<TFloat32> x, Operand<TFloat32> lambda) {
		Operand<TFloat32> onePlus = tf.math.add(tf.constant(1f), lambda);
		return tf.math.sub(tf.stopGradient(tf.math.mul(x, onePlus)), tf.math.mul(x, lambda));
	}

	/**
	 * Squared multi-kernel MMD between the first and second halves of z ([2n, d]; source then target): mean K(s,s) + mean
	 * K(t,t) - 2 mean K(s,t), with K a sum of Gaussian kernels. With {@code median} the bandwidths are
	 * {@link #MEDIAN_FACTORS} times the median pairwise squared distance of the batch (not differentiated); otherwise
	 * {@code bandwidths}.
	 * <p>
	 * The kernels are one [2n, 2n, k] tensor summed over its last axis, not k tensors added with AddN: TensorFlow's CPU
	 * AddN accumulates into whichever input buffer it may reuse at run time, so the order of its float additions (and of
	 * the gradient AddN that collects the k paths back into the distances) changed from run to run, and two runs with the
	 * same seed gave different weights. A reduction over an axis adds in a fixed order.
	 */
	public static Operand<TFloat32> mmd(Ops tf, Operand<TFloat32> z, int n, double[] bandwidths, boolean median) {
		Operand<TFloat32> sq = tf.sum(tf.math.square(z), tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true));
		Operand<TFloat32> gram = tf.linalg.matMul(z, z, org.tensorflow.op.linalg.MatMul.transposeB(true));
		Operand<TFloat32> d2 = tf.nn.relu(tf.math.sub(tf.math.add(sq, tf.reshape(sq, tf.constant(new int[] { 1, -1 }))),
			tf.math.mul(gram, tf.constant(2f))));
		Operand<TFloat32> d2k = tf.expandDims(d2, tf.constant(2));
		Operand<TFloat32> exponents;
		if (median) {
			int m = 2 * n;
			Operand<TFloat32> flat = tf.reshape(d2, tf.constant(new int[] { m * m }));
			Operand<TFloat32> top = tf.nn.topK(flat, tf.constant(m * m / 2 + 1), new org.tensorflow.op.nn.TopK.Options[0])
				.values();
			// stop the gradient after TopK, which has none registered
			Operand<TFloat32> med = tf.stopGradient(tf.math.maximum(tf.slice(top, tf.constant(new int[] { m * m / 2 }), tf
				.constant(new int[] { 1 })), tf.constant(1e-6f)));
			float[] negFactors = new float[MEDIAN_FACTORS.length];
			for (int i = 0; i < negFactors.length; i++)
				negFactors[i] = (float) -MEDIAN_FACTORS[i];
			exponents = tf.math.div(d2k, tf.math.mul(med, tf.constant(negFactors)));
		}
		else {
			float[] scales = new float[bandwidths.length];
			for (int i = 0; i < scales.length; i++)
				scales[i] = (float) (-1 / (2 * bandwidths[i]));
			exponents = tf.math.mul(d2k, tf.constant(scales));
		}
		Operand<TFloat32> k = tf.sum(tf.math.exp(exponents), tf.constant(2));
		return tf.nn.relu(tf.sum(tf.math.mul(k, tf.constant(mmdWeights(n))), tf.constant(new int[] { 0, 1 })));
	}

	/**
	 * Deep CORAL (Sun and Saenko 2016): ||C_s - C_t||_F^2 / (4 d^2) between the covariances of the first n rows (source)
	 * and the next n rows (target) of z [2n, d], each with the unbiased 1/(n - 1).
	 */
	public static Operand<TFloat32> coral(Ops tf, Operand<TFloat32> z, int n, int d) {
		java.util.List<Operand<TFloat32>> halves = new java.util.ArrayList<>();
		tf.split(tf.constant(0), z, 2L).forEach(halves::add);
		Operand<TFloat32> diff = tf.math.sub(covariance(tf, halves.get(0), n), covariance(tf, halves.get(1), n));
		return tf.math.div(tf.sum(tf.math.square(diff), tf.constant(new int[] { 0, 1 })), tf.constant(4f * d * d));
	}

	private static Operand<TFloat32> covariance(Ops tf, Operand<TFloat32> x, int n) {
		Operand<TFloat32> centred = tf.math.sub(x, tf.math.mean(x, tf.constant(0), org.tensorflow.op.math.Mean.keepDims(
			true)));
		Operand<TFloat32> gram = tf.linalg.matMul(centred, centred, org.tensorflow.op.linalg.MatMul.transposeA(true));
		return tf.math.div(gram, tf.constant((float) Math.max(1, n - 1)));
	}

	/**
	 * Mean over the rows of mask * cross-entropy(logits, one-hot argmax), mask = 1 where the largest softmax probability
	 * reaches the threshold; the targets and mask carry no gradient.
	 */
	public static Operand<TFloat32> pseudoLabelCrossEntropy(Ops tf, Operand<TFloat32> logits, double threshold) {
		Operand<TFloat32> p = tf.stopGradient(tf.nn.softmax(logits));
		Operand<TFloat32> confidence = tf.max(p, tf.constant(1));
		Operand<TFloat32> mask = tf.dtypes.cast(tf.math.greaterEqual(confidence, tf.constant((float) threshold)),
			TFloat32.class);
		Operand<TFloat32> best = tf.dtypes.cast(tf.math.equal(p, tf.max(p, tf.constant(1), org.tensorflow.op.core.Max
			.keepDims(true))), TFloat32.class);
		Operand<TFloat32> ce = tf.nn.softmaxCrossEntropyWithLogits(logits, best).loss();
		return tf.math.mean(tf.math.mul(ce, mask), tf.constant(0));
	}

	/** Weights that turn a sum over the [2n, 2n] kernel matrix into the MMD estimate. */
	private static float[][] mmdWeights(int n) {
		float[][] w = new float[2 * n][2 * n];
		float v = 1f / ((float) n * n);
		for (int i = 0; i < 2 * n; i++)
			for (int j = 0; j < 2 * n; j++)
				w[i][j] = (i < n) == (j < n) ? v : -v;
		return w;
	}

	/** Mean Shannon entropy (nats) of the softmax of the logits. */
	public static Operand<TFloat32> entropy(Ops tf, Operand<TFloat32> logits) {
		Operand<TFloat32> logp = tf.nn.logSoftmax(logits);
		Operand<TFloat32> p = tf.math.exp(logp);
		return tf.math.neg(tf.math.mean(tf.sum(tf.math.mul(p, logp), tf.constant(1)), tf.constant(0)));
	}

	/** Cross-entropy with one-hot targets, weighted per example by {@code weights} (which sum to 1). */
	public static Operand<TFloat32> weightedCrossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHot,
		Operand<TFloat32> weights)
	{
		Operand<TFloat32> per = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
		return tf.sum(tf.math.mul(per, weights), tf.constant(0));
	}
}
