package org.astrobridge.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.astrobridge.detect.CutoutMaker;
import org.astrobridge.detect.CutoutSettings;
import org.astrobridge.detect.Cutout;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.detect.DetectionResult;
import org.astrobridge.detect.DetectionSettings;
import org.astrobridge.detect.Detector;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.Wcs;
import org.astrobridge.model.ModelCard;
import org.astrobridge.model.ModelException;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.Prediction;
import org.astrobridge.nn.StampSet;
import org.astrobridge.ood.Uncertainty;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogBuilder;
import org.astrobridge.report.Provenance;
import org.astrobridge.util.Progress;

/**
 * Classifies every object of a field: detection, cut-outs at the model's stamp size and pixel scale, batched inference,
 * OOD score and flag, optional Monte-Carlo dropout, and the standard catalogue. Objects go through cut-out, inference
 * and scoring in batches, so only one batch of stamps and latents is held at a time. The OOD scorer is fitted once when
 * the classifier is built and reused for every image.
 */
public final class FieldClassifier {

	/** Share of the progress bar given to detection. */
	private static final double DETECTION_SHARE = 0.2;
	/** Label-head dropout rate for MC passes when the model card records none. */
	private static final double DEFAULT_DROPOUT = 0.2;

	private final List<Predictor> members;
	private final ModelCard card;
	private final ClassifySettings settings;
	private final OodEnsemble ood;
	private final String modelName;
	/** SHA-256 of the (first) model package, null when it cannot be read (then the catalogue has none). */
	private final String modelChecksum;

	/**
	 * Fits the OOD scorer of the model (the slow part for Mahalanobis and kNN: do it once per model).
	 *
	 * @param modelName how catalogues and messages name the model (e.g. the path the user gave)
	 */
	public FieldClassifier(Predictor predictor, ClassifySettings settings, String modelName) {
		this(List.of(predictor), settings, modelName == null ? null : List.of(modelName));
	}

	/**
	 * An ensemble (Lakshminarayanan et al. 2017): every member classifies every object; the catalogue gets the mean
	 * probabilities with their spread, entropy and mutual information, as with Monte-Carlo dropout (which, when also
	 * asked for, runs in every member). Members must share classes, stamp geometry, bands and pixel scale, typically the
	 * same training run with different seeds. OOD scores and flags follow {@link OodEnsemble}.
	 *
	 * @param names how catalogues and messages name the members (e.g. the paths the user gave); null for their locations
	 */
	public FieldClassifier(List<Predictor> members, ClassifySettings settings, List<String> names) {
		if (members.isEmpty()) {
			throw new IllegalArgumentException("no model to classify with");
		}
		this.members = List.copyOf(members);
		this.card = members.get(0).card();
		this.settings = settings;
		List<String> memberNames = new ArrayList<>();
		for (int m = 0; m < members.size(); m++) {
			memberNames.add(names == null ? String.valueOf(members.get(m).card().location()) : names.get(m));
		}
		this.modelName = String.join(",", memberNames);
		if (card.width() != card.height()) {
			throw new IllegalArgumentException("model " + memberNames.get(0) + " has " + card.width() + "x" + card.height() +
				" stamps; field classification needs square stamps");
		}
		for (int m = 1; m < members.size(); m++) {
			checkMember(members.get(m).card(), memberNames.get(m), memberNames.get(0));
		}
		List<OodModel> scorers = new ArrayList<>();
		for (int m = 0; m < members.size(); m++) {
			scorers.add(OodModel.build(settings.ood(), settings.keep(), members.get(m).latentStatistics(), card
				.classNames().length, memberNames.get(m), settings.calibration()));
		}
		this.ood = new OodEnsemble(scorers);
		// the package the user named (a .zip or folder); the card's location may be an unpacked copy
		java.nio.file.Path given = names == null ? null : java.nio.file.Path.of(names.get(0));
		this.modelChecksum = checksum(given != null && java.nio.file.Files.exists(given) ? given : card.location());
	}

