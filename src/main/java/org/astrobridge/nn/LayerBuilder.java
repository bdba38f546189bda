package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Builds layers into a graph for one forward path. Two paths (training and inference) built over the same
 * {@link Params} share their variables. Batch norm normalises with batch moments on the training path, which also
 * yields the moving-average updates, and with the moving averages on the inference path. Dropout draws its mask with a
 * stateless generator from a seed fed each step, so runs are reproducible.
 */
public final class LayerBuilder {

	static final float BN_MOMENTUM = 0.9f;
	static final float BN_EPSILON = 1e-5f;
	/** Whether TensorFlow runs its oneDNN kernels (set once per process, see {@link TensorFlowRuntime}). */
	private static final boolean ONEDNN = TensorFlowRuntime.oneDnnEnabled();

	final Ops tf;
	final Params params;
	final boolean training;
	private final Operand<TFloat32> dropoutRate;
	private final Operand<TInt64> dropoutSeed;
	private final List<Op> updates = new ArrayList<>();
	/** Share of the batch statistics in each moving-average update: 1 - momentum unless fed (AdaBN feeds 1/t). */
	private Operand<TFloat32> statisticsShare;
	private int dropoutLayers;

	LayerBuilder(Ops tf, Params params, boolean training, Operand<TFloat32> dropoutRate, Operand<TInt64> dropoutSeed) {
		this.tf = tf;
		this.params = params;
		this.training = training;
		this.dropoutRate = dropoutRate;
		this.dropoutSeed = dropoutSeed;
	}

	/** The fed share of batch statistics in the moving averages (null until a batch-norm layer exists). */
	Operand<TFloat32> statisticsShare() {
		return statisticsShare;
	}

	/** Moving-statistics updates collected on the training path; run them with each training step. */
	List<Op> updates() {
		return updates;
	}

	Operand<TFloat32> conv(String name, Operand<TFloat32> x, int in, int out, int k, boolean bias) {
		Variable<TFloat32> w = params.get(name + "/kernel", Params.Init.HE, Params.Kind.TRAINABLE, k, k, in, out);
		Operand<TFloat32> y = conv2d(x, w, in);
		if (!bias) return y;
		return tf.nn.biasAdd(y, params.get(name + "/bias", Params.Init.ZEROS, Params.Kind.TRAINABLE, out));
	}

	/** Batch norm with batch moments (training path), which also queues the moving-average updates. */
	private Operand<TFloat32> trainingBatchNorm(String name, Operand<TFloat32> x, int channels) {
		Variable<TFloat32> gamma = params.get(name + "/gamma", Params.Init.ONES, Params.Kind.TRAINABLE, channels);
		Variable<TFloat32> beta = params.get(name + "/beta", Params.Init.ZEROS, Params.Kind.TRAINABLE, channels);
		Variable<TFloat32> movingMean = params.get(name + "/moving_mean", Params.Init.ZEROS, Params.Kind.STATISTIC,
			channels);
		Variable<TFloat32> movingVar = params.get(name + "/moving_variance", Params.Init.ONES, Params.Kind.STATISTIC,
			channels);
		// One fused op (and one fused gradient) instead of about twenty element-wise ops over the feature map.
		FusedBatchNorm<TFloat32, TFloat32> f = tf.nn.fusedBatchNorm(x, gamma, beta, tf.constant(new float[0]), tf.constant(
			new float[0]), FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(true), FusedBatchNorm.dataFormat(
				"NHWC"));
		// its batch variance has Bessel's correction; the moving average keeps the biased one it normalised with
		Operand<TFloat32> count = tf.math.div(tf.dtypes.cast(tf.size(x), TFloat32.class), tf.constant((float) channels));
		Operand<TFloat32> var = tf.math.mul(f.batchVariance(), tf.math.div(tf.math.sub(count, tf.constant(1f)), count));
		if (statisticsShare == null) statisticsShare = tf.withName("bn_share").placeholderWithDefault(tf.constant(1 -
			BN_MOMENTUM), org.tensorflow.ndarray.Shape.scalar());
		Operand<TFloat32> take = statisticsShare, keep = tf.math.sub(tf.constant(1f), take);
		updates.add(tf.assign(movingMean, tf.math.add(tf.math.mul(movingMean, keep), tf.math.mul(tf.stopGradient(f
			.batchMean()), take))));
		updates.add(tf.assign(movingVar, tf.math.add(tf.math.mul(movingVar, keep), tf.math.mul(tf.stopGradient(var),
			take))));
		return f.y();
	}

