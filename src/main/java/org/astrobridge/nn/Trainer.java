package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

import org.astrobridge.util.Progress;

/**
 * Trains a network with one of the methods of {@link TrainingOptions}. Labelled source stamps are split into training
 * and validation (stratified, seeded); every step takes a batch of source stamps and, for adaptive methods, as many
 * target stamps. After each epoch the source validation split is scored; early stopping and the choice of the kept
 * weights use only that source-side criterion. Target labels, when present, are only reported. Cancelling (through
 * {@link Progress#isCancelled()}) ends training and keeps the best weights so far.
 */
public final class Trainer {

	static {
		TensorFlowRuntime.configure(); // before this class first touches TensorFlow
	}

	private final TrainingOptions options;
	/** The observation fit method=auto already made for these source and target stamps and seed, or null. */
	private ObservationMatcher.Fit knownFit;

	public Trainer(TrainingOptions options) {
		this.options = options.copy();
	}

	/**
	 * @param source labelled source stamps (unlabelled ones are ignored)
	 * @param target target-domain stamps: required by dann and mmd (their labels are never trained on); for source-only
	 *          they are optional and only scored
	 * @param listener receives a report after each epoch (may be null)
	 */
	public TrainedModel train(StampSet source, StampSet target, Progress progress, Consumer<EpochReport> listener) {
		String method = options.method();
		if (method.equals(TrainingOptions.AUTO)) return trainAuto(source, target, progress, listener);
		if (method.equals(TrainingOptions.FINE_TUNE)) throw new IllegalArgumentException(
			"method fine-tune continues a saved model: call fineTune(base model, labelled target stamps, ...)");
		if (source == null) throw new IllegalArgumentException("no source stamps given");
		if (options.adaptive() && (target == null || target.count() == 0)) throw new IllegalArgumentException("method " +
			method + (options.selfTraining() ? " with pseudo-label-weight > 0" : "") +
			" needs target stamps (unlabelled is fine)");
		boolean adabn = options.getBoolean("adabn");
		if (adabn && (target == null || target.count() == 0)) throw new IllegalArgumentException(
			"adabn=true recomputes batch-norm statistics on the target: give target stamps (unlabelled is fine)");
		if (target != null) source.requireSameGeometry(target, "the source", "the target");
		checkTargetClasses(source, target);
		Network net = Network.byName(options.get("network"));
		return run(net, options.normalisation(), source, options.adaptive() ? target : null, target, adabn ? target : null,
			observing(source, target, progress), null, progress, listener, null);
	}

	/**
	 * The observation augmentation of a training: the prior each source stamp's observation is drawn from (null: none),
	 * the fitted models the validation stamps are re-observed through (null: validation as it is), what the model card
	 * records of it (null: nothing) and the seconds the fit took.
	 */
	private record Observing(ObservationAugmenter.Prior prior, List<ObservationModel> validation, Object card,
		double fitSeconds)
	{
		static final Observing NONE = new Observing(null, null, null, 0);
		static final Observing RANDOM = new Observing(ObservationAugmenter.RANDOM, null, Map.of("mode",
			TrainingOptions.OBSERVATION_RANDOM, "ranges", ObservationAugmenter.describe()), 0);
	}

	/** augment-observation as asked; matched fits the target's observation model here. */
	private Observing observing(StampSet source, StampSet target, Progress progress) {
		String mode = options.get("augment-observation");
		if (mode.equals(TrainingOptions.OBSERVATION_RANDOM)) return Observing.RANDOM;
		if (!mode.equals(TrainingOptions.OBSERVATION_MATCHED)) return Observing.NONE;
		if (target == null || target.count() == 0) return new Observing(null, null, Map.of("mode",
			TrainingOptions.OBSERVATION_MATCHED, "fitted", false, "why",
			"no target stamps to match: trained without observation augmentation"), 0);
		if (progress != null) progress.update(0, "matching the target's observation model");
		long t0 = System.nanoTime();
		ObservationMatcher.Fit fit;
		try {
			fit = knownFit != null ? knownFit : ObservationMatcher.fit(source, target, options.getLong("seed"));
		}
		catch (IllegalArgumentException e) { // too few usable target stamps: train as asked, without matching, and say so
			return new Observing(null, null, Map.of("mode", TrainingOptions.OBSERVATION_MATCHED, "fitted", false, "why", e
				.getMessage() + "; trained without observation augmentation"), 0);
		}
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("mode", TrainingOptions.OBSERVATION_MATCHED);
		card.put("fitted", true);
		card.put("summary", fit.model().describe());
		card.putAll(fit.toMap());
		card.put("validation", "source validation stamps re-observed through the kept models");
		return new Observing(ObservationAugmenter.near(fit.accepted()), fit.accepted(), card, (System.nanoTime() - t0) /
			1e9);
	}

