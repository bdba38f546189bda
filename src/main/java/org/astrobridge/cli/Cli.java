package org.astrobridge.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.astrobridge.fits.FitsReader;
import org.astrobridge.ij.CommandException;
import org.astrobridge.ij.CommandRegistry;
import org.astrobridge.ij.CommandRunner;
import org.astrobridge.ij.HeadlessMacroRunner;
import org.scijava.module.ModuleItem;

/**
 * The headless subcommands. Every registered command is a subcommand whose options are the command's
 * parameters ({@code --key value}, {@code --key=value} or {@code key=value}), so the command line, the
 * macro language and Fiji's dialogs share one set of names.
 */
public final class Cli {

	static final int OK = 0;
	static final int FAILED = 1;
	static final int USAGE = 2;

	private Cli() {}

	public static int run(String[] args) {
		if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
			System.out.println(usage());
			return args.length == 0 ? USAGE : OK;
		}
		String sub = args[0];
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		try {
			switch (sub) {
				case "macro":
					return macro(rest);
				case "fits-info":
					return fitsInfo(rest);
				case "benchmark":
					return benchmark(rest);
				case "benchmark-da": // the name the training issue gave the domain-adaptation quality table
					return benchmark(concat("da", rest));
				default:
					Optional<CommandRegistry.Entry> entry = CommandRegistry.byCliName(sub);
					if (entry.isEmpty()) {
						System.err.println("astrobridge: unknown subcommand '" + sub + "'\n\n" + usage());
						return USAGE;
					}
					if (rest.contains("--help") || rest.contains("-h")) {
						System.out.println(help(entry.get()));
						return OK;
					}
					CommandRunner.run(entry.get(), options(entry.get(), rest));
					return OK;
			}
		} catch (UsageException e) {
			System.err.println("astrobridge " + sub + ": " + e.getMessage());
			return USAGE;
		} catch (IOException | CommandException e) {
			System.err.println("astrobridge " + sub + ": " + e.getMessage());
			return FAILED;
		} catch (RuntimeException e) {
			System.err.println("astrobridge " + sub + ": internal error: " + e);
			e.printStackTrace();
			return FAILED;
		}
	}

	private static int macro(List<String> args) throws IOException {
		if (args.isEmpty() || args.size() > 2) throw new UsageException("usage: astrobridge macro FILE.ijm [ARG]");
		String error = HeadlessMacroRunner.run(Path.of(args.get(0)), args.size() > 1 ? args.get(1) : null);
		if (error != null) {
			System.err.println("astrobridge macro " + args.get(0) + ": " + error);
			return FAILED;
		}
		return OK;
	}

	private static int fitsInfo(List<String> args) throws IOException {
		if (args.size() != 1) throw new UsageException("usage: astrobridge fits-info FILE");
		System.out.print(FitsReader.describe(Path.of(args.get(0))));
		return OK;
	}

	/**
	 * Benchmarks live with the tests (they generate data and compare against peers), so they run from a
	 * source checkout through {@code bin/astrobridge}, which puts the test classes on the class path.
	 */
	static final Map<String, String> BENCHMARKS = Map.ofEntries(
		Map.entry("fits-read", "org.astrobridge.fits.bench.FitsReadBenchmark"),
		Map.entry("simulator", "org.astrobridge.sim.bench.SimulatorBenchmark"),
		Map.entry("training-speed", "org.astrobridge.nn.bench.ThroughputBenchmark"),
		Map.entry("da", "org.astrobridge.nn.bench.DomainAdaptationBenchmark"),
		Map.entry("shift-grid", "org.astrobridge.nn.bench.ShiftGridBenchmark"),
		Map.entry("detection", "org.astrobridge.detect.bench.DetectionBenchmark"),
		Map.entry("detection-large", "org.astrobridge.detect.bench.LargeImageBenchmark"),
		Map.entry("ood", "org.astrobridge.ood.bench.OodBenchmark"),
		Map.entry("perturbations", "org.astrobridge.robust.bench.PerturbationBench"),
		Map.entry("robustness", "org.astrobridge.robust.bench.RobustnessReportBench"),
		Map.entry("lens-ood", "org.astrobridge.ood.bench.LensOodBenchmark"),
		Map.entry("field-ood", "org.astrobridge.ood.bench.FieldOodBenchmark"),
		Map.entry("classify-large", "org.astrobridge.classify.bench.LargeFieldClassifyBenchmark"),
		Map.entry("soak", "org.astrobridge.classify.bench.SoakBenchmark"));

	private static int benchmark(List<String> args) throws IOException {
		if (args.isEmpty() || !BENCHMARKS.containsKey(args.get(0))) {
			throw new UsageException("usage: astrobridge benchmark NAME [ARGS], NAME one of " + new TreeSet<>(BENCHMARKS.keySet()));
		}
		String[] benchArgs = args.subList(1, args.size()).toArray(new String[0]);
		try {
			Class.forName(BENCHMARKS.get(args.get(0))).getMethod("main", String[].class).invoke(null, (Object) benchArgs);
		} catch (ClassNotFoundException e) {
			throw new IOException("benchmark classes are not on the class path; run benchmarks from a source checkout "
				+ "with bin/astrobridge");
		} catch (InvocationTargetException e) {
			Throwable cause = e.getCause();
			if (cause instanceof IOException) throw (IOException) cause;
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			throw new IOException(cause);
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
		return OK;
	}

	private static List<String> concat(String first, List<String> rest) {
		List<String> all = new ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}

	/** Turns {@code --key value}, {@code --key=value}, {@code key=value} and positionals into options. */
	static Map<String, String> options(CommandRegistry.Entry entry, List<String> args) {
		Map<String, String> options = new LinkedHashMap<>();
		List<String> positional = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (a.startsWith("--")) {
				String body = a.substring(2);
				int eq = body.indexOf('=');
				if (eq >= 0) {
					options.put(body.substring(0, eq), body.substring(eq + 1));
				} else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
					options.put(body, args.get(++i));
				} else {
					options.put(body, "true");
				}
			} else if (a.indexOf('=') > 0) {
				options.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
			} else {
				positional.add(a);
			}
		}
		List<String> free = new ArrayList<>();
		for (ModuleItem<?> item : CommandRunner.userInputs(entry)) {
			if (!options.containsKey(item.getName())) free.add(item.getName());
		}
		if (positional.size() > free.size()) {
			throw new UsageException("too many arguments: " + positional + "\n" + help(entry));
		}
		for (int i = 0; i < positional.size(); i++) options.put(free.get(i), positional.get(i));
		return options;
	}

	static String help(CommandRegistry.Entry entry) {
		StringBuilder sb = new StringBuilder();
		sb.append("astrobridge ").append(entry.cliName()).append(" [--option value ...]\n")
			.append(entry.description()).append("\n")
			.append("Macro: run(\"").append(entry.label()).append("\", \"key=value ...\");\n\nOptions:\n");
		for (ModuleItem<?> item : CommandRunner.userInputs(entry)) {
			sb.append(String.format("  --%-18s %s%s%n", item.getName(),
				item.getDescription() == null ? "" : item.getDescription(),
				item.getChoices() != null && !item.getChoices().isEmpty() ? " " + item.getChoices() : ""));
		}
		return sb.toString();
	}

	static String usage() {
		StringBuilder sb = new StringBuilder("usage: astrobridge SUBCOMMAND [options]\n\nSubcommands:\n");
		sb.append(String.format("  %-16s %s%n", "macro", "FILE.ijm [ARG]: run an ImageJ macro headless"));
		sb.append(String.format("  %-16s %s%n", "fits-info", "FILE: list HDUs, types, shapes, BITPIX and WCS"));
		sb.append(String.format("  %-16s %s%n", "benchmark", "NAME [ARGS]: speed and quality benchmarks " + new TreeSet<>(BENCHMARKS.keySet())));
		sb.append(String.format("  %-16s %s%n", "benchmark-da", "[ARGS]: domain-adaptation table (same as 'benchmark da')"));
		sb.append(String.format("  %-16s %s%n", "gui-check", "run the commands' windows, overlays, tables and plots on a display (xvfb-run -a)"));
		for (CommandRegistry.Entry e : CommandRegistry.entries()) {
			sb.append(String.format("  %-16s %s%n", e.cliName(), e.description()));
		}
		sb.append("\n'astrobridge SUBCOMMAND --help' lists a subcommand's options.");
		return sb.toString();
	}

	/** The command line itself is wrong; exit code 2. */
	static final class UsageException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}
	}
}
