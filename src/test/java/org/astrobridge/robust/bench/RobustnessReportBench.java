package org.astrobridge.robust.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.astrobridge.data.StampSetLoader;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.robust.Perturbations;
import org.astrobridge.robust.RobustnessEvaluator;
import org.astrobridge.robust.RobustnessReport;

/**
 * Wall and CPU time of a full robustness report: the shipped 48x48 merger model on labelled stamps, every standard
 * perturbation at its five default strengths, the one-pixel attack (report default budget) on 100 stamps, all files.
 * Run from the project root: java -cp ... org.astrobridge.robust.bench.RobustnessReportBench STAMPS.fits [attacked]
 * [threads] [outdir]
 */
public final class RobustnessReportBench {

	public static void main(String[] args) throws Exception {
		if (args.length < 1) throw new IllegalArgumentException(
			"usage: RobustnessReportBench STAMPS.fits [attacked] [threads] [outdir]");
		int attacked = args.length > 1 ? Integer.parseInt(args[1]) : 100;
		int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
		Path out = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("robustness-bench");
		StampSet stamps = StampSetLoader.load(Path.of(args[0]), null, null).stamps();
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		long cpu0 = cpu(), t0 = System.nanoTime();
		try (Predictor p = Predictor.open(Path.of("models/mergers-sim-to-sdss-dann.zip"), new SessionSettings(threads,
			"cpu")))
		{
			List<RobustnessEvaluator.Condition> conditions = Perturbations.standard().stream().map(
				RobustnessEvaluator.Condition::defaults).toList();
			long[] phase = { 0 };
			RobustnessEvaluator.Result r = new RobustnessEvaluator(conditions, attacked, RobustnessEvaluator.defaultAttack(),
				1).evaluate(List.of(new RobustnessEvaluator.NamedModel("dann", p::predict)), stamps, (f, m) -> {
					if (m != null && m.contains("attack 1/") && phase[0] == 0) phase[0] = System.nanoTime();
				});
			RobustnessReport.write(r, stamps, out);
			double wall = (System.nanoTime() - t0) / 1e9, attackWall = phase[0] == 0 ? 0 : (System.nanoTime() - phase[0]) /
				1e9;
			RobustnessEvaluator.AttackSummary a = r.attacks().isEmpty() ? null : r.attacks().get(0);
			System.out.printf(Locale.ROOT, "stamps=%d (%s) perturbations=%d x 5 strengths attacked=%d%n", stamps.count(),
				stamps.describeGeometry(), conditions.size(), attacked);
			System.out.printf(Locale.ROOT, "clean_accuracy=%.4f%n", r.clean("dann").accuracy());
			if (a != null) System.out.printf(Locale.ROOT,
				"attack: %d/%d successes, latent distance %.3f, %d evaluations, %.1f s (incl. report files)%n", a.successes(), a
					.attacked(), a.meanLatentDistance(), a.evaluations(), attackWall);
			System.out.printf(Locale.ROOT, "wall_s=%.1f cpu_s=%.1f load_before=%.1f load_after=%.1f out=%s%n", wall, (cpu() -
				cpu0) / 1e9, load, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), out);
		}
	}

	private static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}
}