	/**
	 * Continues training {@code base} on labelled stamps of the new domain (cross-entropy only). The network and
	 * normalisation are the base model's; here the labelled stamps do drive validation and early stopping.
	 *
	 * @param report optional further stamps scored each epoch (e.g. a labelled test set), never trained on
	 */
	public TrainedModel fineTune(TrainedModel base, StampSet labelled, StampSet report, Progress progress,
		Consumer<EpochReport> listener)
	{
		if (base == null) throw new IllegalArgumentException("fine-tune needs a base model");
		if (labelled == null) throw new IllegalArgumentException("fine-tune needs labelled stamps");
		base.checkGeometry(labelled);
		if (labelled.classCount() != base.classCount() || !Arrays.equals(labelled.classNames(), base.classNames()))
			throw new IllegalArgumentException("the labelled stamps' classes " + Arrays.toString(labelled.classNames()) +
				" differ from the model's " + Arrays.toString(base.classNames()));
		if (report != null) labelled.requireSameGeometry(report, "the labelled stamps", "the report set");
		checkTargetClasses(labelled, report);
		options.set("method", TrainingOptions.FINE_TUNE).set("network", base.network()).set("normalisation", base
			.normalisation().name());
		for (Map.Entry<String, Object> e : base.normalisation().parameters().entrySet())
			options.set(e.getKey().equals("percentile") ? "norm-percentile" : "norm-stretch", e.getValue().toString());
		Map<String, Object> baseInfo = new LinkedHashMap<>();
		baseInfo.put("method", base.options().method());
		baseInfo.put("provenance", base.provenance());
		// the labelled stamps are the target domain itself: nothing to match (matched, the default, means none here)
		Observing observing = options.get("augment-observation").equals(TrainingOptions.OBSERVATION_RANDOM)
			? Observing.RANDOM : Observing.NONE;
		return run(Network.byName(base.network()), base.normalisation(), labelled, null, report, null, observing, base
			.weights(), progress, listener, baseInfo);
	}

	private static void checkTargetClasses(StampSet source, StampSet target) {
		if (target == null || !target.hasLabels()) return;
		if (!Arrays.equals(source.classNames(), target.classNames())) throw new IllegalArgumentException(
			"target labels use classes " + Arrays.toString(target.classNames()) + " but the source uses " + Arrays.toString(
				source.classNames()));
	}

	/**
	 * The settings method=auto chooses among (each with the user's other options), in the order they are trained. Each is
	 * a full training, so auto costs about as many trainings.
	 */
	public static final List<Map<String, String>> AUTO_CANDIDATES = List.of(Map.of("method", TrainingOptions.SOURCE_ONLY,
		"augment-observation", TrainingOptions.OBSERVATION_NONE), Map.of("method", TrainingOptions.SOURCE_ONLY,
			"augment-observation", TrainingOptions.OBSERVATION_MATCHED), Map.of("method", TrainingOptions.DANN,
				"augment-observation", TrainingOptions.OBSERVATION_MATCHED));

