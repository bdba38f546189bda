package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ij.measure.ResultsTable;

import org.astrobridge.data.StampSetLoader;
import org.astrobridge.model.ModelPackage;
import org.astrobridge.model.Predictor;
import org.astrobridge.model.TrainingRecord;
import org.astrobridge.nn.EpochReport;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.nn.Trainer;
import org.astrobridge.nn.TrainingOptions;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Trains a classifier on labelled source stamps, adapted to unlabelled target stamps, and writes a model package
 * (folder + zip).
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Train Classifier...", headless = true,
	description = "Train a CNN classifier (source-only, DANN or MMD domain adaptation) and save a model package")
public class TrainClassifierCommand implements Command {

	// the essentials first: Fiji's SciJava dialog lists a command's parameters in declaration order
	@Parameter(label = "Source stamps", attrs = { @Attr(name = "essential"), @Attr(name = CommandDialog.CURRENT_IMAGE) },
		description = "labelled source: FITS stamp stack, folder per class, or the title of an open image stack")
	private File source;

	@Parameter(label = "Target stamps", attrs = @Attr(name = "essential"), required = false,
		description = "unlabelled target: FITS stamp stack, flat folder or open image stack (needed by dann, mmd, coral and adabn)")
	private File target;

	@Parameter(label = "Method", attrs = @Attr(name = "essential"), choices = { "source-only", "dann", "mmd", "coral",
		"auto", "fine-tune" },
		description = "training objective; fine-tune continues training 'base' on the labelled 'source' stamps")
	private String method = "dann";

	@Parameter(label = "Model folder", attrs = @Attr(name = "essential"), style = "save",
		description = "model package to write (also written as .zip)")
	private File output;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String labelsGroup = DialogGroups.heading("Labels");

	@Parameter(label = "Source labels", required = false,
		description = "CSV (index,label[,class_name]) or FITS table; empty = the stack's LABELS table")
	private File sourcelabels;

	@Parameter(label = "Target labels (reported only)", required = false,
		description = "labels of the target, used only to report target accuracy, never for training")
	private File targetlabels;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String trainingGroup = DialogGroups.heading("Training");

	@Parameter(label = "Base model (fine-tune)", required = false,
		description = "fine-tune: the model package (folder or .zip) to continue training")
	private File base;

	/** Training options whose field here has another name (SciJava names cannot hold '-'). */
	static final Map<String, String> FIELD_OF_OPTION = Map.of("augment-observation", "observation");

	@Parameter(label = "Observation augmentation", choices = { TrainingOptions.OBSERVATION_MATCHED,
		TrainingOptions.OBSERVATION_RANDOM, TrainingOptions.OBSERVATION_NONE },
		description = "re-observe the source stamps: matched = as the target survey does (PSF, pixel scale and noise fitted to the target stamps); random = through random surveys; none")
	private String observation = TrainingOptions.OBSERVATION_MATCHED;

	@Parameter(label = "Epochs", min = "1", description = "maximum number of epochs")
	private int epochs = 30;

	@Parameter(label = "Batch size", min = "2",
		description = "source stamps per step (adaptive methods add as many target stamps)")
	private int batch = 32;

	@Parameter(label = "Learning rate", description = "peak Adam learning rate")
	private double lr = 0.001;

	@Parameter(label = "Seed", description = "seed of every random choice; same seed and threads, same model")
	private long seed = 1;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String performanceGroup = DialogGroups.heading("Performance");

