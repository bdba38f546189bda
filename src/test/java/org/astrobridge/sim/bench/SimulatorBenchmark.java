package org.astrobridge.sim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.Domain;
import org.astrobridge.sim.ObjectFactory;
import org.astrobridge.sim.SimulationSpec;
import org.astrobridge.sim.StampMaker;
import org.astrobridge.sim.Task;

/**
 * Prints stamps per second for 64 x 64 x 3 stamps: rendering alone (on 1 thread and on all processors) and a full run
 * that also writes the FITS stack, CSV and contact sheet. Arguments: [task] [domain] [n].
 */
public final class SimulatorBenchmark {

	private SimulatorBenchmark() {}

	public static void main(String[] args) throws Exception {
		String task = args.length > 0 ? args[0] : "mergers", domain = args.length > 1 ? args[1] : "sdss";
		int n = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
		int threads = Runtime.getRuntime().availableProcessors();
		StampMaker maker = new StampMaker(new ObjectFactory(Task.parse(task), 0, 0.12, 0.15), Domain.preset(domain), 3, 64,
			1);
		IntStream.range(0, 1000).forEach(maker::make); // JIT warm-up
		long t0 = System.nanoTime();
		IntStream.range(0, n).forEach(maker::make);
		double one = n / ((System.nanoTime() - t0) / 1e9);
		ForkJoinPool pool = new ForkJoinPool(threads);
		t0 = System.nanoTime();
		pool.submit(() -> IntStream.range(0, n).parallel().forEach(maker::make)).get();
		double all = n / ((System.nanoTime() - t0) / 1e9);
		pool.shutdown();
		Path dir = Files.createTempDirectory("simbench");
		t0 = System.nanoTime();
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", task, "domain", domain, "n", Integer.toString(n),
			"outputDir", dir.toString())));
		double full = n / ((System.nanoTime() - t0) / 1e9);
		try (var files = Files.walk(dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		System.out.printf("%s %s 64x64x3, n=%d: render %.0f stamps/s on 1 thread, %.0f stamps/s on %d threads;" +
			" full run with FITS+CSV+PNG %.0f stamps/s%n", task, domain, n, one, all, threads, full);
	}
}