	/**
	 * method=auto: trains every {@link #AUTO_CANDIDATES} setting and keeps the model with the lowest deep-embedded-
	 * validation risk ({@link DeepEmbeddedValidation}) against the unlabelled target. The labelled stamps DEV weighs are
	 * the source validation split, which every candidate holds out alike (the split depends on the seed only),
	 * re-observed through the observation model fitted to the target ({@link ObservationMatcher}): closer to the target,
	 * so DEV's density ratios vary less. The kept model's options are the chosen candidate's, so it retrains without
	 * auto; its provenance lists every candidate's risk.
	 */
	private TrainedModel trainAuto(StampSet source, StampSet target, Progress progress, Consumer<EpochReport> listener) {
		if (source == null) throw new IllegalArgumentException("no source stamps given");
		if (target == null || target.count() == 0) throw new IllegalArgumentException(
			"method auto needs target stamps (unlabelled is fine)");
		source.requireSameGeometry(target, "the source", "the target");
		long seed = options.getLong("seed");
		int[] valIdx = splitValidation(source, source.classCount(), options.getDouble("val-fraction"), new SplittableRandom(
			seed).split())[1];
		ObservationMatcher.Fit fit = ObservationMatcher.fit(source, target, seed);
		StampSet val = reobserved(source.subset(valIdx), fit.accepted(), seed);
		SessionSettings settings = SessionSettings.of(options);
		TrainedModel best = null;
		double bestRisk = Double.POSITIVE_INFINITY;
		List<Map<String, Object>> tried = new ArrayList<>();
		for (Map<String, String> candidate : AUTO_CANDIDATES) {
			TrainingOptions o = options.copy();
			for (Map.Entry<String, String> e : new java.util.TreeMap<>(candidate).entrySet())
				o.set(e.getKey(), e.getValue());
			Trainer trainer = new Trainer(o);
			trainer.knownFit = fit; // the same stamps and seed: the candidates' own fits would repeat this one
			TrainedModel m = trainer.train(source, target, progress, listener);
			double risk = DeepEmbeddedValidation.risk(m.predict(val, settings), val.labels(), m.predict(target, settings),
				seed);
			Map<String, Object> row = new LinkedHashMap<>(candidate);
			row.put("devRisk", risk);
			tried.add(row);
			if (risk < bestRisk) {
				bestRisk = risk;
				best = m;
			}
			if (progress != null && progress.isCancelled()) break;
		}
		if (best == null) { // every risk NaN (degenerate stamps): no candidate can be said to be better
			throw new IllegalArgumentException("method=auto could not rank its candidates (deep-embedded-validation risks " +
				tried.stream().map(r -> String.valueOf(r.get("devRisk"))).toList() + "); choose a method explicitly");
		}
		best.provenance().put("autoSelection", tried);
		return best;
	}

	/**
	 * AdaBN (Li et al. 2016): the model with the moving batch-norm statistics of every layer replaced by their mean over
	 * the given stamps (one pass, batch statistics averaged with equal weights); every other weight is kept. Source
	 * validation metrics and history stay those of training.
	 */
	public static TrainedModel withTargetStatistics(TrainedModel m, StampSet target, SessionSettings settings) {
		m.checkGeometry(target);
		TrainingOptions o = m.options().copy().set("method", TrainingOptions.SOURCE_ONLY);
		int batch = Math.min(o.getInt("batch"), Math.max(2, target.count()));
		try (TrainingGraph g = new TrainingGraph(Network.byName(m.network()), o, m.height(), m.width(), m.bands(), m
			.classCount(), batch); Session session = new Session(g.graph, settings.config()))
		{
			g.params.assignAll(session, m.weights());
			adaptStatistics(session, g, m.normalisation().apply(target), target.count());
			Map<String, float[]> weights = g.params.read(session);
			weights.keySet().retainAll(m.weights().keySet());
			return new TrainedModel(m.network(), m.height(), m.width(), m.bands(), m.classNames(), m.normalisation(), m
				.options(), weights, m.history(), m.bestEpoch(), m.stopReason(), m.sourceValidation(), null, m.latent(), m
					.provenance(), m.placement(), m.trainingSeconds());
		}
	}

	/**
	 * Sets the moving batch-norm statistics to the mean of the batch statistics over consecutive batches of the
	 * normalised stamps (the last batch wraps around to fill the graph's fixed row count): batch t enters with share 1/t.
	 */
	private static void adaptStatistics(Session session, TrainingGraph g, float[] normalised, int n) {
		int rows = (int) g.x.shape().get(0), stamp = g.height * g.width * g.bands;
		float[] x = new float[rows * stamp];
		int batches = (n + rows - 1) / rows;
		for (int t = 0; t < batches; t++) {
			for (int i = 0; i < rows; i++)
				System.arraycopy(normalised, ((t * rows + i) % n) * stamp, x, i * stamp, stamp);
			try (TFloat32 xt = TFloat32.tensorOf(Shape.of(rows, g.height, g.width, g.bands), DataBuffers.of(x, true, false));
					TFloat32 share = TFloat32.scalarOf(1f / (t + 1)))
			{
				session.runner().feed(g.x, xt).feed(g.statisticsShare, share).addTarget(g.statisticsUpdate).run();
			}
		}
	}

