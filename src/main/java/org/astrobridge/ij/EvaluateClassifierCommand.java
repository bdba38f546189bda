package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import ij.measure.ResultsTable;

import org.astrobridge.data.StampSetLoader;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.Evaluation;
import org.astrobridge.nn.Prediction;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.util.AtomicFiles;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Measures a model package on labelled stamps: accuracy, per-class precision and recall, AUC, Brier, ECE, confusion.
 * The metrics become the "Results" table as one row with a column per metric ({@code getResult("accuracy", 0)}), in
 * every mode; with a display the table "AstroBridge Evaluation" also lists them as metric/value rows. Scripts get the
 * table and accuracy and ROC AUC as outputs.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Evaluate Classifier...", headless = true,
	description = "Evaluate a model package on labelled stamps (table \"AstroBridge Evaluation\" and optional CSV)")
public class EvaluateClassifierCommand implements Command {

	/** Title of the metric/value table shown with a display. */
	public static final String TITLE = "AstroBridge Evaluation";

	@Parameter(label = "Model", description = "model package folder or .zip", attrs = @Attr(name = "chooser",
		value = "model"))
	private File model;

	@Parameter(label = "Stamps", attrs = @Attr(name = CommandDialog.CURRENT_IMAGE),
		description = "labelled stamps: FITS stamp stack, folder per class, or the title of an open image stack")
	private File stamps;

	@Parameter(label = "Labels", required = false,
		description = "CSV (index,label[,class_name]) or FITS table; empty = the stack's LABELS table")
	private File labels;

	@Parameter(label = "CSV output", required = false, style = "save", description = "also write the table as CSV here")
	private File output;

	@Parameter(label = "Threads", min = "0", description = "TensorFlow threads (0 = all processors)")
	private int threads = 0;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, description = "where to run the model")
	private String device = "auto";

	@Parameter(required = false)
	private LogService log;

	@Parameter(type = ItemIO.OUTPUT, label = "Metrics", description = "one row, a column per metric")
	private ResultsTable metrics;

	@Parameter(type = ItemIO.OUTPUT, label = "Accuracy")
	private double accuracy;

	@Parameter(type = ItemIO.OUTPUT, label = "ROC AUC")
	private double rocauc;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, null);
		StampSetLoader.Loaded loaded = StampInput.load("stamps", stamps, StampInput.orNull(labels), null);
		StampSet set = loaded.stamps();
		if (set.labels() == null) throw new CommandException("stamps " + stamps + " have no labels to evaluate against");
		try (Predictor predictor = Predictor.open(model.toPath(), new SessionSettings(threads, device))) {
			String[] modelClasses = predictor.card().classNames();
			int[] mapped = set.relabelled(modelClasses).labels();
			Prediction prediction = predictor.predict(set);
			int[] keep = IntStream.range(0, mapped.length).filter(k -> mapped[k] >= 0).toArray();
			if (keep.length == 0) throw new CommandException("no stamp carries a class the model knows " + Arrays.toString(
				modelClasses));
			int classes = modelClasses.length;
			float[] probabilities = new float[keep.length * classes];
			int[] truth = new int[keep.length];
			for (int r = 0; r < keep.length; r++) {
				truth[r] = mapped[keep[r]];
				System.arraycopy(prediction.probabilities(), keep[r] * classes, probabilities, r * classes, classes);
			}
			Evaluation e = Evaluation.of(truth, probabilities, classes);
			ResultsTable table = table(e, modelClasses);
			if (StampInput.orNull(output) != null) writeCsv(table, output);
			messages.info("AstroBridge evaluate: " + e + (keep.length < set.count() ? " (" + (set.count() - keep.length) +
				" stamps of classes unknown to the model left out)" : ""));
			accuracy = e.accuracy();
			rocauc = e.rocAuc();
			metrics = wide(values(e, modelClasses));
			if (GraphicsEnvironment.isHeadless()) {
				for (int r = 0; r < table.size(); r++) {
					messages.info(table.getStringValue("metric", r) + "=" + table.getStringValue("value", r));
				}
			}
			ResultTables.publish(metrics, table, TITLE);
		}
		catch (IOException e) {
			throw new CommandException(e.getMessage(), e);
		}
	}

	/** The metrics in table order, as computed (not rounded). */
	static Map<String, Double> values(Evaluation e, String[] classes) {
		Map<String, Double> m = new LinkedHashMap<>();
		m.put("count", (double) e.count());
		m.put("accuracy", e.accuracy());
		m.put("roc_auc", e.rocAuc());
		m.put("brier", e.brier());
		m.put("ece", e.ece());
		m.put("log_loss", e.meanLogLoss());
		for (int c = 0; c < classes.length; c++) {
			m.put("precision[" + classes[c] + "]", e.precision()[c]);
			m.put("recall[" + classes[c] + "]", e.recall()[c]);
		}
		for (int a = 0; a < classes.length; a++)
			for (int b = 0; b < classes.length; b++)
				m.put("confusion[" + classes[a] + "->" + classes[b] + "]", (double) e.confusion()[a][b]);
		return m;
	}

	/** One row with a column per metric, for {@code getResult(metric, 0)}. */
	static ResultsTable wide(Map<String, Double> values) {
		ResultsTable t = new ResultsTable();
		t.setPrecision(6);
		t.incrementCounter();
		for (Map.Entry<String, Double> v : values.entrySet())
			t.addValue(v.getKey(), v.getValue());
		return t;
	}

	/** metric/value rows (values as text with 6 significant digits), for reading and for the CSV. */
	static ResultsTable table(Evaluation e, String[] classes) {
		ResultsTable t = new ResultsTable();
		for (Map.Entry<String, Double> v : values(e, classes).entrySet()) {
			t.incrementCounter();
			t.addValue("metric", v.getKey());
			t.addValue("value", String.format(Locale.ROOT, "%.6g", v.getValue()));
		}
		return t;
	}

	private static void writeCsv(ResultsTable t, File file) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("metric,value");
		for (int r = 0; r < t.size(); r++)
			lines.add("\"" + t.getStringValue("metric", r) + "\"," + t.getStringValue("value", r));
		AtomicFiles.writeString(file.toPath(), String.join("\n", lines) + "\n");
	}
}