	private static String checksum(java.nio.file.Path location) {
		try {
			return location == null ? null : Provenance.sha256OfPackage(location);
		}
		catch (java.io.IOException | RuntimeException e) {
			return null;
		}
	}

	private void checkMember(ModelCard other, String name, String first) {
		String problem = null;
		if (!Arrays.equals(other.classNames(), card.classNames())) {
			problem = "classes " + Arrays.toString(other.classNames()) + " instead of " + Arrays.toString(card.classNames());
		}
		else if (other.width() != card.width() || other.height() != card.height() || other.bands() != card.bands()) {
			problem = other.width() + "x" + other.height() + "x" + other.bands() + " stamps instead of " + card.width() +
				"x" + card.height() + "x" + card.bands();
		}
		else if (!samePixelScale(other.pixelScaleArcsec(), card.pixelScaleArcsec())) {
			problem = "pixel scale " + other.pixelScaleArcsec() + "\"/px instead of " + card.pixelScaleArcsec() + "\"/px";
		}
		if (problem != null) {
			throw new IllegalArgumentException("ensemble member " + name + " does not match " + first + ": " + problem);
		}
	}

	private static boolean samePixelScale(double a, double b) {
		return Double.isNaN(a) && Double.isNaN(b) || Math.abs(a / b - 1) <= 1e-3;
	}

	/** The OOD scorer of the (first) model. */
	public OodModel ood() {
		return ood.first();
	}

	public ClassifySettings settings() {
		return settings;
	}

	/**
	 * The pixel scale of an image in arcsec: from its WCS, else the header's PIXSCALE, else NaN.
	 */
	public static double pixelScale(FitsImage image) {
		Wcs wcs = image.wcs();
		if (wcs != null) {
			return wcs.pixelScaleArcsec();
		}
		double s = image.header().getDouble("PIXSCALE", Double.NaN);
		return s > 0 ? s : Double.NaN;
	}

