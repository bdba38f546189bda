package org.astrobridge.ood.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.astrobridge.bench.BenchmarkArgs;
import org.astrobridge.classify.Classification;
import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.classify.FieldClassifier;
import org.astrobridge.classify.OodMethod;
import org.astrobridge.classify.OodModel;
import org.astrobridge.classify.TruthComparison;
import org.astrobridge.detect.DetectionSettings;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.ood.Auroc;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.Provenance;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.FieldArtefacts;
import org.astrobridge.sim.SimulationSpec;

/**
 * Field OOD benchmark: simulated {@code mergers} fields that hold, beside the two known classes, stars (some saturated,
 * with bleed trails), cosmic rays, bad columns, satellite trails, ghosts and strong lenses (a class the model never
 * saw), all with truth rows ({@link FieldArtefacts}). Each field is classified with the shipped model through
 * {@link FieldClassifier} with default settings (pre-filter on, Mahalanobis score, keep 0.95 calibrated on target
 * latents, saturation level from the header's SATURATE), exactly as {@code bin/astrobridge classify} does it.
 * <p>
 * Every detection gets one truth kind: one-to-one nearest matches within {@code radius} pixels to the point-like truth
 * rows (galaxies, stars, saturated stars, cosmic rays, lenses); the detections left over lie on a satellite trail or
 * bad column when they are within {@code radius} of the line and of one of its 50-pixel pieces, or when their
 * footprint's bounding box holds the centre of such a piece (a trail merges with what lies along it), on a ghost when
 * within 1.5 ring radii of its centre, on a saturated star's bleed trail when within {@code radius} of its column and
 * 100 pixels of the star; a "galaxy_part" when within 2 half-light radii plus the pair separation (and {@code radius})
 * of a galaxy: a second nucleus or a piece the deblender cut off; else they are "unmatched".
 * <p>
 * The first table gives per kind the share of its detections flagged: by the default pipeline, with
 * {@code calibrate=field}, by the score alone (what {@code prefilter=false} gives: the pre-filter only adds flags; the
 * first seed of each domain checks that against a run with {@code prefilter=false}), and with the header's SATURATE not
 * read (a saturation level given that no pixel reaches), so that only the pre-filter's flat-top rule finds saturated
 * objects. The second gives the AUROC against the galaxy detections of the pipeline's ranking (pre-filter flags first,
 * then the Mahalanobis score) and of every registered OOD score alone. Seeds {@code 1..seeds}; the last is reported as
 * held out (seeds 1-2 tune later work).
 *
 * <pre>
 * bin/astrobridge benchmark field-ood [domains=sdss,lsst-y1] [seeds=3] [size=2048] [n=500]
 *     [model=models/mergers-sim-to-sdss-dann.zip] [radius=3] [threads=0] [out=DIR]
 * </pre>
 *
 * Field contents: n galaxies, 0.3 n field stars, 40 cosmic rays per megapixel, 2 bad columns per 1000 columns, 4
 * satellite trails, 6 ghosts, 10 bright stars, 50 lenses, bleed trails on; lsst-y1, whose preset has no full well, gets
 * {@code saturation=4000000} (saturation at r = 15.6).
 */
public final class FieldOodBenchmark {

	/** Truth kinds in table order; "galaxy" is any label >= 0. */
	static final List<String> KINDS = List.of("galaxy", "star", "saturated_star", "cosmic_ray", "bad_column",
		"satellite_trail", "ghost", "lens", "galaxy_part", "unmatched");

	/**
	 * Full well (electrons) given to the lsst presets, which have none: in their 540 s stack it puts the saturation limit
	 * at r = 15.8, near that of one LSST visit.
	 */
	static final String LSST_FULL_WELL = "4000000";

	private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

