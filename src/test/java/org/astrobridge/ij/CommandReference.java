package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * Writes the generated part of docs/commands.md (between {@link #BEGIN} and {@link #END}) from the commands' own
 * metadata, the source of {@code bin/astrobridge SUBCOMMAND --help} and of the dialogs: {@link CommandRegistry}, the
 * {@code @Plugin} labels and descriptions, and each {@code @Parameter}'s name (the macro key), label, type, default,
 * choices, range and description. The prose around the markers is kept as it is. {@code CommandReferenceTest} fails
 * when the file differs; {@code main} (or that test with {@code -Dastrobridge.regenerateDocs=true}) rewrites it.
 */
public final class CommandReference {

	static final Path FILE = Path.of("docs", "commands.md");
	static final String BEGIN = "<!-- BEGIN GENERATED: command reference (CommandReference; do not edit by hand) -->";
	static final String END = "<!-- END GENERATED: command reference -->";
	static final String REGENERATE = "mvn -B -q test -Dtest=CommandReferenceTest -Dastrobridge.regenerateDocs=true";

	private CommandReference() {}

	public static void main(String[] args) throws IOException {
		Path file = args.length > 0 ? Path.of(args[0]) : FILE;
		Files.writeString(file, regenerate(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
	}

	/** {@code document} with the text between the markers replaced by the current reference. */
	static String regenerate(String document) {
		int begin = document.indexOf(BEGIN);
		int end = document.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalStateException(FILE + " lacks the markers " + BEGIN + " ... " + END);
		}
		return document.substring(0, begin + BEGIN.length()) + "\n" + reference() + document.substring(end);
	}

	/** The reference: one section per registered command, in registry order. */
	static String reference() {
		StringBuilder sb = new StringBuilder();
		for (CommandRegistry.Entry entry : CommandRegistry.entries())
			section(sb, entry);
		return sb.toString();
	}

	private static void section(StringBuilder sb, CommandRegistry.Entry entry) {
		CommandModule module;
		try {
			// a fresh instance: its field initialisers are the defaults (no remembered values are applied)
			module = new CommandModule(new CommandInfo(entry.commandClass()));
		}
		catch (ModuleException e) {
			throw new IllegalStateException("cannot create " + entry.label(), e);
		}
		List<ModuleItem<?>> inputs = CommandRunner.userInputs(entry);
		sb.append("\n### ").append(entry.label()).append("\n\n");
		sb.append(entry.description()).append(".\n\n");
		sb.append("Menu **").append(entry.menuPath().replace(">", " > ")).append("**; macro `run(\"").append(entry.label())
			.append("\", \"key=value ...\");`; headless `bin/astrobridge ").append(entry.cliName()).append(
				" [--key value ...]`");
		if (!inputs.isEmpty()) sb.append(" (a first bare argument is `").append(inputs.get(0).getName()).append("`)");
		sb.append(".\n\n");
		sb.append("| key | label | type | default | values | description |\n|---|---|---|---|---|---|\n");
		for (ModuleItem<?> item : module.getInfo().inputs()) {
			if (Service.class.isAssignableFrom(item.getType()) || Context.class.isAssignableFrom(item.getType())) continue;
			if (item.getVisibility() == ItemVisibility.MESSAGE) {
				sb.append("| **").append(DialogGroups.text(module.getInput(item.getName()))).append("** | | | | | |\n");
				continue;
			}
			sb.append("| `").append(item.getName()).append("` | ").append(cell(item.getLabel())).append(" | ").append(type(
				item)).append(" | ").append(defaultValue(item, module.getInput(item.getName()))).append(" | ").append(values(
					item)).append(" | ").append(cell(description(item))).append(" |\n");
		}
		List<String> outputs = new ArrayList<>();
		for (ModuleItem<?> o : module.getInfo().outputs()) {
			String d = o.getDescription();
			outputs.add("`" + o.getName() + "` (" + type(o) + (d == null || d.isEmpty() ? "" : ": " + d) + ")");
		}
		if (!outputs.isEmpty()) sb.append("\nOutputs (`ItemIO.OUTPUT`, for scripts): ").append(String.join("; ", outputs))
			.append(".\n");
	}

	private static String description(ModuleItem<?> item) {
		String d = item.getDescription() == null ? "" : item.getDescription();
		if (item.getVisibility() == ItemVisibility.INVISIBLE) d = "(not in the dialog) " + d;
		return d;
	}

	private static String type(ModuleItem<?> item) {
		Class<?> t = item.getType();
		if (t == File.class) {
			String style = item.getWidgetStyle();
			return style != null && style.contains("directory") ? "folder" : "file";
		}
		if (t.getName().equals("ij.ImagePlus")) return "image title";
		if (t.getName().equals("ij.measure.ResultsTable")) return "table";
		if (t == String.class) return "text";
		return t.getSimpleName().toLowerCase();
	}

	private static String defaultValue(ModuleItem<?> item, Object value) {
		if (item.getType().getName().equals("ij.ImagePlus")) return "current image";
		if (value == null) return item.isRequired() ? "(required)" : "";
		String text = value.toString();
		return text.isEmpty() ? "" : "`" + text + "`";
	}

	private static String values(ModuleItem<?> item) {
		if (item.getChoices() != null && !item.getChoices().isEmpty()) {
			return item.getChoices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
		}
		Object min = item.getMinimumValue(), max = item.getMaximumValue();
		if (min == null && max == null) return "";
		return (min == null ? "" : "&ge; " + min) + (min != null && max != null ? ", " : "") + (max == null ? "" : "&le; " +
			max);
	}

	private static String cell(String text) {
		return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
			.replace("\n", " ");
	}
}
