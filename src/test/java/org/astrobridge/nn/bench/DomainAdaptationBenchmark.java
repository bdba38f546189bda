package org.astrobridge.nn.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.astrobridge.nn.Evaluation;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.SyntheticStamps;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.nn.Trainer;
import org.astrobridge.nn.TrainingOptions;

/**
 * Domain-adaptation quality: target accuracy (mean +- std over seeds) of source-only, DANN, MMD and a
 * target-labelled oracle. The labelled target set is split in halves: the oracle trains on the first half's
 * labels; every method is scored on the second half. DANN and MMD see all target stamps without labels.
 * {@link #run} takes any stamp sets (the simulator's tasks); {@link #main} runs a small synthetic task.
 * <pre>java [-Dda.noise=0.35] -cp ... org.astrobridge.nn.bench.DomainAdaptationBenchmark [seeds 3] [epochs 15] [key=value ...]</pre>
 */
public final class DomainAdaptationBenchmark {

	public static final List<String> METHODS = List.of("source-only", "dann", "mmd", "oracle");

	/** Result per method: target accuracies, one per seed. */
	public static Map<String, double[]> run(StampSet source, StampSet labelledTarget, int seeds, Map<String, String> options, boolean verbose) {
		if (!labelledTarget.hasLabels()) throw new IllegalArgumentException("the benchmark needs a labelled target set to score");
		int n = labelledTarget.count();
		int[] perm = new int[n];
		for (int i = 0; i < n; i++) perm[i] = i;
		SplittableRandom r = new SplittableRandom(12345);
		for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
		StampSet oracleTrain = labelledTarget.subset(java.util.Arrays.copyOfRange(perm, 0, n / 2));
		StampSet test = labelledTarget.subset(java.util.Arrays.copyOfRange(perm, n / 2, n));
		StampSet unlabelledTarget = new StampSet(n, labelledTarget.height(), labelledTarget.width(), labelledTarget.bands(), labelledTarget.pixels(),
				null, null, labelledTarget.domain(), labelledTarget.provenance());
		Map<String, double[]> acc = new LinkedHashMap<>();
		SessionSettings cpu = new SessionSettings(0, "cpu");
		for (String method : METHODS) {
			double[] a = new double[seeds];
			for (int s = 0; s < seeds; s++) {
				Map<String, String> o = new LinkedHashMap<>(options);
				o.put("method", method.equals("oracle") ? "source-only" : method);
				o.put("seed", String.valueOf(s + 1));
				long t0 = System.nanoTime();
				TrainedModel m = method.equals("oracle")
						? new Trainer(TrainingOptions.fromMap(o)).train(oracleTrain, null, null, null)
						: new Trainer(TrainingOptions.fromMap(o)).train(source, method.equals("source-only") ? null : unlabelledTarget, null, null);
				a[s] = Evaluation.of(test.labels(), m.predict(test, cpu)).accuracy();
				if (verbose)
					System.out.printf(Locale.ROOT, "# %s seed %d: target acc %.3f (source val acc %.3f, %d epochs, %.0f s)%n", method, s + 1, a[s],
							m.sourceValidation().accuracy(), m.history().size(), (System.nanoTime() - t0) / 1e9);
			}
			acc.put(method, a);
		}
		return acc;
	}

	public static void print(Map<String, double[]> acc) {
		System.out.println("| method | target accuracy (mean +- std) |");
		System.out.println("|---|---|");
		for (Map.Entry<String, double[]> e : acc.entrySet()) {
			double[] a = e.getValue();
			double m = 0, v = 0;
			for (double x : a) m += x / a.length;
			for (double x : a) v += (x - m) * (x - m) / Math.max(1, a.length - 1);
			System.out.printf(Locale.ROOT, "| %s | %.1f %% +- %.1f |%n", e.getKey(), 100 * m, 100 * Math.sqrt(v));
		}
	}

	public static void main(String[] args) {
		int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
		int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
		Map<String, String> options = new LinkedHashMap<>();
		options.put("epochs", String.valueOf(epochs));
		for (int i = 2; i < args.length; i++) {
			String[] kv = args[i].split("=", 2);
			options.put(kv[0], kv[1]);
		}
		// Synthetic task: clean bright source, faint noisy target (a simulation -> survey gap).
		StampSet source = SyntheticStamps.make(400, 32, 1, 0.0, 1.0, 101, true, "clean");
		double noise = Double.parseDouble(System.getProperty("da.noise", "0.35"));
		StampSet target = SyntheticStamps.make(400, 32, 1, noise, 0.5, 202, true, "noisy");
		System.out.println("# synthetic 32x32x1, 400 source / 400 target stamps (target noise " + noise + ", brightness x0.5), options " + options);
		print(run(source, target, seeds, options, true));
	}
}