	/** Detects, cuts, classifies and scores every object of a 2-D image or of a cube (one plane per band). */
	public Classification classify(FitsImage image, Progress progress) throws ModelException {
		Progress p = progress == null ? Progress.NONE : progress;
		String name = image.source() == null ? "the image" : image.source();
		float[][] planes = image.planes();
		int band = settings.band();
		if (band >= planes.length) {
			throw new IllegalArgumentException(name + ": detection band " + (band + 1) + " does not exist (the image has " +
				planes.length + " plane(s))");
		}
		float[][] stampPlanes = stampPlanes(planes, band, name);
		p.update(0, "detecting objects");
		p.checkCancelled();
		DetectionSettings detectionSettings = settings.detection();
		String saturationNote = "";
		if (detectionSettings.saturation() == Double.POSITIVE_INFINITY) {
			// the user gave no saturation level: the header's, as SExtractor takes it
			String key = headerSaturationKey(image, band);
			if (key != null) {
				double level = image.header().getDouble(key, Double.NaN);
				detectionSettings = detectionSettings.withSaturation(level);
				saturationNote = "; saturation " + level + " from the image header's " + key;
			}
		}
		DetectionResult detection = new Detector(detectionSettings).detect(planes, band, image.width(), image.height(),
			image.wcs());
		List<DetectedObject> objects = detection.objects();
		p.update(DETECTION_SHARE, objects.size() + " objects detected");
		p.checkCancelled();
		MorphologyPrefilter.Result morphology = settings.prefilter() ? MorphologyPrefilter.test(planes[band], image.width(),
			image.height(), detection.background(), objects) : null;

		int size = card.width();
		double modelScale = card.pixelScaleArcsec();
		CutoutMaker cutter = new CutoutMaker(stampPlanes, image.width(), image.height(), pixelScale(image),
			new CutoutSettings(size, Double.isNaN(modelScale) ? Double.NaN : modelScale, 0.0, true));
		boolean mc = uncertain();
		CatalogBuilder builder = CatalogBuilder.forDetections(card.classNames(), image.height(), mc);
		Counter counter = new Counter(card.classNames());
		int filled = 0;
		// calibrate=field scores every object before flagging any: batches keep probabilities and scores, not stamps
		boolean field = settings.calibration() == OodModel.Calibration.FIELD;
		List<Batch> held = new ArrayList<>();
		double[] allScores = new double[objects.size()];
		for (int start = 0; start < objects.size(); start += settings.batch()) {
			p.checkCancelled();
			List<DetectedObject> chunk = objects.subList(start, Math.min(objects.size(), start + settings.batch()));
			List<Cutout> cutouts = cutter.cutAll(chunk);
			for (Cutout c : cutouts) {
				if (c.filled()) {
					filled++;
				}
			}
			Batch b = predict(stack(cutouts, size, stampPlanes.length, name));
			System.arraycopy(b.scores, 0, allScores, start, chunk.size());
			if (field) {
				held.add(b);
			}
			else {
				addRows(builder, objects, start, b, morphology, ood::isOod, mc);
			}
			p.update(DETECTION_SHARE + (1 - DETECTION_SHARE) * (start + chunk.size()) / objects.size(), "classified " +
				(start + chunk.size()) + " of " + objects.size() + " objects");
		}
		FieldCalibration fieldCalibration = null;
		if (field) {
			fieldCalibration = FieldCalibration.of(allScores, morphology == null ? null : morphology.verdicts(), settings
				.keep(), ood);
			for (int c = 0; c < held.size(); c++) {
				addRows(builder, objects, c * settings.batch(), held.get(c), morphology, fieldCalibration::isOod, mc);
			}
		}
		Catalog catalog = builder.catalog();
		counter.count(catalog);
		describe(catalog, name, detectionSettings.toString() + ", band " + settings.band() + saturationNote);
		if (fieldCalibration != null) {
			String fallback = ood.first().calibratedOnTarget() ? "target" : "source";
			catalog.putMetadata(Provenance.OOD_CALIBRATION, fieldCalibration.applied() ? "field" : fallback +
				" (field fallback)");
			catalog.putMetadata("ood_field_calibration", fieldCalibration.description());
			if (fieldCalibration.applied()) {
				catalog.putMetadata(Provenance.OOD_THRESHOLD, Double.toString(fieldCalibration.threshold()));
			}
		}
		if (image.wcsResult().isRefused()) {
			// the catalogue says why it has no ra/dec, in every format that has room for it
			catalog.putMetadata(Catalog.WCS_WARNING, image.wcsResult().warning());
		}
		catalog.putMetadata("cutout_factor", String.format(Locale.ROOT, "%.6g", cutter.factor()));
		catalog.putMetadata(Provenance.MORPHOLOGY, morphology == null ? "off" : morphology.description());
		p.update(1, counter.oodCount(catalog) + " of " + objects.size() + " objects flagged OOD");
		return new Classification(catalog, objects, counter.counts, counter.oodCount(catalog), filled, cutter.factor(), ood
			.describe());
	}

	/** Adds the rows of one batch that starts at object {@code start}; {@code flags} decides score flags. */
	private void addRows(CatalogBuilder builder, List<DetectedObject> objects, int start, Batch b,
		MorphologyPrefilter.Result morphology, java.util.function.DoublePredicate flags, boolean mc)
	{
		for (int k = 0; k < b.scores.length; k++) {
			int i = start + k;
			String reason = morphology == null ? "" : morphology.verdicts()[i].reason();
			if (reason.isEmpty() && flags.test(b.scores[k])) {
				reason = CatalogBuilder.SCORE_REASON;
			}
			double spread = morphology == null ? Double.NaN : morphology.spread()[i];
			if (mc) {
				builder.add(objects.get(i), b.uncertainty, k, b.scores[k], reason, spread);
			}
			else {
				builder.add(objects.get(i), b.probabilities, k * card.classNames().length, b.scores[k], reason, spread);
			}
		}
	}

