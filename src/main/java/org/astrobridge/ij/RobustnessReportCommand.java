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
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Accuracy, prediction flips, latent shift and margin of one or two models under every perturbation, plus a one-pixel attack. */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Robustness Report...",
	description = "Robustness of one or two models under perturbations and a one-pixel attack (CSV, PNG plots, one HTML report)")
public class RobustnessReportCommand implements Command {

	@Parameter(label = "Models", description = "one or two model packages (folder or .zip) separated by ','")
	private String models;

	@Parameter(label = "Stamps", description = "labelled stamps: FITS stamp stack, folder per class, or the title of an open image stack")
	private File stamps;

	@Parameter(label = "Labels", required = false, description = "CSV (index,label[,class_name]) or FITS table; empty = the stack's LABELS table")
	private File labels;

	@Parameter(label = "Perturbations", description = "'all' (the standard ones) or names separated by ',' (noise, exposure, blur, ...)")
	private String perturbations = "all";

	@Parameter(label = "Strengths", required = false,
		description = "strengths separated by ',' for every chosen perturbation; empty = the five defaults of each")
	private String strengths = "";

	@Parameter(label = "Attacked stamps", min = "0", description = "stamps for the one-pixel attack (0 = no attack)")
	private int attack = 100;

	@Parameter(label = "Attack population", min = "4", description = "differential-evolution population of the attack")
	private int population = RobustnessEvaluator.defaultAttack().population();

	@Parameter(label = "Attack generations", min = "0", description = "most differential-evolution generations of the attack")
	private int iterations = RobustnessEvaluator.defaultAttack().iterations();

	@Parameter(label = "Seed", description = "seed of the perturbations and the attack")
	private long seed = 1;

	@Parameter(label = "Output folder", style = "directory", description = "folder for robustness.csv, attack.csv, the plots and report.html")
	private File output;

	@Parameter(label = "Threads", min = "0", description = "TensorFlow threads (0 = all processors)")
	private int threads = 0;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, description = "where to run the models")
	private String device = "auto";

	@Override
	public void run() {
		if (StampInput.orNull(output) == null) throw new CommandException("robustness report: no output folder given");
		List<RobustnessEvaluator.Condition> conditions = conditions(perturbations, strengths);
		StampSet loaded = StampInput.load("stamps", stamps, StampInput.orNull(labels), null).stamps();
		if (loaded.labels() == null) throw new CommandException("stamps " + stamps + " have no labels: a robustness report needs labelled stamps");
		IjProgress progress = new IjProgress("Robustness report");
		long start = System.nanoTime();
		try (ModelSet set = ModelSet.open(models, new SessionSettings(threads, device))) {
			StampSet labelled = set.relabel(loaded, "stamps " + stamps);
			List<RobustnessEvaluator.NamedModel> named = new ArrayList<>();
			for (int m = 0; m < set.predictors.size(); m++) {
				Predictor p = set.predictors.get(m);
				named.add(new RobustnessEvaluator.NamedModel(set.names.get(m), p::predict));
			}
			AttackSettings budget = RobustnessEvaluator.defaultAttack().withPopulation(population).withIterations(iterations);
			RobustnessEvaluator.Result result = new RobustnessEvaluator(conditions, attack, budget, seed).evaluate(named, labelled, progress);
			List<Path> files = RobustnessReport.write(result, labelled, output.toPath());
			IJ.log(String.format(Locale.ROOT, "AstroBridge robustness: %d models, %d stamps, %d perturbations in %.1f s", named.size(),
				labelled.count(), conditions.size(), (System.nanoTime() - start) / 1e9));
			for (RobustnessEvaluator.Row r : result.rows())
				if (r.perturbation().equals(RobustnessEvaluator.CLEAN)) IJ.log("clean_accuracy[" + r.model() + "]=" + fmt(r.accuracy()));
			for (RobustnessEvaluator.AttackSummary a : result.attacks())
				IJ.log("attack_success_rate[" + a.model() + "]=" + fmt(a.successRate()) + " (" + a.successes() + "/" + a.attacked()
					+ ", latent distance " + fmt(a.meanLatentDistance()) + ", " + a.evaluations() + " evaluations)");
			IJ.log("report=" + files.get(files.size() - 1));
			if (!GraphicsEnvironment.isHeadless()) show(result);
		} catch (Progress.CancelledException e) {
			IJ.log("AstroBridge robustness: cancelled; nothing written");
		} catch (IOException | IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		} finally {
			progress.done();
		}
	}

	static List<RobustnessEvaluator.Condition> conditions(String names, String strengths) {
		try {
			List<Perturbation> chosen = new ArrayList<>();
			if (names == null || names.isBlank() || names.trim().equalsIgnoreCase("all")) chosen.addAll(Perturbations.standard());
			else for (String n : names.split(",")) if (!n.isBlank()) chosen.add(Perturbations.byName(n));
			double[] given = strengths == null || strengths.isBlank() ? null
				: Arrays.stream(strengths.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
			List<RobustnessEvaluator.Condition> out = new ArrayList<>();
			for (Perturbation p : chosen) out.add(new RobustnessEvaluator.Condition(p, given == null ? p.defaultStrengths() : given));
			return out;
		} catch (NumberFormatException e) {
			throw new CommandException("strengths: not a list of numbers: " + strengths);
		} catch (IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
	}

	private static void show(RobustnessEvaluator.Result result) {
		ResultsTable t = new ResultsTable();
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
		t.show("AstroBridge Robustness");
		List<String> modelNames = RobustnessReport.models(result);
		for (String p : RobustnessReport.perturbations(result)) {
			Plot plot = new Plot("Accuracy under " + p, "strength", "accuracy");
			plot.setLimits(Double.NaN, Double.NaN, 0, 1);
			for (int m = 0; m < modelNames.size(); m++) {
				List<RobustnessEvaluator.Row> rows = new ArrayList<>();
				rows.add(result.clean(modelNames.get(m)));
				rows.addAll(result.rows(modelNames.get(m), p));
				plot.setColor(ChartImage.PALETTE[m % ChartImage.PALETTE.length]);
				plot.addPoints(rows.stream().mapToDouble(RobustnessEvaluator.Row::strength).toArray(),
					rows.stream().mapToDouble(RobustnessEvaluator.Row::accuracy).toArray(), Plot.CONNECTED_CIRCLES);
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
