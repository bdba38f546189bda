package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Builds layers into a graph for one forward path. Two paths (training and inference) built over the same
 * {@link Params} share their variables. Batch norm normalises with batch moments on the training path,
 * which also yields the moving-average updates, and with the moving averages on the inference path.
 * Dropout draws its mask with a stateless generator from a seed fed each step, so runs are reproducible.
 */
public final class LayerBuilder {

	static final float BN_MOMENTUM = 0.9f;
	static final float BN_EPSILON = 1e-5f;

	final Ops tf;
	final Params params;
	final boolean training;
	private final Operand<TFloat32> dropoutRate;
	private final Operand<TInt64> dropoutSeed;
	private final List<Op> updates = new ArrayList<>();
	private int dropoutLayers;

	LayerBuilder(Ops tf, Params params, boolean training, Operand<TFloat32> dropoutRate, Operand<TInt64> dropoutSeed) {
		this.tf = tf;
		this.params = params;
		this.training = training;
		this.dropoutRate = dropoutRate;
		this.dropoutSeed = dropoutSeed;
	}

	/** Moving-statistics updates collected on the training path; run them with each training step. */
	List<Op> updates() {
		return updates;
	}

	Operand<TFloat32> conv(String name, Operand<TFloat32> x, int in, int out, int k, boolean bias) {
		Variable<TFloat32> w = params.get(name + "/kernel", Params.Init.HE, Params.Kind.TRAINABLE, k, k, in, out);
		Operand<TFloat32> y = tf.nn.conv2d(x, w, Arrays.asList(1L, 1L, 1L, 1L), "SAME");
		if (!bias) return y;
		return tf.nn.biasAdd(y, params.get(name + "/bias", Params.Init.ZEROS, Params.Kind.TRAINABLE, out));
	}

	Operand<TFloat32> batchNorm(String name, Operand<TFloat32> x, int channels) {
		Variable<TFloat32> gamma = params.get(name + "/gamma", Params.Init.ONES, Params.Kind.TRAINABLE, channels);
		Variable<TFloat32> beta = params.get(name + "/beta", Params.Init.ZEROS, Params.Kind.TRAINABLE, channels);
		Variable<TFloat32> movingMean = params.get(name + "/moving_mean", Params.Init.ZEROS, Params.Kind.STATISTIC, channels);
		Variable<TFloat32> movingVar = params.get(name + "/moving_variance", Params.Init.ONES, Params.Kind.STATISTIC, channels);
		Operand<TInt32> axes = tf.constant(new int[] {0, 1, 2});
		if (training) {
			Operand<TFloat32> mean = tf.math.mean(x, axes);
			Operand<TFloat32> var = tf.math.mean(tf.math.squaredDifference(x, mean), axes);
			Operand<TFloat32> keep = tf.constant(BN_MOMENTUM), take = tf.constant(1 - BN_MOMENTUM);
			updates.add(tf.assign(movingMean, tf.math.add(tf.math.mul(movingMean, keep), tf.math.mul(tf.stopGradient(mean), take))));
			updates.add(tf.assign(movingVar, tf.math.add(tf.math.mul(movingVar, keep), tf.math.mul(tf.stopGradient(var), take))));
			Operand<TFloat32> scale = tf.math.mul(gamma, tf.math.rsqrt(tf.math.add(var, tf.constant(BN_EPSILON))));
			return tf.math.add(tf.math.mul(tf.math.sub(x, mean), scale), beta);
		}
		Operand<TFloat32> scale = tf.math.mul(gamma, tf.math.rsqrt(tf.math.add(movingVar, tf.constant(BN_EPSILON))));
		return tf.math.add(tf.math.mul(x, scale), tf.math.sub(beta, tf.math.mul(movingMean, scale)));
	}

	Operand<TFloat32> relu(Operand<TFloat32> x) {
		return tf.nn.relu(x);
	}

	Operand<TFloat32> maxPool2(Operand<TFloat32> x) {
		return tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
	}

	Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out, Params.Init init) {
		Variable<TFloat32> w = params.get(name + "/kernel", init, Params.Kind.TRAINABLE, in, out);
		Variable<TFloat32> b = params.get(name + "/bias", Params.Init.ZEROS, Params.Kind.TRAINABLE, out);
		return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
	}

	Operand<TFloat32> flatten(Operand<TFloat32> x, int size) {
		return tf.reshape(x, tf.constant(new int[] {-1, size}));
	}

	/** Inverted dropout with the rate fed at run time (0 switches it off), or a fixed rate when given. */
	Operand<TFloat32> dropout(Operand<TFloat32> x, Operand<TFloat32> rate) {
		int index = ++dropoutLayers;
		Operand<TInt64> seed = tf.math.add(dropoutSeed, tf.constant(new long[] {0, index * 7919L}));
		Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.shape(x), seed, TFloat32.class);
		Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, rate), TFloat32.class);
		Operand<TFloat32> scale = tf.math.div(tf.constant(1f), tf.math.maximum(tf.math.sub(tf.constant(1f), rate), tf.constant(1e-6f)));
		return tf.math.mul(x, tf.math.mul(keep, scale));
	}

	Operand<TFloat32> dropout(Operand<TFloat32> x) {
		return dropout(x, dropoutRate);
	}
}
