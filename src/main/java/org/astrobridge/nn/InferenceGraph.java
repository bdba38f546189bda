package org.astrobridge.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The inference-only graph of a trained network (no optimiser state, no domain head): normalised stamps in, class
 * probabilities and latent vectors out. Batch norm uses the moving statistics; dropout is off unless a Monte-Carlo rate
 * is fed. This is the graph a model package stores as its SavedModel.
 */
public final class InferenceGraph implements AutoCloseable {

	static {
		TensorFlowRuntime.configure(); // before this class first touches TensorFlow
	}

	/** Names of the serving signature's tensors. */
	public static final String INPUT = "stamps", PROBABILITIES = "probabilities", LATENT = "latent", LOGITS = "logits",
			MC_RATE = "mc_dropout_rate", MC_SEED = "mc_dropout_seed", SIGNATURE_KEY = "serving_default";

	private final Graph graph = new Graph();
	private final Session session;
	private final int height, width, bands, classes, latentDim;

	/**
	 * @param weights variable values by name (trained weights; every variable of the network must be present)
	 */
	public InferenceGraph(Network network, int height, int width, int bands, int classes, Map<String, float[]> weights,
		SessionSettings settings)
	{
		this.height = height;
		this.width = width;
		this.bands = bands;
		this.classes = classes;
		this.latentDim = network.latentDim(height, width);
		Ops tf = Ops.create(graph);
		Params params = new Params(tf, 0);
		Placeholder<TFloat32> x = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height,
			width, bands)));
		Operand<TFloat32> rate = tf.withName(MC_RATE).placeholderWithDefault(tf.constant(0f), Shape.scalar());
		Operand<TInt64> seed = tf.withName(MC_SEED).placeholderWithDefault(tf.constant(new long[] { 0, 0 }), Shape.of(2));
		LayerBuilder b = new LayerBuilder(tf, params, false, rate, seed);
		Operand<TFloat32> z = tf.withName(LATENT).identity(network.features(b, x, height, width, bands));
		Operand<TFloat32> logits = tf.withName(LOGITS).identity(network.classifier(b, z, latentDim, classes));
		tf.withName(PROBABILITIES).nn.softmax(logits);
		session = new Session(graph, settings.config());
		try {
			List<String> taken = params.assignAll(session, weights);
			int expected = params.entries(Params.Kind.TRAINABLE).size() + params.entries(Params.Kind.STATISTIC).size();
			if (taken.size() != expected) {
				StringBuilder missing = new StringBuilder();
				for (Params.Entry e : params.entries(Params.Kind.TRAINABLE))
					if (!taken.contains(e.name)) missing.append(' ').append(e.name);
				for (Params.Entry e : params.entries(Params.Kind.STATISTIC))
					if (!taken.contains(e.name)) missing.append(' ').append(e.name);
				throw new IllegalArgumentException("the weights lack variables of the " + network.name() + " network:" +
					missing);
			}
		}
		catch (RuntimeException e) {
			close();
			throw e;
		}
	}

	public int latentDim() {
		return latentDim;
	}

	/** Predicts normalised stamps [n, height, width, bands] in batches. */
	public Prediction predict(float[] normalised, int n, int batchSize) {
		return run(session, normalised, n, height, width, bands, classes, latentDim, batchSize, 0, 0, 0);
	}

	/**
	 * Mean class probabilities over {@code passes} forward passes with dropout at {@code rate} (Monte-Carlo dropout),
	 * their standard deviation, and the latent vectors (which dropout does not touch).
	 */
	public Prediction predictMonteCarlo(float[] normalised, int n, int batchSize, int passes, double rate, long seed) {
		return run(session, normalised, n, height, width, bands, classes, latentDim, batchSize, passes, rate, seed);
	}

	/** Runs any session holding this graph's names (this one or a loaded SavedModel). */
	public static Prediction run(Session session, float[] normalised, int n, int height, int width, int bands,
		int classes, int latentDim, int batchSize, int passes, double rate, long seed)
	{
		int stamp = height * width * bands;
		if (normalised.length != (long) n * stamp) throw new IllegalArgumentException(normalised.length +
			" pixel values do not make " + n + " stamps of " + width + "x" + height + "x" + bands);
		float[] probs = new float[n * classes];
		float[] latents = new float[n * latentDim];
		float[] sumSq = passes > 0 ? new float[n * classes] : null;
		int bs = Math.max(1, batchSize);
		for (int start = 0; start < n; start += bs) {
			int m = Math.min(bs, n - start);
			try (TFloat32 t = TFloat32.tensorOf(Shape.of(m, height, width, bands), DataBuffers.of(normalised, true, false)
				.slice((long) start * stamp, (long) m * stamp)))
			{
				try (Result r = session.runner().feed(INPUT, t).fetch(PROBABILITIES).fetch(LATENT).run()) {
					if (passes == 0) ((TFloat32) r.get(0)).copyTo(DataBuffers.of(probs, false, false).offset((long) start *
						classes));
					((TFloat32) r.get(1)).copyTo(DataBuffers.of(latents, false, false).offset((long) start * latentDim));
				}
				float[] p = new float[m * classes];
				for (int pass = 0; pass < passes; pass++) {
					try (TFloat32 rt = TFloat32.scalarOf((float) rate);
							TInt64 st = TInt64.vectorOf(seed, pass * 1_000_003L + start);
							Result r = session.runner().feed(INPUT, t).feed(MC_RATE, rt).feed(MC_SEED, st).fetch(PROBABILITIES).run())
					{
						((TFloat32) r.get(0)).copyTo(DataBuffers.of(p, false, false));
					}
					for (int i = 0; i < p.length; i++) {
						probs[start * classes + i] += p[i] / passes;
						sumSq[start * classes + i] += p[i] * p[i] / passes;
					}
				}
			}
		}
		float[] std = null;
		if (passes > 0) {
			std = new float[n * classes];
			for (int i = 0; i < std.length; i++)
				std[i] = (float) Math.sqrt(Math.max(0, sumSq[i] - probs[i] * probs[i]));
		}
		return new Prediction(n, classes, latentDim, probs, latents, std);
	}

	/** Writes this graph and its weights as a TensorFlow SavedModel (tag "serve") into an empty or absent folder. */
	public void exportSavedModel(Path folder) throws IOException {
		Signature sig = Signature.builder(SIGNATURE_KEY).input(INPUT, graph.outputOrThrow(INPUT)).output(PROBABILITIES,
			graph.outputOrThrow(PROBABILITIES)).output(LATENT, graph.outputOrThrow(LATENT)).build();
		SavedModelBundle.exporter(folder.toString()).withSession(session).withSignature(sig).export();
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}