	/**
	 * The header key that gives the detection plane's saturation level in image units, null when there is none that is
	 * finite and positive: SATURn for plane n of a cube when present, else SATURATE.
	 */
	static String headerSaturationKey(FitsImage image, int band) {
		String key = image.planes().length > 1 && image.header().contains("SATUR" + (band + 1)) ? "SATUR" + (band + 1)
			: "SATURATE";
		double level = image.header().getDouble(key, Double.NaN);
		return Double.isFinite(level) && level > 0 ? key : null;
	}

	/** Classifies a stack of stamps (no detection); the stamps must already have the model's geometry. */
	public Classification classifyStamps(StampSet stamps, String name, Progress progress) throws ModelException {
		Progress p = progress == null ? Progress.NONE : progress;
		card.checkCompatible(stamps.height(), stamps.width(), stamps.bands(), name);
		boolean mc = uncertain();
		CatalogBuilder builder = CatalogBuilder.forStamps(card.classNames(), mc);
		int stampValues = stamps.stampSize();
		int k0 = 0;
		while (k0 < stamps.count()) {
			p.checkCancelled();
			int m = Math.min(settings.batch(), stamps.count() - k0);
			float[] px = new float[m * stampValues];
			System.arraycopy(stamps.pixels(), k0 * stampValues, px, 0, px.length);
			Batch b = predict(StampSet.unlabelled(m, stamps.height(), stamps.width(), stamps.bands(), px, null, name));
			for (int k = 0; k < m; k++) {
				boolean flagged = ood.isOod(b.scores[k]);
				if (mc) {
					builder.addStamp(k0 + k + 1, b.uncertainty, k, b.scores[k], flagged);
				}
				else {
					builder.addStamp(k0 + k + 1, b.probabilities, k * card.classNames().length, b.scores[k], flagged);
				}
			}
			k0 += m;
			p.update((double) k0 / stamps.count(), "classified " + k0 + " of " + stamps.count() + " stamps");
		}
		Catalog catalog = builder.catalog();
		Counter counter = new Counter(card.classNames());
		counter.count(catalog);
		describe(catalog, name, settings.detection().toString() + ", band " + settings.band());
		return new Classification(catalog, List.of(), counter.counts, counter.oodCount(catalog), 0, 1.0, ood.describe());
	}

	/** @param detection the detection settings as used, for the catalogue's metadata */
	private void describe(Catalog catalog, String name, String detection) {
		Provenance.stamp(catalog);
		catalog.putMetadata("source", name);
		catalog.putMetadata("model", modelName);
		if (modelChecksum != null) {
			catalog.putMetadata(Provenance.MODEL_SHA256, modelChecksum);
		}
		catalog.putMetadata(Provenance.MODEL_CLASSES, String.join(",", card.classNames()));
		catalog.putMetadata(Provenance.DETECTION, detection);
		catalog.putMetadata("ood", ood.describe());
		catalog.putMetadata(Provenance.OOD_METHOD, settings.ood().optionName());
		catalog.putMetadata(Provenance.OOD_KEEP, Double.toString(settings.keep()));
		catalog.putMetadata(Provenance.OOD_CALIBRATION, ood.first().calibratedOnTarget() ? "target" : "source");
		if (members.size() == 1) {
			// an ensemble flags on its own scale (mean normalised score > 1): its thresholds are in "ood"
			catalog.putMetadata(Provenance.OOD_THRESHOLD, Double.toString(ood.first().threshold()));
		}
		catalog.putMetadata(Provenance.UNCERTAINTY, uncertaintySources());
		if (settings.mcPasses() > 0) {
			catalog.putMetadata("mc_dropout", settings.mcPasses() + " passes, rate " + dropoutRate(card) + ", seed " +
				settings.seed());
		}
		if (members.size() > 1) {
			catalog.putMetadata("ensemble", members.size() + " models");
		}
	}