	private TrainedModel run(Network net, Normalisation norm, StampSet labelled, StampSet adaptTarget,
		StampSet reportTarget, StampSet statisticsTarget, Observing observing, Map<String, float[]> initial,
		Progress progress, Consumer<EpochReport> listener, Map<String, Object> baseInfo)
	{
		Progress prog = progress == null ? Progress.NONE : progress;
		long t0 = System.nanoTime();
		int classes = labelled.classCount();
		if (classes < 2) throw new IllegalArgumentException(
			"training needs at least two classes, the labelled stamps have " + classes);
		int h = labelled.height(), w = labelled.width(), bands = labelled.bands();
		net.latentDim(h, w);
		SplittableRandom master = new SplittableRandom(options.getLong("seed"));
		SplittableRandom splitRng = master.split(), shuffleRng = master.split(), targetRng = master.split(), augRng = master
			.split(), dropoutRng = master.split();

		int[][] split = splitValidation(labelled, classes, options.getDouble("val-fraction"), splitRng);
		int[] trainIdx = split[0], valIdx = split[1];
		int[] labels = labelled.labels();
		// each stamp set is normalised once, whatever roles it plays (the target may be trained on, reported on and used by
		// AdaBN)
		Map<StampSet, float[]> normalisedSets = new IdentityHashMap<>();
		Function<StampSet, float[]> normalised = set -> normalisedSets.computeIfAbsent(set, norm::apply);
		float[] srcNorm = normalised.apply(labelled);
		float[] tgtNorm = adaptTarget == null ? null : normalised.apply(adaptTarget);
		float[] reportNorm = reportTarget != null && reportTarget.hasLabels() ? normalised.apply(reportTarget) : null;
		int stamp = h * w * bands;
		float[] valX = observing.validation() == null ? gather(srcNorm, valIdx, stamp) : norm.apply(reobserved(labelled
			.subset(valIdx), observing.validation(), options.getLong("seed")));
		int[] valY = new int[valIdx.length];
		for (int i = 0; i < valIdx.length; i++)
			valY[i] = labels[valIdx[i]];
		double[] classWeight = classWeights(trainIdx, labels, classes, options.get("class-weights").equals("balanced"));

		int batch = Math.min(options.getInt("batch"), trainIdx.length);
		if (batch < 2) throw new IllegalArgumentException("too few labelled training stamps (" + trainIdx.length +
			") for a batch of at least 2");
		boolean observe = observing.prior() != null;
		BatchSampler sampler = new BatchSampler(observe ? labelled.pixels() : srcNorm, trainIdx, labels, classWeight,
			tgtNorm, adaptTarget == null ? 0 : adaptTarget.count(), batch, stamp, classes, options.getBoolean("augment")
				? new Augmenter(h, w, bands) : null, observe ? new ObservationAugmenter(h, w, bands) : null, observing.prior(),
			norm, bands, shuffleRng, targetRng, augRng);
		int epochs = options.getInt("epochs");
		int stepsPerEpoch = sampler.stepsPerEpoch();
		long totalSteps = (long) epochs * stepsPerEpoch;
		SessionSettings settings = SessionSettings.of(options);
		EarlyStopping stopper = new EarlyStopping(options.get("early-stop"), options.getInt("patience"));
		List<EpochReport> history = new ArrayList<>();

		try (TrainingGraph g = new TrainingGraph(net, options, h, w, bands, classes, batch);
				Session session = new Session(g.graph, settings.config()))
		{
			g.params.assignAll(session, initial);
			Map<String, float[]> best = null;
			String stopReason = "completed";
			String placement = null;
			long step = 0;
			epochLoop:
			for (int epoch = 1; epoch <= epochs; epoch++) {
				long e0 = System.nanoTime();
				sampler.newEpoch();
				EpochStatistics stats = new EpochStatistics();
				double lambda = 0, lr = 0;
				for (int s = 0; s < stepsPerEpoch; s++) {
					if (prog.isCancelled()) {
						stopReason = "cancelled";
						break epochLoop;
					}
					double p = (double) step / totalSteps;
					step++;
					sampler.fill(s);
					lambda = options.lambdaAt(p);
					lr = options.learningRateAt(p);
					String traced = trainStep(session, g, sampler, lambda, lr, step, dropoutRng, stats, placement == null ||
						step == SessionSettings.profileStep(), "epoch " + epoch + " step " + (s + 1));
					if (traced != null) {
						placement = traced;
						settings.requireDevice(placement);
					}
					prog.update((double) step / totalSteps, "epoch " + epoch + "/" + epochs);
				}
				Prediction val = predict(session, g, valX, valIdx.length, h, w, bands, classes);
				Evaluation ve = Evaluation.of(valY, val);
				double targetAcc = Double.NaN;
				if (reportNorm != null) targetAcc = Evaluation.of(reportTarget.labels(), predict(session, g, reportNorm,
					reportTarget.count(), h, w, bands, classes)).accuracy();
				boolean improved = stopper.improved(epoch, ve);
				if (improved) best = g.params.read(session);
				EpochReport rep = new EpochReport(epoch, epochs, stats.meanLoss(), stats.mean(Objective.CROSS_ENTROPY), stats
					.mean(Objective.DOMAIN), stats.mean(Objective.MMD), stats.mean(Objective.CORAL), stats.mean(
						Objective.PSEUDO_LABELS), stats.mean(Objective.ENTROPY), stats.sourceAccuracy(), ve.meanLogLoss(), ve
							.accuracy(), stats.accuracy(Objective.DOMAIN), targetAcc, g.usesLambda ? lambda : Double.NaN, lr, (System
								.nanoTime() - e0) / 1e9, improved);
				history.add(rep);
				if (listener != null) listener.accept(rep);
				if (stopper.shouldStop(epoch, epochs)) {
					stopReason = "early-stopped";
					break;
				}
			}
			if (best == null) best = g.params.read(session);
			else g.params.assignAll(session, best);
			if (statisticsTarget != null) {
				adaptStatistics(session, g, normalised.apply(statisticsTarget), statisticsTarget.count());
				best = g.params.read(session);
			}
			Map<String, float[]> kept = new LinkedHashMap<>();
			for (Map.Entry<String, float[]> e : best.entrySet())
				if (!e.getKey().startsWith("domain/")) kept.put(e.getKey(), e.getValue());

			Prediction val = predict(session, g, valX, valIdx.length, h, w, bands, classes);
			Evaluation valEval = Evaluation.of(valY, val);
			Prediction tgtPred = null;
			Evaluation tgtEval = null;
			StampSet summaryTarget = adaptTarget != null ? adaptTarget : reportTarget;
			if (summaryTarget != null) {
				tgtPred = predict(session, g, normalised.apply(summaryTarget), summaryTarget.count(), h, w, bands, classes);
				if (summaryTarget.hasLabels()) tgtEval = Evaluation.of(summaryTarget.labels(), tgtPred);
			}
			LatentStatistics latent = LatentStatistics.of(val, valY, classes, tgtPred);
			Map<String, Object> provenance = new LinkedHashMap<>();
			provenance.put("source", describe(labelled, trainIdx.length, valIdx.length));
			if (summaryTarget != null) provenance.put("target", describe(summaryTarget, -1, -1));
			if (baseInfo != null) provenance.put("baseModel", baseInfo);
			if (observing.card() != null) provenance.put("observation", observing.card());
			return new TrainedModel(net.name(), h, w, bands, labelled.classNames(), norm, options.copy(), kept, history,
				stopper.bestEpoch(), stopReason, valEval, tgtEval, latent, provenance, placement == null ? "no step ran"
					: placement, observing.fitSeconds() + (System.nanoTime() - t0) / 1e9);
		}
	}

