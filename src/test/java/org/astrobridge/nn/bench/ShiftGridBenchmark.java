package org.astrobridge.nn.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.astrobridge.nn.DeepEmbeddedValidation;
import org.astrobridge.nn.Evaluation;
import org.astrobridge.nn.ObservationMatcher;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.nn.Trainer;
import org.astrobridge.nn.TrainingOptions;
import org.astrobridge.sim.Bands;
import org.astrobridge.sim.Domain;
import org.astrobridge.sim.ObjectFactory;
import org.astrobridge.sim.StampMaker;
import org.astrobridge.sim.Task;

/**
 * Does domain adaptation transfer to observations we did not tune on? The source is the simulator's idealised
 * {@code sim} domain (0.25"/px, Gaussian PSF of 1.4 px FWHM, almost no noise); each target domain of the grid
 * re-renders the same kind of objects through a changed observation model (the simulator's renderer and camera, not the
 * training augmentation's code): PSF width and profile, pixel scale (binning), depth, quantisation and sky-subtraction
 * residuals. The grid is split into shifts for tuning and held-out shifts, fixed here before any result was seen;
 * {@code split=held-out} runs the latter.
 * <p>
 * Per shift: source-only, each method and the oracle (source-only training on the shift's labelled target stamps), over
 * seeds, scored on a separate labelled target test set; the table gives mean +- std and the share of the source-only ->
 * oracle gap each method closes. Methods: {@code BASE[+augment|+match][+adabn][+self]} with BASE one of source-only,
 * dann, mmd, coral ({@code augment} = augment-observation=random; {@code match} = augment-observation=matched;
 * {@code adabn} = target batch-norm statistics after training, {@link Trainer#withTargetStatistics}; {@code self} =
 * pseudo-label-weight=1), and {@code oracle}. Models that never read the target (source-only, augment) are trained once
 * per seed and serve every shift. The "auto (DEV)" column picks, per shift and seed, the method of least
 * deep-embedded-validation risk among {@code auto=} (default: every non-oracle method), weighing the source validation
 * stamps re-observed through the observation model fitted to the shift, as method=auto does.
 *
 * <pre>
 * bin/astrobridge benchmark shift-grid [tasks=mergers,shape] [bands=1] [split=tune|held-out|all] [shifts=NAME,...]
 *     [methods=source-only,augment,augment+adabn,coral,oracle] [auto=METHOD,...] [seeds=3] [n=1000] [test=1000] [size=32] [epochs=10] [training-option=value ...]
 * </pre>
 */
public final class ShiftGridBenchmark {

	/**
	 * A target domain: the source domain changed by {@code observe}, then a per-stamp sky-subtraction residual of
	 * uniform -skyOffset..skyOffset times the sky noise added to each band.
	 */
	record Shift(String name, boolean heldOut, String description, UnaryOperator<Domain> observe, double skyOffset) {
		Domain domain(Domain source) {
			return renamed(observe.apply(source), name);
		}
	}

	/** Exposure of the sim preset's instrument that gives SDSS's depth (the sim preset is 160000 times deeper). */
	static final double SDSS_EXPOSURE = 53.9;

