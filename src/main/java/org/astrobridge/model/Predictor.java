package org.astrobridge.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.astrobridge.nn.InferenceGraph;
import org.astrobridge.nn.LatentStatistics;
import org.astrobridge.nn.Prediction;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.TensorFlowRuntime;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.nn.TrainingOptions;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * A loaded model package ready for inference: normalises stamps as the model card says and runs the SavedModel in
 * batches. Accepts a package folder or its .zip. Close it to free the TensorFlow session.
 */
public final class Predictor implements AutoCloseable {

	static {
		TensorFlowRuntime.configure(); // before this class first touches TensorFlow
	}

	private final ModelCard card;
	private final SavedModelBundle bundle;
	private final Path folder;
	private final LatentStatistics latent;
	/**
	 * Class weights fed to the gradient and the gradient of the weighted probabilities w.r.t. the input; built on first
	 * use.
	 */
	private Output<TFloat32> gradientWeights;
	private Output<?> inputGradient;

	private Predictor(ModelCard card, SavedModelBundle bundle, Path folder, LatentStatistics latent) {
		this.card = card;
		this.bundle = bundle;
		this.folder = folder;
		this.latent = latent;
	}

	/**
	 * Loads a package (folder or .zip); a missing or damaged package gives a {@link ModelException} saying what is wrong.
	 */
	public static Predictor open(Path location, SessionSettings settings) throws ModelException {
		Path loc = location.toAbsolutePath().normalize();
		if (!Files.exists(loc)) throw new ModelException("model package not found: " + loc);
		boolean zipped = Files.isRegularFile(loc);
		Path dir = zipped ? ModelPackage.unzip(loc) : loc;
		try {
			ModelCard card = ModelPackage.readCard(dir);
			Path sm = dir.resolve(ModelPackage.SAVED_MODEL);
			if (!Files.isRegularFile(sm.resolve("saved_model.pb"))) throw new ModelException("damaged model package " + loc +
				": " + ModelPackage.SAVED_MODEL + "/saved_model.pb is missing");
			if (!Files.isDirectory(sm.resolve("variables"))) throw new ModelException("damaged model package " + loc + ": " +
				ModelPackage.SAVED_MODEL + "/variables/ is missing");
			LatentStatistics latent = ModelPackage.readLatentStatistics(card, dir);
			SavedModelBundle bundle;
			try {
				ConfigProto config = settings == null ? new SessionSettings(0, "auto").config() : settings.config();
				bundle = SavedModelBundle.loader(sm.toString()).withTags("serve").withConfigProto(config).load();
			}
			catch (RuntimeException e) {
				throw new ModelException("damaged model package " + loc + ": TensorFlow cannot load its SavedModel (" + e
					.getMessage() + ")", e);
			}
			for (String op : new String[] { InferenceGraph.INPUT, InferenceGraph.PROBABILITIES, InferenceGraph.LATENT })
				if (bundle.graph().operation(op) == null) {
					bundle.close();
					throw new ModelException("damaged model package " + loc + ": the SavedModel has no '" + op + "' tensor");
				}
			return new Predictor(card, bundle, loc, latent);
		}
		finally {
			if (zipped) ModelPackage.deleteTree(dir);
		}
	}

	public ModelCard card() {
		return card;
	}

	/** Latent statistics recorded at training time (for out-of-distribution scores). */
	public LatentStatistics latentStatistics() {
		return latent;
	}

	/** Class probabilities and latent vectors for every stamp (batches of 256). */
	public Prediction predict(StampSet stamps) throws ModelException {
		return predict(stamps, 0, 0, 0);
	}

	/**
	 * With {@code passes > 0}: Monte-Carlo dropout, the mean probabilities over that many passes with dropout
	 * {@code rate} in the label head, and their standard deviations.
	 */
	public Prediction predict(StampSet stamps, int passes, double rate, long seed) throws ModelException {
		card.checkCompatible(stamps.height(), stamps.width(), stamps.bands(), "the stamps");
		float[] norm = card.normalisation().apply(stamps);
		return InferenceGraph.run(bundle.session(), norm, stamps.count(), card.height(), card.width(), card.bands(), card
			.classNames().length, card.latentDim(), 256, passes, rate, seed);
	}

	/**
	 * Input gradients for saliency maps. {@code normalised} is the stamps as the network sees them (after the model
	 * card's normalisation) and {@code gradients} the derivative of the probability of {@code classes[k]} for stamp k
	 * with respect to those normalised pixels, both NHWC like the stamps.
	 */
	public record InputGradients(float[] normalised, float[] gradients) {}

