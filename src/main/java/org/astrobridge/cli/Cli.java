package org.astrobridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.astrobridge.fits.FitsReader;
import org.astrobridge.ij.CommandException;
import org.astrobridge.ij.CommandRegistry;
import org.astrobridge.ij.CommandRunner;
import org.astrobridge.ij.HeadlessMacroRunner;
import org.scijava.module.ModuleItem;

/**
 * The headless subcommands. Every registered command is a subcommand whose options are the command's parameters
 * ({@code --key value}, {@code --key=value} or {@code key=value}), so the command line, the macro language and Fiji's
 * dialogs share one set of names.
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
				case "benchmark-da":
				case "gui-check":
					return testScope(sub);
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
		}
		catch (UsageException e) {
			System.err.println("astrobridge " + sub + ": " + e.getMessage());
			return USAGE;
		}
		catch (IOException | CommandException e) {
			System.err.println("astrobridge " + sub + ": " + e.getMessage());
			return FAILED;
		}
		catch (RuntimeException e) {
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
	 * Benchmarks and the GUI check live with the tests (they generate data, compare against peers, drive windows);
	 * {@code bin/astrobridge} runs them itself on the test class path, so this runtime code never sees them.
	 */
	private static int testScope(String sub) {
		throw new UsageException("'" + sub + "' runs from a source checkout: bin/astrobridge " + sub +
			" ... (the plugin jar holds no benchmark code)");
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
				}
				else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
					options.put(body, args.get(++i));
				}
				else {
					options.put(body, "true");
				}
			}
			else if (a.indexOf('=') > 0) {
				options.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
			}
			else {
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
		for (int i = 0; i < positional.size(); i++)
			options.put(free.get(i), positional.get(i));
		return options;
	}

	static String help(CommandRegistry.Entry entry) {
		StringBuilder sb = new StringBuilder();
		sb.append("astrobridge ").append(entry.cliName()).append(" [--option value ...]\n").append(entry.description())
			.append("\n").append("Macro: run(\"").append(entry.label()).append("\", \"key=value ...\");\n\nOptions:\n");
		for (ModuleItem<?> item : CommandRunner.userInputs(entry)) {
			sb.append(String.format("  --%-18s %s%s%n", item.getName(), item.getDescription() == null ? "" : item
				.getDescription(), item.getChoices() != null && !item.getChoices().isEmpty() ? " " + item.getChoices() : ""));
		}
		return sb.toString();
	}

	static String usage() {
		StringBuilder sb = new StringBuilder("usage: astrobridge SUBCOMMAND [options]\n\nSubcommands:\n");
		sb.append(String.format("  %-16s %s%n", "macro", "FILE.ijm [ARG]: run an ImageJ macro headless"));
		sb.append(String.format("  %-16s %s%n", "fits-info", "FILE: list HDUs, types, shapes, BITPIX and WCS"));
		sb.append(String.format("  %-16s %s%n", "benchmark",
			"NAME [ARGS]: speed and quality benchmarks ('benchmark --help' lists them)"));
		sb.append(String.format("  %-16s %s%n", "benchmark-da",
			"[ARGS]: domain-adaptation table (same as 'benchmark da')"));
		sb.append(String.format("  %-16s %s%n", "gui-check",
			"run the commands' windows, overlays, tables and plots on a display (xvfb-run -a)"));
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
