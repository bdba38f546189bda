package org.astrobridge.ij;

import java.util.List;
import java.util.Optional;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * The one list of AstroBridge commands. Labels come from each command's {@code @Plugin menuPath} and parameter names
 * from its {@code @Parameter} fields, so Fiji (through imagej-legacy), plain ImageJ (through {@code plugins.config} and
 * {@link MacroCommandBridge}) and the headless runner all reach the same command with the same keys.
 */
public final class CommandRegistry {

	/** A command as the user meets it: a menu label, a headless subcommand name and its class. */
	public record Entry(String cliName, Class<? extends Command> commandClass) {

		public String menuPath() {
			Plugin plugin = commandClass.getAnnotation(Plugin.class);
			if (plugin == null || plugin.menuPath().isEmpty()) {
				throw new IllegalStateException(commandClass.getName() + " has no @Plugin menuPath");
			}
			return plugin.menuPath();
		}

		/** The leaf of the menu path: what a macro passes to {@code run(...)}. */
		public String label() {
			String path = menuPath();
			return path.substring(path.lastIndexOf('>') + 1).trim();
		}

		public String description() {
			return commandClass.getAnnotation(Plugin.class).description();
		}
	}

	private static final List<Entry> ENTRIES = List.of(new Entry("open-fits", OpenFitsCommand.class), new Entry(
		"save-fits", SaveFitsCommand.class), new Entry("simulate", SimulateBenchmarkCommand.class), new Entry("train",
			TrainClassifierCommand.class), new Entry("reproduce", ReproduceModelCommand.class), new Entry("evaluate",
				EvaluateClassifierCommand.class), new Entry("classify", ClassifyObjectsCommand.class), new Entry(
					"classify-folder", ClassifyFolderCommand.class), new Entry("merge-catalogs", MergeCatalogsCommand.class),
		new Entry("robustness", RobustnessReportCommand.class), new Entry("latent-map", LatentMapCommand.class), new Entry(
			"saliency", SaliencyMapCommand.class), new Entry("samp", SendToSampCommand.class));

	private CommandRegistry() {}

	public static List<Entry> entries() {
		return ENTRIES;
	}

	public static Optional<Entry> byCliName(String name) {
		return ENTRIES.stream().filter(e -> e.cliName().equals(name)).findFirst();
	}

	public static Optional<Entry> byLabel(String label) {
		return ENTRIES.stream().filter(e -> e.label().equals(label)).findFirst();
	}
}
