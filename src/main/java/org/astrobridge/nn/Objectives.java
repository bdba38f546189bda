package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The objectives of each training method, and their implementations. */
final class Objectives {

	private Objectives() {}

	/**
	 * The objectives of the method in {@code o}, in the order their terms enter the total loss: classification, then the
	 * method's adaptation term, then target entropy and the L2 penalty when their weights are above 0.
	 */
	static List<Objective> of(TrainingOptions o) {
		List<Objective> list = new ArrayList<>();
		list.add(new Classification());
		switch (o.method()) {
			case TrainingOptions.DANN:
				list.add(new DomainAdversarial());
				break;
			case TrainingOptions.MMD:
				list.add(new MaximumMeanDiscrepancy());
				break;
			case TrainingOptions.CORAL:
				list.add(new CorrelationAlignment());
				break;
			default:
		}
		if (o.selfTraining()) list.add(new PseudoLabels());
		if (o.adaptive() && o.getDouble("entropy-weight") > 0) list.add(new TargetEntropy());
		if (o.getDouble("weight-decay") > 0) list.add(new WeightDecay());
		return list;
	}

	/** Class-weighted cross-entropy on the labelled source rows. */
	static final class Classification implements Objective {

		@Override
		public List<LossTerm> build(ObjectiveInputs in) {
			return List.of(new LossTerm(CROSS_ENTROPY, Losses.weightedCrossEntropy(in.tf(), in.sourceLogits(), in.labels(), in
				.weights()), 1));
		}
	}

	/**
	 * DANN: a 2x1024 domain classifier on the latent vectors behind a gradient-reversal layer; its loss is weighted by
	 * dann-weight, its source/target accuracy reported.
	 */
	static final class DomainAdversarial implements Objective {

		@Override
		public List<LossTerm> build(ObjectiveInputs in) {
			Ops tf = in.tf();
			LayerBuilder b = in.layers();
			int latentDim = in.latentDim(), rows = in.rows();
			Operand<TFloat32> r = Losses.gradientReversal(tf, in.z(), in.lambda());
			Operand<TFloat32> rate = tf.constant((float) in.options().getDouble("domain-dropout"));
			Operand<TFloat32> h = b.dropout(b.relu(b.dense("domain/dense1", r, latentDim, 1024, Params.Init.HE)), rate);
			h = b.dropout(b.relu(b.dense("domain/dense2", h, 1024, 1024, Params.Init.HE)), rate);
			Operand<TFloat32> logits = b.dense("domain/logits", h, 1024, 2, Params.Init.GLOROT);
			float[][] domains = new float[rows][2];
			int[] classes = new int[rows];
			for (int i = 0; i < rows; i++) {
				classes[i] = i < in.batch() ? 0 : 1;
				domains[i][classes[i]] = 1;
			}
			Operand<TFloat32> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, tf.constant(domains)).loss(), tf
				.constant(0));
			return List.of(new LossTerm(DOMAIN, loss, in.options().getDouble("dann-weight"), logits, classes));
		}

		@Override
		public boolean usesLambda() {
			return true;
		}
	}

	/** Multi-kernel MMD between the source and target halves of the latent batch, weighted by mmd-weight. */
	static final class MaximumMeanDiscrepancy implements Objective {

		@Override
		public List<LossTerm> build(ObjectiveInputs in) {
			TrainingOptions o = in.options();
			Operand<TFloat32> mmd = Losses.mmd(in.tf(), in.z(), in.batch(), Losses.DEEPMERGE_BANDWIDTHS, o.get("mmd-kernels")
				.equals("median"));
			return List.of(new LossTerm(MMD, mmd, o.getDouble("mmd-weight")));
		}
	}

	/** Deep CORAL between the source and target halves of the latent batch, weighted by coral-weight. */
	static final class CorrelationAlignment implements Objective {

		@Override
		public List<LossTerm> build(ObjectiveInputs in) {
			return List.of(new LossTerm(CORAL, Losses.coral(in.tf(), in.z(), in.batch(), in.latentDim()), in.options()
				.getDouble("coral-weight")));
		}
	}

	/**
	 * Self-training (Lee 2013; the confidence mask of FixMatch, Sohn et al. 2020): cross-entropy of the target rows
	 * against their own most probable class, counted only where that probability reaches pseudo-label-threshold, averaged
	 * over all target rows; its weight ramps up with lambda (near 0 while the classifier is still random).
	 */
	static final class PseudoLabels implements Objective {

		@Override
		public List<LossTerm> build(ObjectiveInputs in) {
			Operand<TFloat32> raw = Losses.pseudoLabelCrossEntropy(in.tf(), in.targetLogits(), in.options().getDouble(
				"pseudo-label-threshold"));
			return List.of(new LossTerm(PSEUDO_LABELS, in.tf().math.mul(raw, in.lambda()), in.options().getDouble(
				"pseudo-label-weight")));
		}

		@Override
		public boolean usesLambda() {
			return true;
		}
	}

	/** Entropy minimisation on the target rows' predictions, weighted by entropy-weight. */
	static final class TargetEntropy implements Objective {

		@Override
		public List<LossTerm> build(ObjectiveInputs in) {
			return List.of(new LossTerm(ENTROPY, Losses.entropy(in.tf(), in.targetLogits()), in.options().getDouble(
				"entropy-weight")));
		}
	}

	/** L2 penalty on every trainable kernel, one term per kernel, weighted by weight-decay. */
	static final class WeightDecay implements Objective {

		@Override
		public List<LossTerm> build(ObjectiveInputs in) {
			Ops tf = in.tf();
			double decay = in.options().getDouble("weight-decay");
			List<LossTerm> terms = new ArrayList<>();
			for (Params.Entry e : in.params().entries(Params.Kind.TRAINABLE)) {
				if (!e.name.endsWith("/kernel")) continue;
				// read the variable through Identity: the gradient builder crashes on a reference-typed input
				Operand<TFloat32> w = tf.identity(e.variable);
				terms.add(new LossTerm(WEIGHT_DECAY, tf.sum(tf.math.square(w), tf.constant(rangeOf(e.shape.length))), decay));
			}
			return terms;
		}

		private static int[] rangeOf(int n) {
			int[] r = new int[n];
			for (int i = 0; i < n; i++)
				r[i] = i;
			return r;
		}
	}
}