	/** The grid, fixed before any result: 4 tuning shifts, 4 held out. PSF FWHM in source pixels (0.25"). */
	static final List<Shift> GRID = List.of(new Shift("psf2-gauss", false, "Gaussian PSF 2 px", d -> d.withPsfFwhm(0.5)
		.withMoffatBeta(0), 0), new Shift("psf4-moffat-deep", false, "Moffat(3.5) PSF 4 px, noise sigma 1/2 SDSS", d -> d
			.withPsfFwhm(1.0).withMoffatBeta(3.5).withExposure(4 * SDSS_EXPOSURE), 0), new Shift("bin2-deep", false,
				"2x2 binning (0.5\"/px), Gaussian PSF 2.4 px, noise 1/4 SDSS", d -> d.withPixelScale(0.5).withPsfFwhm(0.6)
					.withExposure(16 * SDSS_EXPOSURE), 0), new Shift("psf3-sdss-quant-sky", false,
						"Moffat(2.5) PSF 3 px, SDSS noise, quantised q=2, sky residual 1 sigma", d -> d.withPsfFwhm(0.75)
							.withMoffatBeta(2.5).withExposure(SDSS_EXPOSURE).withQuantize(2), 1), new Shift("psf5-gauss", true,
								"Gaussian PSF 5 px", d -> d.withPsfFwhm(1.25).withMoffatBeta(0), 0), new Shift("psf3-moffat-sdss", true,
									"Moffat(4.765) PSF 3 px, SDSS noise", d -> d.withPsfFwhm(0.75).withMoffatBeta(4.765).withExposure(
										SDSS_EXPOSURE), 0), new Shift("observed", true,
											"Moffat(3.5) PSF 4 px, 2x2 binning, noise 0.7 SDSS, quantised q=4, sky residual 2 sigma", d -> d
												.withPsfFwhm(1.0).withMoffatBeta(3.5).withPixelScale(0.5).withExposure(2 * SDSS_EXPOSURE)
												.withQuantize(4), 2), new Shift("scale1.5-deep-quant", true,
													"1.5x pixels (0.375\"/px), Gaussian PSF 3.6 px, noise 1/6 SDSS, quantised q=1", d -> d
														.withPixelScale(0.375).withPsfFwhm(0.9).withMoffatBeta(0).withExposure(40 * SDSS_EXPOSURE)
														.withQuantize(1), 0));

	static Domain renamed(Domain d, String name) {
		return new Domain(name, d.pixelScale(), d.psfFwhm(), d.moffatBeta(), d.skyMag(), d.zeropoint(), d.exposure(), d
			.gain(), d.readNoise(), d.saturation(), d.cosmicRays(), d.badColumns(), d.quantize(), d.noise());
	}

	/** Stamps 0..n-1 of a simulator seed observed through a domain, with an optional sky residual, labelled. */
	static StampSet render(Task task, Domain domain, double skyOffset, int n, int size, int bands, long seed) {
		StampMaker maker = new StampMaker(new ObjectFactory(task, 0, 0.12, 0.15), domain, bands, size, seed);
		int b = maker.bandCount();
		StampMaker.Batch batch = maker.makeAll(n);
		float[] px = batch.pixels();
		if (skyOffset > 0) {
			int[] sel = Bands.select(bands);
			for (int k = 0; k < n; k++) {
				SplittableRandom r = ObjectFactory.stream(seed, k, 99);
				for (int c = 0; c < b; c++) {
					float off = (float) ((2 * r.nextDouble() - 1) * skyOffset * domain.skyNoise(sel[c]));
					for (int p = 0; p < size * size; p++)
						px[(k * size * size + p) * b + c] += off;
				}
			}
		}
		return new StampSet(n, size, size, b, px, batch.labels(), task.classes().subList(0, task.baseClassCount()).toArray(
			new String[0]), domain.name(), task.id() + "/" + domain.name() + " seed " + seed);
	}

	/**
	 * A method of the table: training method, observation augmentation (none, random or matched), target batch-norm
	 * statistics, self-training; or the oracle.
	 */
	record Method(String label, String base, String observation, boolean adabn, boolean self) {
		/**
		 * Parts joined by '+' in any order: at most one base (source-only when none) and the flags augment (random
		 * observations), match (observations fitted to the target), adabn, self.
		 */
		static Method parse(String s) {
			List<String> bases = List.of("oracle", TrainingOptions.SOURCE_ONLY, TrainingOptions.DANN, TrainingOptions.MMD,
				TrainingOptions.CORAL);
			String base = null, observation = TrainingOptions.OBSERVATION_NONE;
			boolean bn = false, self = false;
			for (String part : s.split("\\+")) {
				switch (part) {
					case "augment" -> observation = TrainingOptions.OBSERVATION_RANDOM;
					case "match" -> observation = TrainingOptions.OBSERVATION_MATCHED;
					case "adabn" -> bn = true;
					case "self" -> self = true;
					default -> {
						if (!bases.contains(part) || base != null) throw new IllegalArgumentException("bad method '" + s +
							"': parts joined by +, one base of " + bases + " and augment, match, adabn, self");
						base = part;
					}
				}
			}
			if (base == null) base = TrainingOptions.SOURCE_ONLY;
			return new Method(s, base, observation, bn, self);
		}