	@Parameter(label = "Threads", min = "0", description = "TensorFlow threads (0 = all processors)")
	private int threads = 0;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, description = "where to train")
	private String device = "auto";

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String expertGroup = DialogGroups.heading("Expert");

	@Parameter(label = "More options", required = false,
		description = "further training options as key=value, e.g. [dann-weight=0.3 mmd-weight=1 network=resnet] (see docs/training.md)")
	private String more = "";

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Model package", description = "path of the model package folder")
	private String modelpath;

	@Parameter(type = ItemIO.OUTPUT, label = "Model zip", description = "path of the package as .zip")
	private String modelzip;

	@Parameter(type = ItemIO.OUTPUT, label = "Training history",
		description = "a row per epoch (epoch, loss, ..., validationAccuracy, targetAccuracy)")
	private ResultsTable history;

	@Parameter(type = ItemIO.OUTPUT, label = "Best epoch")
	private int bestepoch;

	@Parameter(type = ItemIO.OUTPUT, label = "Validation accuracy",
		description = "source validation accuracy of the kept (best) epoch")
	private double valaccuracy;

	@Parameter(type = ItemIO.OUTPUT, label = "Target accuracy",
		description = "accuracy on the target labels (reported only); NaN without them")
	private double targetaccuracy;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, status);
		Map<String, String> options = new LinkedHashMap<>();
		options.put("method", method);
		options.put("augment-observation", observation);
		options.put("epochs", String.valueOf(epochs));
		options.put("batch", String.valueOf(batch));
		options.put("lr", String.valueOf(lr));
		options.put("seed", String.valueOf(seed));
		options.put("threads", String.valueOf(threads));
		options.put("device", device);
		MacroOptions.addMore(options, more);
		TrainingOptions training;
		try {
			training = TrainingOptions.fromMap(options);
		}
		catch (IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
		boolean fineTune = TrainingOptions.FINE_TUNE.equals(training.method());
		if (fineTune && StampInput.orNull(base) == null) {
			throw new CommandException("method fine-tune needs 'base', the model package to continue training");
		}
		if (training.adaptive() && StampInput.orNull(target) == null) {
			throw new CommandException("method " + method + " needs target stamps (option 'target')");
		}
		if (training.getBoolean("adabn") && StampInput.orNull(target) == null) {
			throw new CommandException(
				"adabn=true recomputes batch-norm statistics on the target: give target stamps (option 'target')");
		}
		StampSetLoader.Loaded src = StampInput.load("source", source, StampInput.orNull(sourcelabels), null);
		if (src.stamps().labels() == null) {
			throw new CommandException("source " + source + " has no labels: give 'sourcelabels', a stack with a LABELS " +
				"table, or a folder per class");
		}
		StampSet tgt = null;
		// the model is meant for the target domain, so classification cuts stamps at the target's pixel scale
		double pixelScale = src.pixelScaleArcsec();
		if (StampInput.orNull(target) != null) {
			StampSetLoader.Loaded loadedTarget = StampInput.load("target", target, StampInput.orNull(targetlabels), null);
			tgt = loadedTarget.stamps();
			if (!fineTune && !Double.isNaN(loadedTarget.pixelScaleArcsec())) pixelScale = loadedTarget.pixelScaleArcsec();
		}
		IjProgress progress = messages.progress("Train " + method);
		TrainingPlot plot = new TrainingPlot();
		try {
			Consumer<EpochReport> listener = report -> {
				messages.info("AstroBridge train: " + report.line());
				plot.add(report);
			};
			TrainedModel model;
			if (fineTune) {
				TrainedModel baseModel;
				try (Predictor p = Predictor.open(base.toPath(), new SessionSettings(threads, device))) {
					baseModel = p.toTrainedModel();
				}
				// here 'target', when given, is only scored each epoch
				model = new Trainer(training).fineTune(baseModel, src.stamps(), tgt, progress, listener);
			}
			else {
				model = new Trainer(training).train(src.stamps(), tgt, progress, listener);
			}
			messages.info("AstroBridge train: ops ran on " + model.placement());
			if (model.provenance().get("observation") instanceof Map<?, ?> obs) messages.info(
				"AstroBridge train: observation augmentation " + (obs.get("summary") != null ? "fitted to the target: " + obs
					.get("summary") : obs.get("why") != null ? obs.get("mode") + ": " + obs.get("why") : obs.get("mode")));
			int pool = SessionSettings.processThreads(), asked = new SessionSettings(threads, device).threads();
			if (pool != asked) {
				messages.warn("AstroBridge train: warning: TensorFlow runs " + pool +
					" threads in this process (fixed by its first session), not the " + asked + " asked for; the model records " +
					pool + "; restart to train with " + asked);
			}
			if (progress.isCancelled()) messages.warn("AstroBridge train: cancelled; saving the best model so far");
			Path written = ModelPackage.save(model, output.toPath(), pixelScale, true, recordedInputs(fineTune));
			messages.info("AstroBridge train: model package " + written + " (+ .zip)");
			modelpath = written.toString();
			modelzip = written.resolveSibling(written.getFileName() + ".zip").toString();
			history = historyTable(model);
			bestepoch = model.bestEpoch();
			valaccuracy = model.sourceValidation() == null ? Double.NaN : model.sourceValidation().accuracy();
			targetaccuracy = model.target() == null ? Double.NaN : model.target().accuracy();
		}
		catch (IOException | IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
		finally {
			progress.done();
		}
	}

	/** A row per epoch with the epoch report's fields (NaN where the method has no such term). */
	static ResultsTable historyTable(TrainedModel model) {
		ResultsTable t = new ResultsTable();
		t.setPrecision(6);
		t.showRowNumbers(false);
		for (EpochReport r : model.history()) {
			t.incrementCounter();
			for (Map.Entry<String, Object> e : r.toMap().entrySet()) {
				if (e.getValue() instanceof Number n) t.addValue(e.getKey(), n.doubleValue());
			}
		}
		return t;
	}

	/** The input files for the package's training record, or null when one is an open image rather than a file. */
	private List<TrainingRecord.Input> recordedInputs(boolean fineTune) throws IOException {
		Map<String, File> files = new LinkedHashMap<>();
		files.put("source", source);
		files.put("sourcelabels", StampInput.orNull(sourcelabels));
		files.put("target", StampInput.orNull(target));
		files.put("targetlabels", StampInput.orNull(targetlabels));
		files.put("base", fineTune ? base : null);
		List<TrainingRecord.Input> inputs = new ArrayList<>();
		for (Map.Entry<String, File> e : files.entrySet()) {
			if (e.getValue() == null) continue;
			if (!e.getValue().exists()) return null;
			inputs.add(TrainingRecord.Input.of(e.getKey(), e.getValue().toPath()));
		}
		return inputs;
	}
}
