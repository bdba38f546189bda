package org.astrobridge.robust;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.astrobridge.nn.StampSet;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogWriter;
import org.astrobridge.util.AtomicFiles;

/**
 * Writes a {@link RobustnessEvaluator.Result} into a folder: {@code robustness.csv} (one row per model, perturbation
 * and strength), {@code attack.csv} (when an attack ran), {@code accuracy-<perturbation>.png} (accuracy against
 * strength, one line per model) and {@code report.html}, one self-contained page (tables, the plots and example
 * perturbed stamps embedded as base64 PNG) that opens offline. Each file is written completely or not at all.
 */
public final class RobustnessReport {

	public static final String TABLE = "robustness.csv", ATTACK_TABLE = "attack.csv", HTML = "report.html";

	private static final int PLOT_W = 520, PLOT_H = 340;

	private RobustnessReport() {}

	/**
	 * The rows as a catalogue (columns model, perturbation, strength, unit, count, accuracy, flip_share, latent_shift,
	 * margin).
	 */
	public static Catalog table(RobustnessEvaluator.Result result) {
		Catalog c = new Catalog().addString("model", "model name").addString("perturbation",
			"perturbation name (clean = none)").addDouble("strength", "", "perturbation strength").addString("unit",
				"unit of the strength").addInt("count", "", "stamps").addDouble("accuracy", "",
					"share of labelled stamps classified correctly").addDouble("flip_share", "",
						"share of stamps whose predicted class differs from the clean prediction").addDouble("latent_shift", "",
							"mean L2 distance of the latent vector from the clean stamp's").addDouble("margin", "",
								"mean gap between the top two class probabilities");
		for (RobustnessEvaluator.Row r : result.rows())
			c.addRow(r.model(), r.perturbation(), r.strength(), r.unit(), r.count(), r.accuracy(), r.flipShare(), r
				.latentShift(), r.margin());
		return c;
	}

	public static Catalog attackTable(RobustnessEvaluator.Result result) {
		Catalog c = new Catalog().addString("model", "model name").addInt("drawn", "", "stamps drawn for the attack")
			.addInt("attacked", "", "drawn stamps the model classified correctly (the ones attacked)").addInt("successes", "",
				"attacks that pushed the true-class probability below the threshold").addDouble("success_rate", "",
					"successes / attacked").addDouble("latent_distance", "",
						"mean L2 latent distance between clean and attacked stamp").addDouble("evaluations", "",
							"model evaluations spent");
		for (RobustnessEvaluator.AttackSummary a : result.attacks())
			c.addRow(a.model(), a.drawn(), a.attacked(), a.successes(), a.successRate(), a.meanLatentDistance(), (double) a
				.evaluations());
		return c;
	}

	/** The perturbation names of the result, in report order. */
	public static List<String> perturbations(RobustnessEvaluator.Result result) {
		return result.conditions().stream().map(c -> c.perturbation().name()).toList();
	}

	public static List<String> models(RobustnessEvaluator.Result result) {
		return result.rows().stream().map(RobustnessEvaluator.Row::model).distinct().toList();
	}

	/**
	 * Accuracy against strength for one perturbation, one line per model; the clean accuracy is the point at strength 0.
	 */
	public static ChartImage accuracyChart(RobustnessEvaluator.Result result, String perturbation) {
		String unit = result.rows().stream().filter(r -> r.perturbation().equals(perturbation)).map(
			RobustnessEvaluator.Row::unit).findFirst().orElse("");
		ChartImage chart = new ChartImage("accuracy under " + perturbation, "strength (" + unit + ")", "accuracy").yRange(0,
			1);
		List<String> models = models(result);
		for (int m = 0; m < models.size(); m++) {
			List<RobustnessEvaluator.Row> rows = new ArrayList<>();
			rows.add(result.clean(models.get(m)));
			rows.addAll(result.rows(models.get(m), perturbation));
			rows.sort((a, b) -> Double.compare(a.strength(), b.strength()));
			double[] x = rows.stream().mapToDouble(RobustnessEvaluator.Row::strength).toArray();
			double[] y = rows.stream().mapToDouble(RobustnessEvaluator.Row::accuracy).toArray();
			chart.line(models.get(m), x, y, ChartImage.PALETTE[m % ChartImage.PALETTE.length], ChartImage.Marker.values()[m %
				4]);
		}
		return chart;
	}

	/** Writes every file into {@code folder} (created when absent) and returns the paths written, HTML last. */
	public static List<Path> write(RobustnessEvaluator.Result result, StampSet stamps, Path folder) throws IOException {
		List<Path> written = new ArrayList<>();
		Path table = folder.resolve(TABLE);
		CsvCatalogWriter.write(table(result), table);
		written.add(table);
		if (!result.attacks().isEmpty()) {
			Path attack = folder.resolve(ATTACK_TABLE);
			CsvCatalogWriter.write(attackTable(result), attack);
			written.add(attack);
		}
		Map<String, byte[]> plots = new LinkedHashMap<>();
		for (String p : perturbations(result)) {
			byte[] png = accuracyChart(result, p).png(PLOT_W, PLOT_H);
			plots.put(p, png);
			Path file = folder.resolve("accuracy-" + p + ".png");
			AtomicFiles.write(file, tmp -> java.nio.file.Files.write(tmp, png));
			written.add(file);
		}
		Path html = folder.resolve(HTML);
		AtomicFiles.writeString(html, html(result, stamps, plots));
		written.add(html);
		return written;
	}