	/**
	 * Runs one training step on the sampler's arrays and adds its losses and accuracies to {@code stats}.
	 *
	 * @param trace trace this step and return where its ops ran (else return null)
	 */
	private String trainStep(Session session, TrainingGraph g, BatchSampler b, double lambda, double lr, long step,
		SplittableRandom dropoutRng, EpochStatistics stats, boolean trace, String where)
	{
		int h = g.height, w = g.width, bands = g.bands, batch = b.batch, classes = b.classes;
		List<Tensor> feeds = new ArrayList<>();
		try {
			Session.Runner r = session.runner().feed(g.x, keep(feeds, TFloat32.tensorOf(Shape.of(b.rows, h, w, bands),
				DataBuffers.of(b.x, true, false)))).feed(g.labels, keep(feeds, TFloat32.tensorOf(Shape.of(batch, classes),
					DataBuffers.of(b.oneHot, true, false)))).feed(g.weights, keep(feeds, TFloat32.tensorOf(Shape.of(batch),
						DataBuffers.of(b.weights, true, false)))).feed(g.lambda, keep(feeds, TFloat32.scalarOf((float) lambda)))
				.feed(g.lr, keep(feeds, TFloat32.scalarOf((float) lr))).feed(g.beta1Power, keep(feeds, TFloat32.scalarOf(
					(float) Math.pow(TrainingGraph.BETA1, step)))).feed(g.beta2Power, keep(feeds, TFloat32.scalarOf((float) Math
						.pow(TrainingGraph.BETA2, step)))).feed(g.dropoutRate, keep(feeds, TFloat32.scalarOf((float) options
							.getDouble("dropout")))).feed(g.seed, keep(feeds, TInt64.vectorOf(dropoutRng.nextLong(), dropoutRng
								.nextLong()))).addTarget(g.train).fetch(g.total).fetch(g.sourceLogits);
			for (LossTerm t : g.terms) {
				r.fetch(t.value());
				if (t.hasAccuracy()) r.fetch(t.rowLogits());
			}
			String placement = null;
			Result res;
			if (trace) {
				boolean profile = step == SessionSettings.profileStep();
				res = r.setOptions(RunOptions.newBuilder().setTraceLevel(profile ? RunOptions.TraceLevel.FULL_TRACE
					: RunOptions.TraceLevel.SOFTWARE_TRACE).build()).runAndFetchMetadata();
				placement = SessionSettings.describe(res.getMetadata().orElse(null));
				if (profile) SessionSettings.recordProfile(res.getMetadata().orElse(null));
			}
			else {
				res = r.run();
			}
			try (res) {
				double loss = scalar(res.get(0));
				if (!Double.isFinite(loss)) throw new IllegalStateException("training diverged at " + where + " (loss " + loss +
					"): lower lr or the adaptation weights");
				float[] logits = values(res.get(1), batch * classes);
				double[] termValues = new double[g.terms.size()];
				int i = 2;
				for (int k = 0; k < termValues.length; k++) {
					LossTerm t = g.terms.get(k);
					termValues[k] = scalar(res.get(i++));
					if (t.hasAccuracy()) {
						int width = (int) t.rowLogits().shape().get(1);
						stats.addRows(t, values(res.get(i++), t.rowClasses().length * width), width);
					}
				}
				stats.addStep(loss, g.terms, termValues, logits, b.batchLabels, classes);
			}
			return placement;
		}
		finally {
			for (Tensor t : feeds)
				t.close();
		}
	}

