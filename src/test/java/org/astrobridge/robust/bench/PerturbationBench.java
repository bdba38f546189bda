package org.astrobridge.robust.bench;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.astrobridge.nn.StampSet;
import org.astrobridge.robust.AttackResult;
import org.astrobridge.robust.AttackSettings;
import org.astrobridge.robust.OnePixelAttack;
import org.astrobridge.robust.Perturbation;
import org.astrobridge.robust.Perturbations;
import org.astrobridge.robust.StampShape;

/**
 * Prints the time to apply every standard perturbation at its five default strengths to 1000 DeepMerge-sized stamps
 * (75x75x3), and the cost of the one-pixel attack machinery with a trivial model. Run: java -cp ...
 * org.astrobridge.robust.bench.PerturbationBench [stamps] [attacks]
 */
public final class PerturbationBench {

	public static void main(String[] args) {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		int attacks = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		StampShape shape = new StampShape(75, 75, 3);
		float[] px = new float[count * shape.size()];
		SplittableRandom r = new SplittableRandom(1);
		for (int k = 0; k < count; k++)
			for (int j = 0; j < 75; j++)
				for (int i = 0; i < 75; i++)
					for (int b = 0; b < 3; b++)
						px[k * shape.size() + shape.index(i, j, b)] = (float) (200 * Math.exp(-Math.hypot(i - 37, j - 37) / 4) + r
							.nextGaussian());
		StampSet set = StampSet.unlabelled(count, 75, 75, 3, px, "bench", null);
		System.out.printf("%d stamps 75x75x3, %d cores%n", count, Runtime.getRuntime().availableProcessors());
		Perturbations.byName("noise").apply(set, 1, 0); // warm-up
		long total = 0, totalCpu = 0;
		for (Perturbation p : Perturbations.standard()) {
			long t0 = System.nanoTime(), c0 = cpuNanos();
			for (double s : p.defaultStrengths())
				p.apply(set, s, 7);
			long dt = System.nanoTime() - t0, dc = cpuNanos() - c0;
			total += dt;
			totalCpu += dc;
			System.out.printf("%-13s 5 strengths: %7.2f s wall, %7.2f s CPU%n", p.name(), dt / 1e9, dc / 1e9);
		}
		System.out.printf("all %d perturbations x 5 strengths: %.2f s wall, %.2f s CPU (load average before: %.1f)%n",
			Perturbations.standard().size(), total / 1e9, totalCpu / 1e9, ManagementFactory.getOperatingSystemMXBean()
				.getSystemLoadAverage());

		// A toy model that is fooled only by a bright pixel at (60, 12): every attack runs its full budget of 100
		// generations unless DE finds the pixel, so this measures the attack's own cost per evaluation.
		OnePixelAttack attack = new OnePixelAttack(AttackSettings.defaults());
		long evaluations = 0, t0 = System.nanoTime();
		int successes = 0;
		for (int k = 0; k < attacks; k++) {
			float[] stamp = StampShape.stamp(set, k);
			AttackResult res = attack.attack(stamp, shape, batch -> {
				double[] p = new double[batch.length];
				for (int n = 0; n < batch.length; n++)
					p[n] = batch[n][shape.index(60, 12, 0)] > 150 ? 0.01 : 0.9;
				return p;
			}, k);
			evaluations += res.evaluations();
			if (res.success()) successes++;
		}
		double dt = (System.nanoTime() - t0) / 1e9;
		System.out.printf("load average: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		System.out.printf(
			"one-pixel attack, %d stamps: %d successes, %d evaluations, %.2f s (%.1f us per evaluation, model excluded)%n",
			attacks, successes, evaluations, dt, 1e6 * dt / evaluations);
	}

	/** CPU time of the whole process (all threads), so that figures survive a machine shared with other jobs. */
	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}
}
