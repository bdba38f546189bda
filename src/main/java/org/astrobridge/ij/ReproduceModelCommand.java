package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.astrobridge.model.ModelCard;
import org.astrobridge.model.ModelPackage;
import org.astrobridge.model.RecordedInputs;
import org.astrobridge.model.TrainingRecord;
import org.astrobridge.nn.TrainingOptions;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Retrains a model package from the training record in its model.json (same inputs, checked by SHA-256, same options,
 * seed and thread count) through Train Classifier, and says whether the weights came out identical. Fails (non-zero
 * exit headless) when they do not, naming the settings that differ from the record.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Reproduce Model...", headless = true,
	description = "Retrain a model package from its recorded inputs and settings and check that the weights are identical")
public class ReproduceModelCommand implements Command {

	/** Training options that are fields of Train Classifier rather than entries of its 'more'. */

	@Parameter(label = "Model package", attrs = @Attr(name = "chooser", value = "model"),
		description = "model package (folder or .zip) whose model.json holds a training record")
	private File model;

	@Parameter(label = "Inputs folder", required = false, style = "directory",
		description = "folder that the recorded relative input paths start from (default: the current folder)")
	private File inputs;

	@Parameter(label = "Re-simulate missing inputs",
		description = "re-run the simulator for missing inputs that record their simulator options")
	private boolean regenerate = true;

	@Parameter(label = "Retrained model folder", required = false, style = "save",
		description = "keep the retrained package here (default: a temporary folder, deleted)")
	private File output;

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Identical weights")
	private boolean identical;

	@Parameter(type = ItemIO.OUTPUT, label = "Weights SHA-256")
	private String sha256;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, status);
		Path tmp = null;
		try {
			ModelCard card = ModelPackage.readCardOf(model.toPath());
			TrainingRecord recorded = TrainingRecord.from(card);
			if (recorded == null) throw new CommandException("model " + model +
				" has no training record (model.json has no '" + TrainingRecord.KEY +
				"' section): it was written before records were kept; retrain it to get one");
			Path base = StampInput.orNull(inputs) == null ? Path.of("") : inputs.toPath();
			Map<String, Path> files = RecordedInputs.locate(recorded, base, regenerate, line -> messages.info(
				"AstroBridge reproduce: " + line));
			messages.info("AstroBridge reproduce: " + files.size() +
				" input(s) match their recorded SHA-256; retraining with " + recorded.options().get("method") + ", seed " +
				recorded.options().get("seed") + ", " + recorded.threads() + " threads");
			Path out;
			if (StampInput.orNull(output) != null) {
				out = output.toPath();
			}
			else {
				tmp = Files.createTempDirectory("astrobridge-reproduce-");
				out = tmp.resolve("model");
			}
			CommandRunner.run(CommandRegistry.byCliName("train").orElseThrow(), trainOptions(recorded, files, out));
			TrainingRecord again = TrainingRecord.from(ModelPackage.readCardOf(out));
			report(recorded, again, messages);
		}
		catch (IOException e) {
			throw new CommandException(e.getMessage(), e);
		}
		finally {
			if (tmp != null) ModelPackage.deleteTree(tmp);
		}
	}

	/** Train Classifier's options that repeat the recorded run, writing to {@code out}. */
	static Map<String, String> trainOptions(TrainingRecord r, Map<String, Path> files, Path out) {
		Map<String, String> o = new LinkedHashMap<>();
		for (Map.Entry<String, Path> e : files.entrySet())
			o.put(e.getKey(), e.getValue().toString());
		// a recorded option that Train Classifier has a field for goes in that field, the rest in 'more'
		Set<String> fields = new HashSet<>();
		for (ModuleItem<?> item : CommandRunner.userInputs(CommandRegistry.byCliName("train").orElseThrow()))
			fields.add(item.getName());
		Map<String, String> more = new LinkedHashMap<>();
		for (Map.Entry<String, String> e : r.options().entrySet()) {
			String field = TrainClassifierCommand.FIELD_OF_OPTION.getOrDefault(e.getKey(), e.getKey());
			// in today's spelling (a card may say augment-observation=false, which the field's choices lack)
			if (fields.contains(field)) o.put(field, new TrainingOptions().set(e.getKey(), e.getValue()).get(e.getKey()));
			else more.put(e.getKey(), e.getValue());
		}
		o.put("threads", String.valueOf(r.threads())); // the count actually used, also where threads=0 was given
		o.put("more", MacroOptions.format(more));
		o.put("output", out.toString());
		return o;
	}

	private void report(TrainingRecord recorded, TrainingRecord again, CommandMessages messages) {
		sha256 = again.weightsSha256();
		identical = recorded.weightsSha256().equals(sha256);
		if (identical) {
			messages.info("AstroBridge reproduce: identical weights (SHA-256 " + sha256 + ")");
			return;
		}
		List<String> diff = recorded.differences(again);
		throw new CommandException("weights differ from the record (SHA-256 " + again.weightsSha256() + ", recorded " +
			recorded.weightsSha256() + "); " + (diff.isEmpty()
				? "every recorded setting matches, so training was not deterministic here" : "settings that differ: " + String
					.join("; ", diff)));
	}
}