	/**
	 * Convolution without bias followed by batch norm. On the inference path the moving statistics are folded into the
	 * kernel and a bias (kernel * scale, beta - mean * scale, scale = gamma / sqrt(var + eps)): the same function up to
	 * float round-off, and a Conv2D + BiasAdd (+ ReLU) that TensorFlow fuses into one op instead of two extra passes over
	 * the feature map.
	 */
	Operand<TFloat32> convBatchNorm(String convName, String bnName, Operand<TFloat32> x, int in, int out, int k) {
		if (training) return trainingBatchNorm(bnName, conv(convName, x, in, out, k, false), out);
		Variable<TFloat32> w = params.get(convName + "/kernel", Params.Init.HE, Params.Kind.TRAINABLE, k, k, in, out);
		Variable<TFloat32> gamma = params.get(bnName + "/gamma", Params.Init.ONES, Params.Kind.TRAINABLE, out);
		Variable<TFloat32> beta = params.get(bnName + "/beta", Params.Init.ZEROS, Params.Kind.TRAINABLE, out);
		Variable<TFloat32> movingMean = params.get(bnName + "/moving_mean", Params.Init.ZEROS, Params.Kind.STATISTIC, out);
		Variable<TFloat32> movingVar = params.get(bnName + "/moving_variance", Params.Init.ONES, Params.Kind.STATISTIC,
			out);
		Operand<TFloat32> scale = tf.math.mul(gamma, tf.math.rsqrt(tf.math.add(movingVar, tf.constant(BN_EPSILON))));
		Operand<TFloat32> y = conv2d(x, tf.math.mul(w, scale), in);
		return tf.nn.biasAdd(y, tf.math.sub(beta, tf.math.mul(movingMean, scale)));
	}

	/**
	 * A 'same' stride-1 convolution. Input channels are zero-padded to a multiple of 8 (the kernel's input axis
	 * likewise): TensorFlow's CPU convolution and its filter gradient run several times faster on 8 channels than on 3
	 * (64x64 stamps, on a busy machine; about even when idle), and the added channels contribute exact zeros. With oneDNN
	 * switched on (TF_ENABLE_ONEDNN_OPTS=1) the padding only costs, so it is left out.
	 */
	private Operand<TFloat32> conv2d(Operand<TFloat32> x, Operand<TFloat32> kernel, int in) {
		int pad = ONEDNN ? 0 : (8 - in % 8) % 8;
		if (pad > 0) {
			x = tf.pad(x, tf.constant(new int[][] { { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, pad } }), tf.constant(0f));
			kernel = tf.pad(kernel, tf.constant(new int[][] { { 0, 0 }, { 0, 0 }, { 0, pad }, { 0, 0 } }), tf.constant(0f));
		}
		return tf.nn.conv2d(x, kernel, Arrays.asList(1L, 1L, 1L, 1L), "SAME");
	}

	Operand<TFloat32> relu(Operand<TFloat32> x) {
		return tf.nn.relu(x);
	}

	/**
	 * 2x2 max pooling as the MaxPool op, window and strides as attributes. tf.nn.maxPool builds MaxPoolV2 (window as
	 * tensors), which oneDNN does not take over: its Eigen gradient MaxPoolGradV2 was the largest op of a training step
	 * (a quarter to a third of op time, `benchmark training-profile`). The values are the same op for op.
	 */
	Operand<TFloat32> maxPool2(Operand<TFloat32> x) {
		long[] window = { 1, 2, 2, 1 };
		return tf.scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput()).setAttr("ksize", window).setAttr("strides",
			window).setAttr("padding", "VALID").setAttr("data_format", "NHWC").build().output(0);
	}

	Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out, Params.Init init) {
		Variable<TFloat32> w = params.get(name + "/kernel", init, Params.Kind.TRAINABLE, in, out);
		Variable<TFloat32> b = params.get(name + "/bias", Params.Init.ZEROS, Params.Kind.TRAINABLE, out);
		return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
	}

	Operand<TFloat32> flatten(Operand<TFloat32> x, int size) {
		return tf.reshape(x, tf.constant(new int[] { -1, size }));
	}

	/** Inverted dropout with the rate fed at run time (0 switches it off), or a fixed rate when given. */
	Operand<TFloat32> dropout(Operand<TFloat32> x, Operand<TFloat32> rate) {
		int index = ++dropoutLayers;
		Operand<TInt64> seed = tf.math.add(dropoutSeed, tf.constant(new long[] { 0, index * 7919L }));
		Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.shape(x), seed, TFloat32.class);
		Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, rate), TFloat32.class);
		Operand<TFloat32> scale = tf.math.div(tf.constant(1f), tf.math.maximum(tf.math.sub(tf.constant(1f), rate), tf
			.constant(1e-6f)));
		return tf.math.mul(x, tf.math.mul(keep, scale));
	}

	Operand<TFloat32> dropout(Operand<TFloat32> x) {
		return dropout(x, dropoutRate);
	}
}
