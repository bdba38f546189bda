package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.gui.Plot;
import ij.measure.ResultsTable;

import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.robust.AttackSettings;
import org.astrobridge.robust.ChartImage;
import org.astrobridge.robust.Perturbation;
import org.astrobridge.robust.Perturbations;
import org.astrobridge.robust.RobustnessEvaluator;
import org.astrobridge.robust.RobustnessReport;
import org.astrobridge.util.Progress;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Accuracy, prediction flips, latent shift and margin of one or two models under every perturbation, plus a one-pixel
 * attack. The rows (model, perturbation, strength, accuracy, flip_share, latent_shift, margin) become the "Results"
 * table in every mode and, with a display, the table "AstroBridge Robustness" beside the plots; scripts get the table,
 * the report's path and the files written.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Robustness Report...", headless = true,
	description = "Robustness of one or two models under perturbations and a one-pixel attack (CSV, PNG plots, one HTML report)")
public class RobustnessReportCommand implements Command {

	// the essentials first: Fiji's SciJava dialog lists a command's parameters in declaration order
	@Parameter(label = "Models", attrs = { @Attr(name = "essential"), @Attr(name = "chooser", value = "models") },
		description = "one or two model packages (folder or .zip) separated by ','")
	private String models;

	@Parameter(label = "Stamps", attrs = { @Attr(name = "essential"), @Attr(name = CommandDialog.CURRENT_IMAGE) },
		description = "labelled stamps: FITS stamp stack, folder per class, or the title of an open image stack")
	private File stamps;

	@Parameter(label = "Output folder", attrs = @Attr(name = "essential"), style = "directory",
		description = "folder for robustness.csv, attack.csv, the plots and report.html")
	private File output;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String perturbationGroup = DialogGroups.heading("Labels and perturbations");

	@Parameter(label = "Labels", required = false,
		description = "CSV (index,label[,class_name]) or FITS table; empty = the stack's LABELS table")
	private File labels;

	@Parameter(label = "Perturbations",
		description = "'all' (the standard ones) or names separated by ',' (noise, exposure, blur, ...)")
	private String perturbations = "all";

	@Parameter(label = "Strengths", required = false,
		description = "strengths separated by ',' for every chosen perturbation; empty = the five defaults of each")
	private String strengths = "";

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String attackGroup = DialogGroups.heading("One-pixel attack");

	@Parameter(label = "Attacked stamps", min = "0", description = "stamps for the one-pixel attack (0 = no attack)")
	private int attack = 100;

	@Parameter(label = "Attack population", min = "4", description = "differential-evolution population of the attack")
	private int population = RobustnessEvaluator.defaultAttack().population();

	@Parameter(label = "Attack generations", min = "0",
		description = "most differential-evolution generations of the attack")
	private int iterations = RobustnessEvaluator.defaultAttack().iterations();

	@Parameter(label = "Seed", description = "seed of the perturbations and the attack")
	private long seed = 1;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String performanceGroup = DialogGroups.heading("Performance");