		/** Whether training reads the target (else one model per seed serves every shift). */
		boolean seesTarget() {
			return !base.equals(TrainingOptions.SOURCE_ONLY) || self || observation.equals(
				TrainingOptions.OBSERVATION_MATCHED);
		}

		/** The model this method evaluates, AdaBN aside. */
		String modelKey() {
			return base + "+" + observation + (self ? "+self" : "");
		}
	}

	/** One shift's data: target training stamps (labels used only by the oracle) and the labelled test set. */
	record ShiftData(Shift shift, StampSet target, StampSet unlabelledTarget, StampSet test) {}

	public static void main(String[] args) {
		Map<String, String> d = new LinkedHashMap<>();
		d.put("tasks", "mergers,shape");
		d.put("bands", "1");
		d.put("split", "tune");
		d.put("shifts", "");
		d.put("methods", "source-only,augment,augment+adabn,coral,oracle");
		d.put("auto", "");
		d.put("seeds", "3");
		d.put("n", "1000");
		d.put("test", "1000");
		d.put("size", "32");
		d.put("epochs", "10");
		BenchmarkArguments parsed = BenchmarkArguments.parse(args, d);
		Map<String, String> a = parsed.own, options = parsed.training;
		options.put("epochs", a.get("epochs"));
		TrainingOptions.fromMap(options); // fail early on a bad training option
		int seeds = Integer.parseInt(a.get("seeds")), n = Integer.parseInt(a.get("n")), nTest = Integer.parseInt(a.get(
			"test"));
		int size = Integer.parseInt(a.get("size"));
		String split = a.get("split");
		if (!List.of("tune", "held-out", "all").contains(split)) throw new IllegalArgumentException(
			"split must be tune, held-out or all, got " + split);
		List<String> only = a.get("shifts").isEmpty() ? List.of() : List.of(a.get("shifts").split(","));
		List<Shift> shifts = new ArrayList<>();
		for (Shift s : GRID)
			if ((only.isEmpty() || only.contains(s.name())) && (split.equals("all") || s.heldOut() == split.equals(
				"held-out"))) shifts.add(s);
		if (shifts.isEmpty()) throw new IllegalArgumentException("no shift of the grid matches split=" + split +
			" shifts=" + a.get("shifts"));
		List<Method> methods = new ArrayList<>();
		for (String m : a.get("methods").split(","))
			methods.add(Method.parse(m.trim()));
		List<String> autoAmong = a.get("auto").isEmpty() ? List.of() : List.of(a.get("auto").split(","));
		for (String m : autoAmong)
			if (methods.stream().noneMatch(x -> x.label().equals(m))) throw new IllegalArgumentException("auto=" + a.get(
				"auto") + " names " + m + ", which is not among methods=" + a.get("methods"));
		SessionSettings settings = new SessionSettings(Integer.parseInt(options.getOrDefault("threads", "0")), "cpu");
		System.out.printf(Locale.ROOT,
			"# shift grid: split %s, %d seeds, %d source + %d target training stamps, %d target test stamps, %dx%d px; options %s%n",
			split, seeds, n, n, nTest, size, size, options);
		long t0 = System.nanoTime();
		List<String> out = new ArrayList<>();
		for (String bandArg : a.get("bands").split(","))
			for (String taskName : a.get("tasks").split(",")) {
				int bands = Integer.parseInt(bandArg);
				Task task = Task.parse(taskName);
				out.addAll(runTask(task, bands, shifts, methods, autoAmong, seeds, n, nTest, size, options, settings));
			}
		out.forEach(System.out::println);
		System.out.printf(Locale.ROOT, "# wall time %.1f min%n", (System.nanoTime() - t0) / 60e9);
	}