	static {
		DEFAULTS.put("domains", "sdss,lsst-y1");
		DEFAULTS.put("seeds", "3");
		DEFAULTS.put("size", "2048");
		DEFAULTS.put("n", "500");
		DEFAULTS.put("model", "models/mergers-sim-to-sdss-dann.zip");
		DEFAULTS.put("radius", "3");
		DEFAULTS.put("threads", "0");
		DEFAULTS.put("out", "");
	}

	private FieldOodBenchmark() {}

	/**
	 * One field's detections: kind, OOD score, flag with the pre-filter, flag by the score alone, flag by a morphology
	 * rule.
	 */
	record Field(String[] kind, double[] score, boolean[] flagged, boolean[] scoreFlagged, boolean[] prefiltered,
		TruthComparison truth)
	{}

	public static void main(String[] args) throws Exception {
		Map<String, String> o = BenchmarkArgs.parse(args, DEFAULTS);
		int seeds = Integer.parseInt(o.get("seeds"));
		int size = Integer.parseInt(o.get("size"));
		int n = Integer.parseInt(o.get("n"));
		double radius = Double.parseDouble(o.get("radius"));
		int threads = Integer.parseInt(o.get("threads"));
		if (threads <= 0) threads = Runtime.getRuntime().availableProcessors();
		Path model = Path.of(o.get("model"));
		boolean keep = !o.get("out").isEmpty();
		Path dir = keep ? Files.createDirectories(Path.of(o.get("out"))) : Files.createTempDirectory(
			"astrobridge-field-ood");
		long t0 = System.nanoTime();
		try (Predictor predictor = Predictor.open(model, new SessionSettings(threads, "auto"))) {
			ClassifySettings settings = ClassifySettings.defaults().withDetection(DetectionSettings.defaults().withThreads(
				threads));
			String name = model.toString();
			FieldClassifier classifier = new FieldClassifier(predictor, settings, name);
			FieldClassifier scoreOnly = new FieldClassifier(predictor, settings.withPrefilter(false), name);
			FieldClassifier onField = new FieldClassifier(predictor, settings.withCalibration(OodModel.Calibration.FIELD),
				name);
			// a level no pixel reaches, given by the user, so the header's SATURATE is not read: the flat-top rule alone
			FieldClassifier headerFree = new FieldClassifier(predictor, settings.withDetection(settings.detection()
				.withSaturation(Double.MAX_VALUE)), name);
			// every registered score, for its AUROCs (the ranking needs no pre-filter)
			Map<String, FieldClassifier> byScore = new LinkedHashMap<>();
			for (OodMethod m : OodMethod.values()) {
				byScore.put(m.optionName(), m.equals(settings.ood()) ? scoreOnly : new FieldClassifier(predictor, settings
					.withOod(m, settings.keep()).withPrefilter(false), name));
			}
			System.out.printf(Locale.ROOT, "model %s; OOD %s%n", model, classifier.ood().describe());
			for (String domain : o.get("domains").split(",")) {
				List<Field> fields = new ArrayList<>(), field = new ArrayList<>(), noHeader = new ArrayList<>();
				Map<String, List<Field>> scores = new LinkedHashMap<>();
				for (int seed = 1; seed <= seeds; seed++) {
					Path sub = Files.createDirectories(dir.resolve(domain + "-seed" + seed));
					SimulationSpec spec = spec(domain, seed, size, n, threads, sub);
					BenchmarkWriter.write(spec);
					if (seed == 1) {
						System.out.printf(Locale.ROOT, "%s: stars saturate brighter than r = %.1f%n", domain, BenchmarkWriter
							.saturationMag(spec.domain()));
					}
					Path fits = sub.resolve(spec.stem() + "_field.fits");
					FitsImage image = FitsReader.readImage(fits, null);
					double scale = image.header().getDouble("PIXSCALE", 1);
					Classification result = classifier.classify(image, null);
					Catalog truth = TruthComparison.readTruth(fits);
					Field f = assess(result.catalog(), truth, radius, classifier, scale);
					Catalog scoreOnlyCatalog = scoreOnly.classify(image, null).catalog();
					if (seed == 1) checkScoreOnly(scoreOnlyCatalog, f, domain);
					fields.add(f);
					Catalog fieldCatalog = onField.classify(image, null).catalog();
					field.add(assess(fieldCatalog, truth, radius, classifier, scale));
					noHeader.add(assess(headerFree.classify(image, null).catalog(), truth, radius, classifier, scale));
					for (Map.Entry<String, FieldClassifier> e : byScore.entrySet()) {
						Catalog c = e.getValue() == scoreOnly ? scoreOnlyCatalog : e.getValue().classify(image, null).catalog();
						if (c.rowCount() != f.kind().length) throw new IllegalStateException(domain + ": " + e.getKey() +
							" detected other objects");
						scores.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(assess(c, truth, radius, e.getValue(),
							scale));
					}
					System.out.printf(Locale.ROOT, "%s seed %d: %d detections; detection: %s%n  calibrate=target: %s%n" +
						"  calibrate=field: %s%n  %s%n", domain, seed, f.kind().length, result.catalog().metadata().get(
							Provenance.DETECTION), classifier.ood().describe(), fieldCatalog.metadata().get("ood_field_calibration"),
						f.truth().summary().replace("\n", "\n  "));
				}
				print(domain, fields, field, noHeader, scores, seeds);
			}
		}
		finally {
			if (!keep) BenchmarkArgs.deleteTree(dir);
		}
		System.out.printf(Locale.ROOT, "wall time %.0f s%n", (System.nanoTime() - t0) / 1e9);
	}

