package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The training graph of one method: a training path over a fed batch (source stamps, then as many target stamps for
 * adaptive methods), the objective's terms, Adam updates (learning rate and bias corrections fed each step, so any
 * schedule works) and an inference path sharing the variables for validation.
 */
final class TrainingGraph implements AutoCloseable {

	static {
		TensorFlowRuntime.configure(); // before this class first touches TensorFlow
	}

	final Graph graph = new Graph();
	final Ops tf = Ops.create(graph);
	final Params params;
	final Network network;
	final int height, width, bands, classes, latentDim, batch;
	final boolean adaptive;

	final Placeholder<TFloat32> x, labels, weights, lambda, lr, beta1Power, beta2Power, dropoutRate, evalX;
	final Placeholder<TInt64> seed;
	final Operand<TFloat32> total, sourceLogits;
	/** The objectives' terms, in the order they enter the total loss (cross-entropy first). */
	final List<LossTerm> terms;
	final boolean usesLambda;
	final Operand<TFloat32> evalProbabilities, evalLatent, evalLogits;
	final Op train;
	/**
	 * Runs only the moving batch-norm statistics' updates on a fed batch (AdaBN); its share is fed to statisticsShare.
	 */
	final Op statisticsUpdate;
	final Operand<TFloat32> statisticsShare;

	static final float BETA1 = 0.9f, BETA2 = 0.999f, EPSILON = 1e-7f;

	TrainingGraph(Network network, TrainingOptions o, int height, int width, int bands, int classes, int batch) {
		this.network = network;
		this.height = height;
		this.width = width;
		this.bands = bands;
		this.classes = classes;
		this.batch = batch;
		this.latentDim = network.latentDim(height, width);
		this.params = new Params(tf, o.getLong("seed"));
		this.adaptive = o.adaptive();
		int rows = adaptive ? 2 * batch : batch;

		x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(rows, height, width, bands)));
		labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, classes)));
		weights = tf.withName("weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch)));
		lambda = tf.withName("lambda").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		dropoutRate = tf.withName("dropout_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		seed = tf.withName("dropout_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));

		LayerBuilder b = new LayerBuilder(tf, params, true, dropoutRate, seed);
		Operand<TFloat32> z = network.features(b, x, height, width, bands);
		Operand<TFloat32> logits = network.classifier(b, z, latentDim, classes);
		Operand<TFloat32> targetLogits = null;
		if (adaptive) {
			List<Operand<TFloat32>> halves = new ArrayList<>();
			tf.split(tf.constant(0), logits, 2L).forEach(halves::add);
			sourceLogits = halves.get(0);
			targetLogits = halves.get(1);
		}
		else {
			sourceLogits = logits;
		}
		List<LossTerm> all = new ArrayList<>();
		boolean lambda = false;
		ObjectiveInputs in = new ObjectiveInputs(tf, b, params, o, batch, rows, latentDim, z, sourceLogits, targetLogits,
			labels, weights, this.lambda);
		for (Objective objective : Objectives.of(o)) {
			all.addAll(objective.build(in));
			lambda |= objective.usesLambda();
		}
		terms = List.copyOf(all);
		usesLambda = lambda;
		total = tf.withName("total_loss").identity(weightedSum(terms));
		List<Params.Entry> vars = params.entries(Params.Kind.TRAINABLE);

		List<Operand<?>> varOps = new ArrayList<>();
		for (Params.Entry e : vars)
			varOps.add(e.variable);
		Gradients grads = tf.gradients(total, varOps);
		// Updates wait for every gradient: back-propagation must not read a variable Adam already changed.
		List<Op> deps = new ArrayList<>();
		for (int i = 0; i < vars.size(); i++)
			deps.add(grads.dy(i));
		Ops after = tf.withControlDependencies(deps);
		List<Op> updates = new ArrayList<>(b.updates());
		Operand<TFloat32> b1 = tf.constant(BETA1), b2 = tf.constant(BETA2), eps = tf.constant(EPSILON);
		for (int i = 0; i < vars.size(); i++) {
			Params.Entry e = vars.get(i);
			var m = params.get(e.name + "/adam_m", Params.Init.ZEROS, Params.Kind.OPTIMISER, e.shape);
			var v = params.get(e.name + "/adam_v", Params.Init.ZEROS, Params.Kind.OPTIMISER, e.shape);
			Operand<TFloat32> g = grads.dy(i);
			updates.add(after.train.applyAdam(e.variable, m, v, beta1Power, beta2Power, lr, b1, b2, eps, g));
		}
		train = tf.withControlDependencies(updates).withName("train").noOp();
		statisticsUpdate = tf.withControlDependencies(new ArrayList<>(b.updates())).withName("statistics_update").noOp();
		statisticsShare = b.statisticsShare();

		evalX = tf.withName("eval_x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, bands)));
		LayerBuilder e = new LayerBuilder(tf, params, false, tf.constant(0f), tf.constant(new long[] { 0, 0 }));
		evalLatent = network.features(e, evalX, height, width, bands);
		evalLogits = network.classifier(e, evalLatent, latentDim, classes);
		evalProbabilities = tf.nn.softmax(evalLogits);
	}

	/**
	 * The sum of weight times value over the terms, added left to right. Not AddN: TensorFlow's CPU AddN may accumulate
	 * into a reused input buffer chosen at run time, which changes the order of the additions.
	 */
	private Operand<TFloat32> weightedSum(List<LossTerm> list) {
		Operand<TFloat32> sum = null;
		for (LossTerm t : list) {
			Operand<TFloat32> v = t.weight() == 1 ? t.value() : tf.math.mul(t.value(), tf.constant((float) t.weight()));
			sum = sum == null ? v : tf.math.add(sum, v);
		}
		return sum;
	}

	@Override
	public void close() {
		graph.close();
	}
}