	private static Map<String, Object> describe(StampSet s, int train, int val) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("domain", s.domain());
		m.put("provenance", s.provenance());
		m.put("count", s.count());
		m.put("labelled", s.labelledCount());
		if (train >= 0) {
			m.put("training", train);
			m.put("validation", val);
		}
		return m;
	}

	/** Scores normalised stamps on the training graph's inference path (moving batch-norm statistics, no dropout). */
	static Prediction predict(Session session, TrainingGraph g, float[] normalised, int n, int h, int w, int bands,
		int classes)
	{
		int stamp = h * w * bands, bs = 256;
		float[] probs = new float[n * classes], lat = new float[n * g.latentDim];
		for (int start = 0; start < n; start += bs) {
			int m = Math.min(bs, n - start);
			try (TFloat32 t = TFloat32.tensorOf(Shape.of(m, h, w, bands), DataBuffers.of(normalised, true, false).slice(
				(long) start * stamp, (long) m * stamp));
					Result r = session.runner().feed(g.evalX, t).fetch(g.evalProbabilities).fetch(g.evalLatent).run())
			{
				((TFloat32) r.get(0)).copyTo(DataBuffers.of(probs, false, false).offset((long) start * classes));
				((TFloat32) r.get(1)).copyTo(DataBuffers.of(lat, false, false).offset((long) start * g.latentDim));
			}
		}
		return new Prediction(n, classes, g.latentDim, probs, lat, null);
	}

	/**
	 * The stamps re-observed once through draws near fitted observation models, from a stream of their own derived from
	 * the seed (so that training draws are unchanged): labelled source stamps that look like the target, for validation
	 * and label-free model selection. Labels, classes and provenance are kept.
	 */
	public static StampSet reobserved(StampSet set, List<ObservationModel> models, long seed) {
		float[] raw = set.pixels().clone();
		ObservationAugmenter aug = new ObservationAugmenter(set.height(), set.width(), set.bands());
		ObservationAugmenter.Prior prior = ObservationAugmenter.near(models);
		SplittableRandom r = new SplittableRandom(seed).split().split();
		for (int k = 0; k < set.count(); k++)
			aug.observe(raw, k, prior.draw(r));
		return new StampSet(set.count(), set.height(), set.width(), set.bands(), raw, set.hasLabels() ? set.labels() : null,
			set.hasLabels() ? set.classNames() : null, set.domain(), set.provenance() + ", re-observed as the target: " +
				models.get(0).describe());
	}

	/** Stratified split of the labelled stamps: {training indices, validation indices}. */
	static int[][] splitValidation(StampSet set, int classes, double fraction, SplittableRandom rng) {
		List<List<Integer>> byClass = new ArrayList<>();
		for (int c = 0; c < classes; c++)
			byClass.add(new ArrayList<>());
		for (int k = 0; k < set.count(); k++)
			if (set.label(k) >= 0) byClass.get(set.label(k)).add(k);
		int labelled = set.labelledCount();
		if (labelled < 4) throw new IllegalArgumentException("training needs at least 4 labelled stamps, got " + labelled);
		List<Integer> train = new ArrayList<>(), val = new ArrayList<>();
		for (List<Integer> members : byClass) {
			int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
			BatchSampler.shuffle(idx, rng);
			int nVal = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(fraction * idx.length));
			if (nVal >= idx.length) nVal = idx.length - 1;
			for (int i = 0; i < idx.length; i++)
				(i < nVal ? val : train).add(idx[i]);
		}
		if (val.isEmpty()) throw new IllegalArgumentException(
			"no class has two labelled stamps, so no validation split can be held out");
		return new int[][] { train.stream().mapToInt(Integer::intValue).sorted().toArray(), val.stream().mapToInt(
			Integer::intValue).sorted().toArray() };
	}

	private static double[] classWeights(int[] trainIdx, int[] labels, int classes, boolean balanced) {
		double[] wgt = new double[classes];
		Arrays.fill(wgt, 1);
		if (!balanced) return wgt;
		int[] counts = new int[classes];
		for (int k : trainIdx)
			counts[labels[k]]++;
		for (int c = 0; c < classes; c++)
			wgt[c] = counts[c] == 0 ? 0 : (double) trainIdx.length / (classes * counts[c]);
		return wgt;
	}

	private static float[] gather(float[] data, int[] idx, int stamp) {
		float[] out = new float[idx.length * stamp];
		for (int i = 0; i < idx.length; i++)
			System.arraycopy(data, idx[i] * stamp, out, i * stamp, stamp);
		return out;
	}

	private static <T extends Tensor> T keep(List<Tensor> list, T t) {
		list.add(t);
		return t;
	}

	private static double scalar(Tensor t) {
		return ((TFloat32) t).getFloat();
	}

	private static float[] values(Tensor t, int n) {
		float[] v = new float[n];
		((TFloat32) t).copyTo(DataBuffers.of(v, false, false));
		return v;
	}
}