	/** Where the uncertainty columns come from: "MC dropout n passes", "ensemble of m", both, or "none". */
	private String uncertaintySources() {
		List<String> sources = new ArrayList<>();
		if (settings.mcPasses() > 0) {
			sources.add("MC dropout " + settings.mcPasses() + " passes");
		}
		if (members.size() > 1) {
			sources.add("ensemble of " + members.size());
		}
		return sources.isEmpty() ? "none" : String.join(", ", sources);
	}

	/**
	 * The planes stamps are cut from: all of them when they match the model's bands, the detection band for a one-band
	 * model.
	 */
	private float[][] stampPlanes(float[][] planes, int band, String name) {
		if (planes.length == card.bands()) {
			return planes;
		}
		if (card.bands() == 1) {
			return new float[][] { planes[band] };
		}
		throw new IllegalArgumentException(name + " has " + planes.length + " band(s) but model " + modelName +
			" expects " + card.bands() + " (a one-band model takes the detection band of a cube)");
	}

	/** NHWC stamps of the model's geometry from cut-outs (band planes in FITS row order). */
	private static StampSet stack(List<Cutout> cutouts, int size, int bands, String name) {
		int n = cutouts.size();
		float[] px = new float[n * size * size * bands];
		for (int k = 0; k < n; k++) {
			float[][] src = cutouts.get(k).bands();
			int base = k * size * size * bands;
			for (int b = 0; b < bands; b++) {
				float[] s = src[b];
				for (int i = 0; i < s.length; i++) {
					px[base + i * bands + b] = s[i];
				}
			}
		}
		return StampSet.unlabelled(n, size, size, bands, px, null, name);
	}

	/** Probabilities (or MC uncertainty), latents and OOD scores of one batch. */
	private record Batch(float[] probabilities, Uncertainty uncertainty, double[] scores) {}

	/** Whether the catalogue carries uncertainty columns: MC dropout or more than one model. */
	private boolean uncertain() {
		return settings.mcPasses() > 0 || members.size() > 1;
	}

	private Batch predict(StampSet stamps) throws ModelException {
		int passes = settings.mcPasses();
		if (passes == 0 && members.size() == 1) {
			Prediction pr = members.get(0).predict(stamps);
			return new Batch(pr.probabilities(), null, ood.scores(List.of(pr.latents()), pr.probabilities()));
		}
		// One dropout pass per call keeps every pass's probabilities, which entropy and mutual information need.
		int runs = Math.max(1, passes);
		float[][] all = new float[members.size() * runs][];
		float[][] latents = new float[members.size()][];
		for (int m = 0; m < members.size(); m++) {
			for (int t = 0; t < runs; t++) {
				Prediction pr = passes == 0 ? members.get(m).predict(stamps) : members.get(m).predict(stamps, 1, dropoutRate(
					members.get(m).card()), settings.seed() * 1_000_003L + t);
				all[m * runs + t] = pr.probabilities();
				latents[m] = pr.latents();
			}
		}
		Uncertainty u = Uncertainty.ofFlat(all, card.classNames().length);
		return new Batch(u.meanProbabilities(), u, ood.scores(Arrays.asList(latents), u.meanProbabilities()));
	}

	private static double dropoutRate(ModelCard card) {
		if (card.json().get("network") instanceof Map<?, ?> net && net.get("dropout") instanceof Number d && d
			.doubleValue() > 0)
		{
			return d.doubleValue();
		}
		return DEFAULT_DROPOUT;
	}

	/** Objects per class and OOD flags, counted from the finished catalogue. */
	private static final class Counter {

		final Map<String, Integer> counts = new LinkedHashMap<>();

		Counter(String[] classes) {
			for (String c : classes) {
				counts.put(c, 0);
			}
		}

		void count(Catalog catalog) {
			for (String c : catalog.stringColumn("class")) {
				counts.merge(c, 1, Integer::sum);
			}
		}

		int oodCount(Catalog catalog) {
			int n = 0;
			for (int v : catalog.intColumn("ood")) {
				n += v;
			}
			return n;
		}
	}
}
