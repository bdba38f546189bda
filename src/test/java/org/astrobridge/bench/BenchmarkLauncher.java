package org.astrobridge.bench;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of {@code bin/astrobridge benchmark NAME ...} and {@code bin/astrobridge gui-check}: the subcommands
 * whose code lives with the tests (benchmarks generate data and compare against peers; the GUI check drives windows).
 * The script runs this class on the test class path, so the plugin jar and the class path of every other subcommand
 * hold no test code. Like {@code org.astrobridge.cli.Main} it must not touch an {@code ij.*} class before ImageJ is
 * patched for headless use, so everything is reached by name.
 */
public final class BenchmarkLauncher {

	/** Benchmark names, as documented in docs/benchmarks.md, and their main classes. */
	public static final Map<String, String> BENCHMARKS = benchmarks();

	private static Map<String, String> benchmarks() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("fits-read", "org.astrobridge.fits.bench.FitsReadBenchmark");
		m.put("simulator", "org.astrobridge.sim.bench.SimulatorBenchmark");
		m.put("training-speed", "org.astrobridge.nn.bench.ThroughputBenchmark");
		m.put("training-profile", "org.astrobridge.nn.bench.TrainingProfileBenchmark");
		m.put("da", "org.astrobridge.nn.bench.DomainAdaptationBenchmark");
		m.put("shift-grid", "org.astrobridge.nn.bench.ShiftGridBenchmark");
		m.put("detection", "org.astrobridge.detect.bench.DetectionBenchmark");
		m.put("detection-large", "org.astrobridge.detect.bench.LargeImageBenchmark");
		m.put("ood", "org.astrobridge.ood.bench.OodBenchmark");
		m.put("perturbations", "org.astrobridge.robust.bench.PerturbationBench");
		m.put("robustness", "org.astrobridge.robust.bench.RobustnessReportBench");
		m.put("lens-ood", "org.astrobridge.ood.bench.LensOodBenchmark");
		m.put("field-ood", "org.astrobridge.ood.bench.FieldOodBenchmark");
		m.put("classify-large", "org.astrobridge.classify.bench.LargeFieldClassifyBenchmark");
		m.put("soak", "org.astrobridge.classify.bench.SoakBenchmark");
		return Collections.unmodifiableMap(m);
	}

	private BenchmarkLauncher() {}

	public static void main(String[] args) throws Exception {
		System.exit(run(args));
	}

	static int run(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("gui-check")) {
			// the one entry that wants a display: ImageJ unpatched, as in Fiji
			return (Integer) Class.forName("org.astrobridge.ij.GuiCheck").getMethod("run", String[].class).invoke(null,
				(Object) Arrays.copyOfRange(args, 1, args.length));
		}
		String[] rest = args;
		if (args.length > 0 && args[0].equals("benchmark-da")) {
			rest = new String[args.length];
			rest[0] = "da"; // the older name of the domain-adaptation table
			System.arraycopy(args, 1, rest, 1, args.length - 1);
		}
		else if (args.length > 0 && args[0].equals("benchmark")) {
			rest = Arrays.copyOfRange(args, 1, args.length);
		}
		if (rest.length == 0 || rest[0].equals("--help") || rest[0].equals("-h") || !BENCHMARKS.containsKey(rest[0])) {
			boolean asked = rest.length > 0 && (rest[0].equals("--help") || rest[0].equals("-h"));
			(asked ? System.out : System.err).println("usage: astrobridge benchmark NAME [ARGS], NAME one of " + String.join(
				", ", BENCHMARKS.keySet()) + " (docs/benchmarks.md)");
			return asked ? 0 : 2;
		}
		System.setProperty("java.awt.headless", "true");
		net.imagej.patcher.LegacyInjector.preinit();
		String name = rest[0];
		try {
			Class.forName(BENCHMARKS.get(name)).getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(
				rest, 1, rest.length));
			System.out.flush();
			return 0;
		}
		catch (InvocationTargetException e) {
			Throwable cause = e.getCause();
			if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
				// bad input or arguments: one line, as every other subcommand reports them
				System.err.println("astrobridge benchmark " + name + ": " + cause.getMessage());
				return 1;
			}
			throw e;
		}
	}
}
