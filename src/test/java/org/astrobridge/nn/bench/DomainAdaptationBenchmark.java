package org.astrobridge.nn.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.astrobridge.nn.EpochReport;
import org.astrobridge.nn.Evaluation;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.nn.Trainer;
import org.astrobridge.nn.TrainingOptions;
import org.astrobridge.sim.Domain;
import org.astrobridge.sim.Task;

/**
 * Domain-adaptation quality on the simulator's tasks: target accuracy (mean +- std over seeds) of source-only, DANN,
 * MMD and a target-labelled oracle. Per task three sets are rendered in memory: labelled source (simulator seed 1),
 * target training stamps (seed 2; unlabelled for DANN and MMD, labelled for the oracle) and a labelled target test set
 * (seed 3) on which every method is scored. Same arguments, same data.
 *
 * <pre>
 * java -cp ... org.astrobridge.nn.bench.DomainAdaptationBenchmark [tasks=mergers,noise] [methods=source-only,dann,mmd,oracle]
 *     [seeds=3] [n=2000] [test=1000] [size=32] [bands=3] [epochs=15] [trace=false] [training-option=value ...]
 * </pre>
 *
 * {@code n} is the count of source and of target training stamps; {@code trace=true} prints each epoch with the target
 * accuracy on the target training stamps (their labels are only reported, never trained on).
 */
public final class DomainAdaptationBenchmark {

	/** Source and target domain of each task. */
	static final Map<String, String[]> TASKS = Map.of("mergers", new String[] { "sim", "sdss" }, "noise", new String[] {
		"lsst-y10", "lsst-y1" });

	/** Renders stamps {@code 0..n-1} of a simulator seed in one domain preset, labelled. */
	static StampSet render(String task, String domain, int n, int size, int bands, long seed) {
		return ShiftGridBenchmark.render(Task.parse(task), Domain.preset(domain), 0, n, size, bands, seed);
	}

	static StampSet withoutLabels(StampSet s) {
		return StampSet.unlabelled(s.count(), s.height(), s.width(), s.bands(), s.pixels(), s.domain(), s.provenance());
	}

	/** Target test accuracies per method, one per seed. */
	static Map<String, double[]> run(StampSet source, StampSet target, StampSet test, List<String> methods, int seeds,
		Map<String, String> options, boolean trace)
	{
		StampSet unlabelledTarget = withoutLabels(target);
		Map<String, double[]> acc = new LinkedHashMap<>();
		SessionSettings settings = new SessionSettings(Integer.parseInt(options.getOrDefault("threads", "0")), "cpu");
		for (String method : methods) {
			double[] a = new double[seeds];
			for (int s = 0; s < seeds; s++) {
				Map<String, String> o = new LinkedHashMap<>(options);
				o.put("method", method.equals("oracle") ? TrainingOptions.SOURCE_ONLY : method);
				o.put("seed", String.valueOf(s + 1));
				long t0 = System.nanoTime();
				Trainer trainer = new Trainer(TrainingOptions.fromMap(o));
				java.util.function.Consumer<EpochReport> log = trace ? r -> System.out.println("#   " + r.line()) : null;
				TrainedModel m = switch (method) {
					case "oracle" -> trainer.train(target, null, null, log);
					case TrainingOptions.SOURCE_ONLY -> trainer.train(source, trace ? target : null, null, log);
					default -> trainer.train(source, trace ? target : unlabelledTarget, null, log);
				};
				a[s] = Evaluation.of(test.labels(), m.predict(test, settings)).accuracy();
				System.out.printf(Locale.ROOT,
					"# %s seed %d: target test acc %.3f (source val acc %.3f, best epoch %d of %d, %.0f s)%n", method, s + 1,
					a[s], m.sourceValidation().accuracy(), m.bestEpoch(), m.history().size(), (System.nanoTime() - t0) / 1e9);
			}
			acc.put(method, a);
		}
		return acc;
	}

	static String summary(double[] a) {
		double[] ms = BenchmarkArguments.meanAndStd(a);
		return String.format(Locale.ROOT, "%.1f %% +- %.1f", 100 * ms[0], 100 * ms[1]);
	}

	public static void main(String[] args) {
		Map<String, String> d = new LinkedHashMap<>();
		d.put("tasks", "mergers,noise");
		d.put("methods", "source-only,dann,mmd,oracle");
		d.put("seeds", "3");
		d.put("n", "2000");
		d.put("test", "1000");
		d.put("size", "32");
		d.put("bands", "3");
		d.put("epochs", "15");
		d.put("trace", "false");
		BenchmarkArguments parsed = BenchmarkArguments.parse(args, d);
		Map<String, String> a = parsed.own, options = parsed.training;
		options.put("epochs", a.get("epochs"));
		TrainingOptions.fromMap(options); // fail early on a bad training option
		int seeds = Integer.parseInt(a.get("seeds")), n = Integer.parseInt(a.get("n")), nTest = Integer.parseInt(a.get(
			"test"));
		int size = Integer.parseInt(a.get("size")), bands = Integer.parseInt(a.get("bands"));
		List<String> methods = List.of(a.get("methods").split(","));
		System.out.printf(Locale.ROOT,
			"# %d seeds; %d source + %d target training stamps, %d target test stamps, %dx%d px x %d band(s); options %s%n",
			seeds, n, n, nTest, size, size, bands, options);
		long t0 = System.nanoTime();
		List<String> rows = new ArrayList<>();
		for (String task : a.get("tasks").split(",")) {
			String[] dom = TASKS.get(task);
			if (dom == null) throw new IllegalArgumentException("unknown task '" + task + "'; expected " + String.join(", ",
				TASKS.keySet()));
			StampSet source = render(task, dom[0], n, size, bands, 1);
			StampSet target = render(task, dom[1], n, size, bands, 2);
			StampSet test = render(task, dom[1], nTest, size, bands, 3);
			System.out.printf(Locale.ROOT, "# task %s: %s -> %s%n", task, dom[0], dom[1]);
			Map<String, double[]> acc = run(source, target, test, methods, seeds, options, Boolean.parseBoolean(a.get(
				"trace")));
			for (Map.Entry<String, double[]> e : acc.entrySet())
				rows.add(String.format(Locale.ROOT, "| %s (%s -> %s) | %s | %s |", task, dom[0], dom[1], e.getKey(), summary(e
					.getValue())));
		}
		System.out.println("| task | method | target accuracy (mean +- std) |");
		System.out.println("|---|---|---|");
		rows.forEach(System.out::println);
		System.out.printf(Locale.ROOT, "# wall time %.1f min%n", (System.nanoTime() - t0) / 60e9);
	}
}