	static SimulationSpec spec(String domain, long seed, int size, int n, int threads, Path dir) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("task", "mergers");
		m.put("domain", domain);
		m.put("mode", "field");
		m.put("fieldSize", Integer.toString(size));
		m.put("n", Integer.toString(n));
		m.put("bands", "1");
		m.put("seed", Long.toString(seed));
		m.put("cosmicRays", "40");
		m.put("badColumns", "2");
		m.put("artefactTruth", "true");
		m.put("satelliteTrails", "4");
		m.put("ghosts", "6");
		m.put("bleedTrails", "true");
		m.put("brightStars", "10");
		m.put("lenses", "50");
		if (domain.startsWith("lsst")) m.put("saturation", LSST_FULL_WELL);
		m.put("contactSheet", "false");
		m.put("threads", Integer.toString(threads));
		m.put("outputDir", dir.toString());
		return SimulationSpec.fromOptions(m);
	}

	/** Gives every detection its truth kind (see the class comment) and reads its score and flags. */
	static Field assess(Catalog det, Catalog truth, double radius, FieldClassifier classifier, double pixelScale)
		throws IOException
	{
		double[] dx = det.doubleColumn("x_fits"), dy = det.doubleColumn("y_fits"), score = det.doubleColumn("ood_score");
		int[] ood = det.intColumn("ood");
		int[] x0 = det.intColumn("x_min"), x1 = det.intColumn("x_max"), y0 = det.intColumn("y_min"), y1 = det.intColumn(
			"y_max");
		double[] tx = truth.doubleColumn("x"), ty = truth.doubleColumn("y"), pa = truth.doubleColumn("pa_deg");
		double[] re = truth.doubleColumn("re_arcsec"), sepArcsec = truth.doubleColumn("sep_arcsec");
		int[] label = truth.intColumn("label");
		String[] name = truth.stringColumn("class_name");
		int nd = dx.length;
		String[] kind = new String[nd];
		// one-to-one nearest pairs with the point-like truth rows
		List<double[]> pairs = new ArrayList<>();
		for (int t = 0; t < tx.length; t++) {
			if (!pointLike(label[t], name[t])) continue;
			for (int d = 0; d < nd; d++) {
				double d2 = (dx[d] - tx[t]) * (dx[d] - tx[t]) + (dy[d] - ty[t]) * (dy[d] - ty[t]);
				if (d2 <= radius * radius) pairs.add(new double[] { d2, t, d });
			}
		}
		pairs.sort(Comparator.comparingDouble(p -> p[0]));
		boolean[] tUsed = new boolean[tx.length];
		for (double[] p : pairs) {
			int t = (int) p[1], d = (int) p[2];
			if (tUsed[t] || kind[d] != null) continue;
			tUsed[t] = true;
			kind[d] = label[t] >= 0 ? "galaxy" : name[t];
		}
		// the rest: pieces of lines, ghosts, bleed trails
		for (int d = 0; d < nd; d++) {
			if (kind[d] != null) continue;
			for (int t = 0; t < tx.length && kind[d] == null; t++) {
				double ex = dx[d] - tx[t], ey = dy[d] - ty[t];
				if (name[t].equals("satellite_trail") || name[t].equals("bad_column")) {
					double a = Math.toRadians(pa[t]), along = ex * Math.cos(a) + ey * Math.sin(a);
					double across = -ex * Math.sin(a) + ey * Math.cos(a);
					boolean onLine = Math.abs(across) <= radius && Math.abs(along) <= FieldArtefacts.SEGMENT_PX / 2.0 + radius;
					// a trail merged with what lies along it makes one big footprint whose barycentre leaves the line
					boolean holdsPiece = tx[t] >= x0[d] && tx[t] <= x1[d] && ty[t] >= y0[d] && ty[t] <= y1[d];
					if (onLine || holdsPiece) kind[d] = name[t];
				}
				else if (name[t].equals("ghost")) {
					if (Math.hypot(ex, ey) <= 1.5 * re[t] / pixelScale) kind[d] = name[t];
				}
				else if (name[t].equals("saturated_star")) {
					if (Math.abs(ex) <= radius && Math.abs(ey) <= 100) kind[d] = name[t];
				}
			}
			for (int t = 0; t < tx.length && kind[d] == null; t++) {
				if (label[t] < 0) continue;
				double sep = Double.isNaN(sepArcsec[t]) ? 0 : sepArcsec[t];
				double reach = (2 * (Double.isNaN(re[t]) ? 0 : re[t]) + sep) / pixelScale + radius;
				if (Math.hypot(dx[d] - tx[t], dy[d] - ty[t]) <= reach) kind[d] = "galaxy_part";
			}
			if (kind[d] == null) kind[d] = "unmatched";
		}
		String[] reason = det.stringColumn("ood_reason");
		boolean[] flagged = new boolean[nd], scoreFlagged = new boolean[nd], prefiltered = new boolean[nd];
		for (int d = 0; d < nd; d++) {
			flagged[d] = ood[d] != 0;
			scoreFlagged[d] = classifier.ood().isOod(score[d]);
			prefiltered[d] = !reason[d].isEmpty() && !reason[d].equals("score");
		}
		return new Field(kind, score, flagged, scoreFlagged, prefiltered, TruthComparison.compare(det, truth, radius));
	}

	private static boolean pointLike(int label, String name) {
		return label >= 0 || List.of("star", "saturated_star", "cosmic_ray", "lens").contains(name);
	}

	/** The pre-filter only adds flags: a run without it must flag exactly what the score flags. */
	private static void checkScoreOnly(Catalog withoutPrefilter, Field f, String domain) {
		int[] ood = withoutPrefilter.intColumn("ood");
		if (ood.length != f.kind().length) throw new IllegalStateException(domain +
			": prefilter=false detected other objects");
		for (int d = 0; d < ood.length; d++) {
			if ((ood[d] != 0) != f.scoreFlagged()[d]) {
				throw new IllegalStateException(domain + ": prefilter=false flags detection " + d +
					" differently from the score alone");
			}
		}
		System.out.printf(Locale.ROOT, "%s seed 1: prefilter=false flags exactly the detections the score flags (%d)%n",
			domain, Arrays.stream(ood).filter(v -> v != 0).count());
	}

	private static void print(String domain, List<Field> fields, List<Field> field, List<Field> noHeader,
		Map<String, List<Field>> scores, int seeds)
	{
		StringBuilder head = new StringBuilder("seeds ");
		for (int s = 1; s <= seeds; s++)
			head.append(s).append(s == seeds ? " (held out)" : " / ");
		System.out.printf(Locale.ROOT, "%n%s, %s: share of each kind's detections flagged%n", domain, head);
		System.out.println(
			"| kind | detections | calibrate=target (default) | calibrate=field | score alone (prefilter=false)" +
				" | no SATURATE in the header (flat-top rule) |");
		System.out.println("|---|---|---|---|---|---|");
		for (String k : KINDS) {
			List<String> count = new ArrayList<>();
			for (Field f : fields)
				count.add(Integer.toString(count(f, k)));
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", k, String.join(" / ", count), shares(fields,
				k, false), shares(field, k, false), shares(fields, k, true), shares(noHeader, k, false));
		}
		System.out.printf(Locale.ROOT, "%n%s, %s: AUROC of each kind against the galaxies%n", domain, head);
		StringBuilder h = new StringBuilder("| kind | pipeline (pre-filter first, then mahalanobis) |");
		StringBuilder rule = new StringBuilder("|---|---|");
		for (String m : scores.keySet()) {
			h.append(' ').append(m).append(" |");
			rule.append("---|");
		}
		System.out.println(h);
		System.out.println(rule);
		for (String k : KINDS) {
			if (k.equals("galaxy")) continue;
			StringBuilder row = new StringBuilder("| " + k + " | " + aurocs(fields, k, true) + " |");
			for (List<Field> fs : scores.values())
				row.append(' ').append(aurocs(fs, k, false)).append(" |");
			System.out.println(row);
		}
	}

	private static int count(Field f, String k) {
		int c = 0;
		for (String kind : f.kind())
			if (kind.equals(k)) c++;
		return c;
	}

	/** Per seed, the share of kind k's detections flagged (or flagged by the score alone). */
	private static String shares(List<Field> fields, String k, boolean scoreAlone) {
		List<String> out = new ArrayList<>();
		for (Field f : fields) {
			int c = 0, on = 0;
			for (int d = 0; d < f.kind().length; d++) {
				if (!f.kind()[d].equals(k)) continue;
				c++;
				if (scoreAlone ? f.scoreFlagged()[d] : f.flagged()[d]) on++;
			}
			out.add(percent(on, c));
		}
		return String.join(" / ", out);
	}

	private static String aurocs(List<Field> fields, String k, boolean pipeline) {
		List<String> out = new ArrayList<>();
		for (Field f : fields)
			out.add(auroc(f, k, pipeline));
		return String.join(" / ", out);
	}

	private static String percent(int part, int whole) {
		return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
	}

	/**
	 * AUROC of kind k's detections against the galaxy detections; the pipeline ranks pre-filter flags above every score.
	 */
	static String auroc(Field f, String k, boolean pipeline) {
		List<Double> s = new ArrayList<>();
		List<Boolean> pos = new ArrayList<>();
		for (int d = 0; d < f.kind().length; d++) {
			boolean isK = f.kind()[d].equals(k);
			if (!isK && !f.kind()[d].equals("galaxy")) continue;
			double v = f.score()[d];
			if (Double.isNaN(v)) v = Double.POSITIVE_INFINITY;
			if (pipeline && f.prefiltered()[d]) v = Double.POSITIVE_INFINITY;
			s.add(v);
			pos.add(isK);
		}
		if (!pos.contains(true) || !pos.contains(false)) return "-";
		double[] sc = s.stream().mapToDouble(Double::doubleValue).toArray();
		boolean[] p = new boolean[pos.size()];
		for (int i = 0; i < p.length; i++)
			p[i] = pos.get(i);
		return String.format(Locale.ROOT, "%.2f", Auroc.of(sc, p));
	}

}