	static String html(RobustnessEvaluator.Result result, StampSet stamps, Map<String, byte[]> plots) throws IOException {
		StringBuilder h = new StringBuilder();
		h.append(
			"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>AstroBridge robustness report</title>\n<style>")
			.append(
				"body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:0.5em 0 1.5em}")
			.append(
				"td,th{border:1px solid #bbb;padding:2px 8px;text-align:right}th{background:#eee}td.l,th.l{text-align:left}")
			.append(
				"figure{display:inline-block;margin:4px;text-align:center;font-size:80%}img.stamp{image-rendering:pixelated}")
			.append("</style></head><body>\n<h1>AstroBridge robustness report</h1>\n");
		List<String> models = models(result);
		h.append("<p>").append(stamps.count()).append(" stamps (").append(esc(stamps.describeGeometry())).append(", ")
			.append(stamps.labelledCount()).append(" labelled)").append(stamps.provenance() == null ? "" : " from " + esc(
				stamps.provenance())).append("; models: ").append(esc(String.join(", ", models))).append("; seed ").append(
					result.seed()).append(".</p>\n");
		h.append(
			"<p>accuracy: share of labelled stamps classified correctly; flip share: share of stamps whose predicted class differs from ")
			.append(
				"the clean prediction; latent shift: mean L2 distance of the latent vector from the clean stamp's; margin: mean gap ")
			.append("between the two highest class probabilities.</p>\n");

		h.append("<h2>Clean stamps</h2>\n<table><tr><th class=\"l\">model</th><th>accuracy</th><th>margin</th></tr>\n");
		for (String m : models) {
			RobustnessEvaluator.Row r = result.clean(m);
			h.append("<tr><td class=\"l\">").append(esc(m)).append("</td><td>").append(f(r.accuracy())).append("</td><td>")
				.append(f(r.margin())).append("</td></tr>\n");
		}
		h.append("</table>\n");

		if (!result.attacks().isEmpty()) {
			AttackSettings a = result.attackSettings();
			h.append("<h2>One-pixel attack</h2>\n<p>Differential evolution, ").append(a.pixels()).append(
				" pixel(s), population ").append(a.population()).append(", up to ").append(a.iterations()).append(
					" generations, F ").append(a.differentialWeight()).append(
						", success when the true-class probability falls below ").append(a.successThreshold()).append(
							"; only stamps the model classifies correctly are attacked.</p>\n").append(
								"<table><tr><th class=\"l\">model</th><th>drawn</th><th>attacked</th><th>successes</th><th>success rate</th>")
				.append("<th>latent distance</th><th>evaluations</th></tr>\n");
			for (RobustnessEvaluator.AttackSummary s : result.attacks())
				h.append("<tr><td class=\"l\">").append(esc(s.model())).append("</td><td>").append(s.drawn()).append(
					"</td><td>").append(s.attacked()).append("</td><td>").append(s.successes()).append("</td><td>").append(f(s
						.successRate())).append("</td><td>").append(f(s.meanLatentDistance())).append("</td><td>").append(s
							.evaluations()).append("</td></tr>\n");
			h.append("</table>\n");
		}

		StampShape shape = StampShape.of(stamps);
		int example = firstLabelled(stamps);
		float[] clean = StampShape.stamp(stamps, example);
		double[] range = StampImages.range(clean, shape, 0);
		int zoom = Math.max(1, (int) Math.ceil(96.0 / Math.max(shape.width(), shape.height())));
		for (int c = 0; c < result.conditions().size(); c++) {
			RobustnessEvaluator.Condition cond = result.conditions().get(c);
			String name = cond.perturbation().name();
			h.append("<h2>").append(esc(name)).append("</h2>\n<p>strength unit: ").append(esc(cond.perturbation()
				.strengthUnit())).append("</p>\n");
			h.append("<table><tr><th>strength</th>");
			for (String m : models)
				for (String col : new String[] { "accuracy", "flip share", "latent shift", "margin" })
					h.append("<th>").append(esc(m)).append("<br>").append(col).append("</th>");
			h.append("</tr>\n");
			for (double s : cond.strengths()) {
				h.append("<tr><td>").append(g(s)).append("</td>");
				for (String m : models)
					for (RobustnessEvaluator.Row r : result.rows(m, name))
						if (r.strength() == s) h.append("<td>").append(f(r.accuracy())).append("</td><td>").append(f(r.flipShare()))
							.append("</td><td>").append(f(r.latentShift())).append("</td><td>").append(f(r.margin())).append("</td>");
				h.append("</tr>\n");
			}
			h.append("</table>\n");
			byte[] plot = plots.get(name);
			if (plot != null) h.append(img(plot, "accuracy against strength under " + name, "")).append('\n');
			h.append("<div>");
			h.append(figure(ChartImage.png(StampImages.render(clean, shape, 0, range, zoom)), "clean"));
			long seed = StampSeeds.forStamp(StampSeeds.forStamp(result.seed(), c), example);
			for (double s : cond.strengths())
				h.append(figure(ChartImage.png(StampImages.render(cond.perturbation().apply(clean, shape, s, seed), shape, 0,
					range, zoom)), g(s)));
			h.append("</div>\n");
		}
		h.append("<p>Example: stamp ").append(example).append(
			", band 0, arcsinh stretch of the clean stamp's 1-99.5 % range.</p>\n");
		h.append("</body></html>\n");
		return h.toString();
	}

	private static int firstLabelled(StampSet stamps) {
		for (int k = 0; k < stamps.count(); k++)
			if (stamps.label(k) >= 0) return k;
		return 0;
	}

	private static String figure(byte[] png, String caption) {
		return "<figure>" + img(png, caption, "stamp") + "<figcaption>" + esc(caption) + "</figcaption></figure>";
	}

	private static String img(byte[] png, String alt, String cls) {
		return "<img" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + " alt=\"" + esc(alt) +
			"\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
	}

	private static String f(double v) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
	}

	private static String g(double v) {
		return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
	}

	private static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