	/**
	 * d p(classes[k]) / d x for every stamp k, x the normalised input. The gradient ops are added once to the loaded
	 * graph (TensorFlow's C++ gradient registry, {@code Graph.addGradients}); stamps are processed in batches of 64.
	 */
	public InputGradients inputGradients(StampSet stamps, int[] classes) throws ModelException {
		card.checkCompatible(stamps.height(), stamps.width(), stamps.bands(), "the stamps");
		int k = card.classNames().length;
		if (classes.length != stamps.count()) throw new IllegalArgumentException(classes.length + " target classes for " +
			stamps.count() + " stamps");
		for (int c : classes)
			if (c < 0 || c >= k) throw new IllegalArgumentException("class " + c + " is not one of the model's " + k +
				" classes");
		float[] norm = card.normalisation().apply(stamps);
		float[] grads = new float[norm.length];
		int stamp = stamps.stampSize(), batch = 64;
		synchronized (this) {
			buildGradients(k);
			for (int start = 0; start < stamps.count(); start += batch) {
				int m = Math.min(batch, stamps.count() - start);
				float[] chunk = new float[m * stamp];
				System.arraycopy(norm, start * stamp, chunk, 0, chunk.length);
				float[] weights = new float[m * k];
				for (int r = 0; r < m; r++)
					weights[r * k + classes[start + r]] = 1;
				try (TFloat32 x = TFloat32.tensorOf(Shape.of(m, card.height(), card.width(), card.bands()), DataBuffers.of(
					chunk, true, false));
						TFloat32 w = TFloat32.tensorOf(Shape.of(m, k), DataBuffers.of(weights, true, false));
						Result r = bundle.session().runner().feed(InferenceGraph.INPUT, x).feed(gradientWeights, w).fetch(
							inputGradient).run())
				{
					((TFloat32) r.get(0)).copyTo(DataBuffers.of(grads, false, false).offset((long) start * stamp));
				}
			}
		}
		return new InputGradients(norm, grads);
	}

	private void buildGradients(int classes) throws ModelException {
		if (inputGradient != null) return;
		Graph g = bundle.graph();
		try {
			Placeholder<TFloat32> weights = Ops.create(g).withName("saliency_class_weights").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, classes)));
			Output<?>[] dx = g.addGradients("saliency_gradients", new Output<?>[] { g.outputOrThrow(
				InferenceGraph.PROBABILITIES) }, new Output<?>[] { g.outputOrThrow(InferenceGraph.INPUT) }, new Output<?>[] {
					weights.output() });
			gradientWeights = weights.output();
			inputGradient = dx[0];
		}
		catch (RuntimeException e) {
			throw new ModelException("model " + folder + ": TensorFlow cannot build input gradients for its graph (" + e
				.getMessage() + ")", e);
		}
	}

	/** The weights and settings of the package as a {@link TrainedModel}, e.g. the base of fine-tuning. */
	public TrainedModel toTrainedModel() throws ModelException {
		Map<String, String> hp = card.hyperparameters();
		TrainingOptions options = new TrainingOptions();
		for (Map.Entry<String, String> e : hp.entrySet()) {
			try {
				options.set(e.getKey(), e.getValue());
			}
			catch (IllegalArgumentException ignored) {
				// an option this version does not know (written by another version) does not affect the weights
			}
		}
		Session s = bundle.session();
		List<String> names = new ArrayList<>();
		for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext();) {
			GraphOperation op = it.next();
			if (op.type().equals("VariableV2")) names.add(op.name());
		}
		Map<String, float[]> weights = new LinkedHashMap<>();
		Session.Runner r = s.runner();
		for (String n : names)
			r.fetch(n);
		try (Result res = r.run()) {
			for (int i = 0; i < names.size(); i++) {
				TFloat32 t = (TFloat32) res.get(i);
				float[] v = new float[(int) t.shape().size()];
				t.copyTo(DataBuffers.of(v, false, false));
				weights.put(names.get(i).replace('.', '/'), v);
			}
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> prov = card.json().get("provenance") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map
			.of();
		return new TrainedModel(card.network(), card.height(), card.width(), card.bands(), card.classNames(), card
			.normalisation(), options, weights, List.of(), 0, "loaded", null, null, latent, prov, "loaded from " + folder, 0);
	}

	@Override
	public void close() {
		bundle.close();
	}
}