	static List<String> runTask(Task task, int bands, List<Shift> shifts, List<Method> methods, List<String> autoAmong,
		int seeds, int n, int nTest, int size, Map<String, String> options, SessionSettings settings)
	{
		Domain sourceDomain = Domain.preset("sim");
		StampSet source = render(task, sourceDomain, 0, n, size, bands, 1);
		// labelled source stamps no model trains on, for label-free model selection (DEV)
		StampSet sourceVal = render(task, sourceDomain, 0, Math.max(200, n / 2), size, bands, 4);
		List<ShiftData> data = new ArrayList<>();
		for (Shift s : shifts) {
			Domain dom = s.domain(sourceDomain);
			StampSet target = render(task, dom, s.skyOffset(), n, size, bands, 2);
			StampSet test = render(task, dom, s.skyOffset(), nTest, size, bands, 3);
			data.add(new ShiftData(s, target, DomainAdaptationBenchmark.withoutLabels(target), test));
		}
		String where = task.id() + ", " + bands + " band" + (bands > 1 ? "s" : "");
		System.out.printf(Locale.ROOT, "# task %s: source sim, %d shifts%n", where, shifts.size());
		// accuracy[method][shift][seed], training seconds per method
		Map<String, double[][]> acc = new LinkedHashMap<>();
		Map<String, double[]> seconds = new LinkedHashMap<>();
		Map<String, double[][]> risk = new LinkedHashMap<>();
		for (Method m : methods) {
			acc.put(m.label(), new double[data.size()][seeds]);
			risk.put(m.label(), new double[data.size()][seeds]);
			seconds.put(m.label(), new double[] { 0, 0 });
		}
		for (int seed = 1; seed <= seeds; seed++) {
			Map<String, TrainedModel> shared = new LinkedHashMap<>(); // source-only based models, one per seed
			// DEV weighs the source validation stamps re-observed through the observation model fitted to the shift, as
			// method=auto does
			Map<String, StampSet> devValidation = new LinkedHashMap<>();
			long seedOf = seed;
			for (int si = 0; si < data.size(); si++) {
				ShiftData sd = data.get(si);
				Map<String, TrainedModel> perShift = new LinkedHashMap<>();
				for (Method m : methods) {
					String key = m.modelKey();
					Map<String, TrainedModel> cache = m.seesTarget() ? perShift : shared;
					TrainedModel model = cache.get(key);
					if (model == null) {
						Map<String, String> o = new LinkedHashMap<>(options);
						o.put("method", m.base().equals("oracle") ? TrainingOptions.SOURCE_ONLY : m.base());
						o.put("augment-observation", m.base().equals("oracle") ? TrainingOptions.OBSERVATION_NONE : m
							.observation());
						if (m.self()) o.put("pseudo-label-weight", options.getOrDefault("pseudo-label-weight", "1"));
						o.put("seed", String.valueOf(seed));
						Trainer trainer = new Trainer(TrainingOptions.fromMap(o));
						model = switch (m.base()) {
							case "oracle" -> trainer.train(sd.target(), null, null, null);
							case TrainingOptions.SOURCE_ONLY -> trainer.train(source, m.seesTarget() ? sd.unlabelledTarget() : null,
								null, null);
							default -> trainer.train(source, sd.unlabelledTarget(), null, null);
						};
						cache.put(key, model);
						System.out.printf(Locale.ROOT,
							"#   trained %s seed %d%s: %.0f s, source val acc %.3f, best epoch %d of %d%n", key, seed, m.seesTarget()
								? " for " + sd.shift().name() : "", model.trainingSeconds(), model.sourceValidation().accuracy(), model
									.bestEpoch(), model.history().size());
						if (model.provenance().get("observation") instanceof Map<?, ?> obs && obs.get("summary") != null) System.out
							.printf(Locale.ROOT, "#     observation fitted to %s: %s%n", sd.shift().name(), obs.get("summary"));
					}
					// the cost of a method is its model's training time (plus AdaBN's pass), whether or not the model was shared
					double cost = model.trainingSeconds();
					if (m.adabn()) {
						long b0 = System.nanoTime();
						model = Trainer.withTargetStatistics(model, sd.unlabelledTarget(), settings);
						cost += (System.nanoTime() - b0) / 1e9;
					}
					double[] sec = seconds.get(m.label());
					sec[0] += cost;
					sec[1]++;
					double ac = Evaluation.of(sd.test().labels(), model.predict(sd.test(), settings)).accuracy();
					acc.get(m.label())[si][seed - 1] = ac;
					double dev = Double.NaN;
					if (!m.base().equals("oracle")) {
						StampSet val = devValidation.computeIfAbsent(sd.shift().name(), k -> Trainer.reobserved(sourceVal,
							ObservationMatcher.fit(source, sd.unlabelledTarget(), seedOf).accepted(), seedOf));
						dev = DeepEmbeddedValidation.risk(model.predict(val, settings), val.labels(), model.predict(sd
							.unlabelledTarget(), settings), seed);
						risk.get(m.label())[si][seed - 1] = dev;
					}
					System.out.printf(Locale.ROOT, "# %s %s %s seed %d: target test acc %.3f, DEV risk %.4f%n", where, sd.shift()
						.name(), m.label(), seed, ac, dev);
				}
			}
		}
		List<String> rows = new ArrayList<>();
		List<Method> columns = new ArrayList<>(methods);
		List<Method> candidates = methods.stream().filter(m -> !m.base().equals("oracle") && (autoAmong.isEmpty() ||
			autoAmong.contains(m.label()))).toList();
		if (candidates.size() > 1) {
			Method auto = new Method(AUTO, AUTO, TrainingOptions.OBSERVATION_NONE, false, false);
			double[][] autoAcc = new double[data.size()][seeds];
			int[] within = new int[2], total = new int[2];
			for (int i = 0; i < data.size(); i++)
				for (int s = 0; s < seeds; s++) {
					Method pick = null;
					double best = Double.NEGATIVE_INFINITY;
					for (Method m : candidates) {
						if (pick == null || risk.get(m.label())[i][s] < risk.get(pick.label())[i][s]) pick = m;
						best = Math.max(best, acc.get(m.label())[i][s]);
					}
					autoAcc[i][s] = acc.get(pick.label())[i][s];
					int split = data.get(i).shift().heldOut() ? 1 : 0;
					total[split]++;
					if (autoAcc[i][s] >= best - 0.02) within[split]++;
					System.out.printf(Locale.ROOT, "# %s %s seed %d: DEV picks %s (%.3f; best candidate %.3f)%n", where, data.get(
						i).shift().name(), s + 1, pick.label(), autoAcc[i][s], best);
				}
			acc.put(AUTO, autoAcc);
			double cost = 0;
			for (Method m : candidates)
				cost += seconds.get(m.label())[0] / Math.max(1, seconds.get(m.label())[1]);
			seconds.put(AUTO, new double[] { cost, 1 });
			columns.add(auto);
			for (int split = 0; split < 2; split++)
				if (total[split] > 0) rows.add(String.format(Locale.ROOT,
					"# %s, %s shifts: DEV picks within 2 points of the best candidate in %d of %d (shift, seed) pairs", where,
					split == 1 ? "held-out" : "tune", within[split], total[split]));
		}
		rows.addAll(table(where, data, columns, acc, seconds));
		return rows;
	}