	@Parameter(label = "Threads", min = "0", description = "TensorFlow threads (0 = all processors)")
	private int threads = 0;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, description = "where to run the models")
	private String device = "auto";

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Robustness table")
	private ResultsTable table;

	@Parameter(type = ItemIO.OUTPUT, label = "Report", description = "path of report.html")
	private String report;

	@Parameter(type = ItemIO.OUTPUT, label = "Files written", description = "one path per line")
	private String files;

	/** Title of the rows table shown with a display. */
	public static final String TITLE = "AstroBridge Robustness";

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, status);
		if (StampInput.orNull(output) == null) throw new CommandException("robustness report: no output folder given");
		List<RobustnessEvaluator.Condition> conditions = conditions(perturbations, strengths);
		StampSet loaded = StampInput.load("stamps", stamps, StampInput.orNull(labels), null).stamps();
		if (loaded.labels() == null) throw new CommandException("stamps " + stamps +
			" have no labels: a robustness report needs labelled stamps");
		IjProgress progress = messages.progress("Robustness report");
		long start = System.nanoTime();
		try (ModelSet set = ModelSet.open(models, new SessionSettings(threads, device))) {
			StampSet labelled = set.relabel(loaded, "stamps " + stamps);
			List<RobustnessEvaluator.NamedModel> named = new ArrayList<>();
			for (int m = 0; m < set.predictors.size(); m++) {
				Predictor p = set.predictors.get(m);
				named.add(new RobustnessEvaluator.NamedModel(set.names.get(m), p::predict));
			}
			AttackSettings budget = RobustnessEvaluator.defaultAttack().withPopulation(population).withIterations(iterations);
			RobustnessEvaluator.Result result = new RobustnessEvaluator(conditions, attack, budget, seed).evaluate(named,
				labelled, progress);
			List<Path> written = RobustnessReport.write(result, labelled, output.toPath());
			messages.info(String.format(Locale.ROOT,
				"AstroBridge robustness: %d models, %d stamps, %d perturbations in %.1f s", named.size(), labelled.count(),
				conditions.size(), (System.nanoTime() - start) / 1e9));
			for (RobustnessEvaluator.Row r : result.rows())
				if (r.perturbation().equals(RobustnessEvaluator.CLEAN)) messages.info("clean_accuracy[" + r.model() + "]=" +
					fmt(r.accuracy()));
			for (RobustnessEvaluator.AttackSummary a : result.attacks())
				messages.info("attack_success_rate[" + a.model() + "]=" + fmt(a.successRate()) + " (" + a.successes() + "/" + a
					.attacked() + ", latent distance " + fmt(a.meanLatentDistance()) + ", " + a.evaluations() + " evaluations)");
			messages.info("report=" + written.get(written.size() - 1));
			report = written.get(written.size() - 1).toString();
			files = String.join("\n", written.stream().map(Path::toString).toList());
			table = rowsTable(result);
			ResultTables.publish(table, TITLE);
			if (!GraphicsEnvironment.isHeadless()) showPlots(result);
		}
		catch (Progress.CancelledException e) {
			messages.warn("AstroBridge robustness: cancelled; nothing written");
		}
		catch (IOException | IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
		finally {
			progress.done();
		}
	}

	static List<RobustnessEvaluator.Condition> conditions(String names, String strengths) {
		try {
			List<Perturbation> chosen = new ArrayList<>();
			if (names == null || names.isBlank() || names.trim().equalsIgnoreCase("all")) chosen.addAll(Perturbations
				.standard());
			else for (String n : names.split(","))
				if (!n.isBlank()) chosen.add(Perturbations.byName(n));
			double[] given = strengths == null || strengths.isBlank() ? null : Arrays.stream(strengths.split(",")).map(
				String::trim).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
			List<RobustnessEvaluator.Condition> out = new ArrayList<>();
			for (Perturbation p : chosen)
				out.add(new RobustnessEvaluator.Condition(p, given == null ? p.defaultStrengths() : given));
			return out;
		}
		catch (NumberFormatException e) {
			throw new CommandException("strengths: not a list of numbers: " + strengths);
		}
		catch (IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
	}

	static ResultsTable rowsTable(RobustnessEvaluator.Result result) {
		ResultsTable t = new ResultsTable();
		t.setPrecision(6);
		t.showRowNumbers(false);
		for (RobustnessEvaluator.Row r : result.rows()) {
			t.incrementCounter();
			t.addValue("model", r.model());
			t.addValue("perturbation", r.perturbation());
			t.addValue("strength", r.strength());
			t.addValue("accuracy", r.accuracy());
			t.addValue("flip_share", r.flipShare());
			t.addValue("latent_shift", r.latentShift());
			t.addValue("margin", r.margin());
		}
		return t;
	}

	private static void showPlots(RobustnessEvaluator.Result result) {
		List<String> modelNames = RobustnessReport.models(result);
		for (String p : RobustnessReport.perturbations(result)) {
			Plot plot = new Plot("Accuracy under " + p, "strength", "accuracy");
			plot.setLimits(Double.NaN, Double.NaN, 0, 1);
			for (int m = 0; m < modelNames.size(); m++) {
				List<RobustnessEvaluator.Row> rows = new ArrayList<>();
				rows.add(result.clean(modelNames.get(m)));
				rows.addAll(result.rows(modelNames.get(m), p));
				plot.setColor(ChartImage.PALETTE[m % ChartImage.PALETTE.length]);
				plot.addPoints(rows.stream().mapToDouble(RobustnessEvaluator.Row::strength).toArray(), rows.stream()
					.mapToDouble(RobustnessEvaluator.Row::accuracy).toArray(), Plot.CONNECTED_CIRCLES);
			}
			plot.setColor(java.awt.Color.BLACK);
			plot.addLegend(String.join("\n", modelNames));
			plot.show();
		}
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.4f", v);
	}
}