	/** The column of label-free selection among the other methods (oracle excluded) by DEV risk. */
	static final String AUTO = "auto (DEV)";

	/** The markdown table of one task: a row per shift, then the mean over tuning and over held-out shifts. */
	static List<String> table(String where, List<ShiftData> data, List<Method> methods, Map<String, double[][]> acc,
		Map<String, double[]> seconds)
	{
		List<String> rows = new ArrayList<>();
		String so = methods.stream().map(Method::label).filter(l -> l.equals(TrainingOptions.SOURCE_ONLY)).findFirst()
			.orElse(null);
		String oracle = methods.stream().map(Method::label).filter(l -> l.equals("oracle")).findFirst().orElse(null);
		boolean gaps = so != null && oracle != null;
		StringBuilder head = new StringBuilder("| " + where + ": shift | split |"), line = new StringBuilder("|---|---|");
		for (Method m : methods) {
			head.append(' ').append(m.label()).append(" |");
			line.append("---|");
		}
		rows.add("");
		rows.add(head.toString());
		rows.add(line.toString());
		for (boolean heldOut : new boolean[] { false, true }) {
			List<Integer> idx = new ArrayList<>();
			for (int i = 0; i < data.size(); i++)
				if (data.get(i).shift().heldOut() == heldOut) idx.add(i);
			if (idx.isEmpty()) continue;
			String splitName = heldOut ? "held-out" : "tune";
			for (int i : idx) {
				StringBuilder r = new StringBuilder("| " + data.get(i).shift().name() + " | " + splitName + " |");
				for (Method m : methods) {
					double[] ms = BenchmarkArguments.meanAndStd(acc.get(m.label())[i]);
					r.append(String.format(Locale.ROOT, " %.1f +- %.1f", 100 * ms[0], 100 * ms[1]));
					if (gaps && !m.label().equals(so) && !m.label().equals("oracle")) r.append(String.format(Locale.ROOT, " (%s)",
						gapShare(acc, so, oracle, m.label(), i)));
					r.append(" |");
				}
				rows.add(r.toString());
			}
			StringBuilder r = new StringBuilder("| **mean, " + splitName +
				"** (share of the summed gap closed; worst shift vs source-only, points) | " + splitName + " |");
			for (Method m : methods) {
				double mean = 0, gained = 0, gap = 0, worst = Double.POSITIVE_INFINITY;
				for (int i : idx) {
					double v = mean(acc.get(m.label())[i]);
					mean += v / idx.size();
					if (gaps) {
						double s = mean(acc.get(so)[i]), o = mean(acc.get(oracle)[i]);
						gained += v - s;
						gap += o - s;
						worst = Math.min(worst, v - s);
					}
				}
				r.append(String.format(Locale.ROOT, " %.1f", 100 * mean));
				if (gaps && !m.label().equals(so) && !m.label().equals("oracle")) r.append(String.format(Locale.ROOT,
					" (%.0f %%; %+.1f)", 100 * gained / gap, 100 * worst));
				r.append(" |");
			}
			rows.add(r.toString());
		}
		StringBuilder t = new StringBuilder("| training s per model (mean) | |");
		for (Method m : methods) {
			double[] s = seconds.get(m.label());
			t.append(String.format(Locale.ROOT, " %.0f |", s[1] == 0 ? Double.NaN : s[0] / s[1]));
		}
		rows.add(t.toString());
		return rows;
	}

	static String gapShare(Map<String, double[][]> acc, String so, String oracle, String m, int i) {
		double s = mean(acc.get(so)[i]), o = mean(acc.get(oracle)[i]), v = mean(acc.get(m)[i]);
		if (o - s < 0.02) return String.format(Locale.ROOT, "gap %.1f pt", 100 * (o - s));
		return String.format(Locale.ROOT, "%.0f %%", 100 * (v - s) / (o - s));
	}

	static double mean(double[] a) {
		return BenchmarkArguments.meanAndStd(a)[0];
	}
}
