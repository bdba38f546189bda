package org.astrobridge.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.astrobridge.nn.EpochReport;
import org.astrobridge.nn.InferenceGraph;
import org.astrobridge.nn.LatentStatistics;
import org.astrobridge.ood.CalibratedThreshold;
import org.astrobridge.ood.OodFitData;
import org.astrobridge.ood.OodScorers;
import org.astrobridge.ood.OodThreshold;
import org.astrobridge.nn.Network;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.TensorFlowRuntime;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.util.AtomicFiles;

/**
 * A model package: a folder holding {@code model.json} (the model card), {@code saved_model/} (a TensorFlow SavedModel,
 * tag "serve", signature "serving_default": normalised stamps [n,h,w,bands] to "probabilities" [n,classes] and "latent"
 * [n,latentDim]) and {@code latent_source_val.f32} (the source-validation latent vectors, little-endian float32,
 * row-major [samples, latentDim]); optionally also zipped as {@code <folder>.zip}. Saving writes everything into a
 * temporary sibling folder and renames it into place, so a failure leaves the previous package (or nothing) behind,
 * never a half-written one.
 */
public final class ModelPackage {

	static {
		TensorFlowRuntime.configure(); // before this class first touches TensorFlow
	}

	public static final String CARD = "model.json";
	public static final String SAVED_MODEL = "saved_model";
	public static final String LATENTS = "latent_source_val.f32";
	public static final String TARGET_LATENTS = "latent_target.f32";

	private ModelPackage() {}

	/**
	 * Writes the package.
	 *
	 * @param pixelScaleArcsec pixel scale of the training stamps, or null/NaN when unknown
	 * @param zip also write {@code folder + ".zip"} (atomically)
	 * @return the package folder
	 */
	public static Path save(TrainedModel model, Path folder, Double pixelScaleArcsec, boolean zip) throws IOException {
		return save(model, folder, pixelScaleArcsec, zip, null);
	}

	/**
	 * Writes the package with the record that lets it retrain itself ({@link TrainingRecord}).
	 *
	 * @param inputs the training inputs as given, or null when they are not files (then no record is written)
	 */
	public static Path save(TrainedModel model, Path folder, Double pixelScaleArcsec, boolean zip,
		List<TrainingRecord.Input> inputs) throws IOException
	{
		Path target = folder.toAbsolutePath().normalize();
		Path parent = target.getParent();
		if (parent == null) throw new ModelException("cannot write a model package at the file-system root: " + folder);
		Files.createDirectories(parent);
		if (Files.exists(target) && !Files.isDirectory(target)) throw new ModelException("cannot write model package " +
			target + ": a file of that name exists");
		if (Files.isDirectory(target) && !isEmpty(target) && !Files.exists(target.resolve(CARD))) throw new ModelException(
			"refusing to overwrite " + target + ": the folder exists and is not a model package");
		String base = target.getFileName().toString();
		Path tmp = Files.createTempDirectory(parent, "." + base + ".tmp-");
		try {
			try (InferenceGraph g = model.inferenceGraph(new SessionSettings(1, "cpu"))) {
				g.exportSavedModel(tmp.resolve(SAVED_MODEL));
			}
			catch (RuntimeException e) {
				throw new ModelException("could not export the TensorFlow SavedModel for " + target + ": " + e.getMessage(), e);
			}
			LatentStatistics ls = model.latent();
			writeFloats(tmp.resolve(LATENTS), ls.samples());
			if (ls.targetSamples() != null) writeFloats(tmp.resolve(TARGET_LATENTS), ls.targetSamples());
			Files.writeString(tmp.resolve(CARD), Json.write(card(model, pixelScaleArcsec, inputs == null ? null
				: TrainingRecord.of(model, inputs))), StandardCharsets.UTF_8);
			replace(tmp, target);
		}
		finally {
			deleteTree(tmp);
		}
		if (zip) zip(target, target.resolveSibling(base + ".zip"));
		return target;
	}

	/** Moves a complete temporary folder over the target, keeping the old package until the new one is in place. */
	private static void replace(Path tmp, Path target) throws IOException {
		Path old = null;
		if (Files.exists(target)) {
			old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
			move(target, old);
		}
		try {
			move(tmp, target);
		}
		catch (IOException e) {
			if (old != null) move(old, target);
			throw e;
		}
		if (old != null) deleteTree(old);
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to);
		}
	}

	/** Zips a package folder into {@code zipFile}, completely or not at all; entries carry no time stamp of their own. */
	public static void zip(Path folder, Path zipFile) throws IOException {
		AtomicFiles.write(zipFile, tmp -> {
			try (OutputStream os = Files.newOutputStream(tmp);
					ZipOutputStream z = new ZipOutputStream(os);
					Stream<Path> files = Files.walk(folder))
			{
				for (Path p : files.sorted().toList()) {
					if (Files.isDirectory(p)) continue;
					ZipEntry entry = new ZipEntry(folder.relativize(p).toString().replace('\\', '/'));
					entry.setTime(0); // the same model gives the same zip bytes
					z.putNextEntry(entry);
					Files.copy(p, z);
					z.closeEntry();
				}
			}
		});
	}

	/** Extracts a zipped package into a new temporary folder (the caller deletes it), refusing entries that escape it. */
	static Path unzip(Path zipFile) throws ModelException {
		Path dir;
		try {
			dir = Files.createTempDirectory("astrobridge-model-");
		}
		catch (IOException e) {
			throw new ModelException("cannot unzip model package " + zipFile + ": no temporary folder (" + e.getMessage() +
				")", e);
		}
		try (InputStream is = Files.newInputStream(zipFile); ZipInputStream z = new ZipInputStream(is)) {
			ZipEntry e;
			int entries = 0;
			while ((e = z.getNextEntry()) != null) {
				Path out = dir.resolve(e.getName()).normalize();
				if (!out.startsWith(dir)) throw new ModelException("damaged model package " + zipFile + ": entry " + e
					.getName() + " points outside the package");
				if (e.isDirectory()) {
					Files.createDirectories(out);
					continue;
				}
				Files.createDirectories(out.getParent());
				Files.copy(z, out);
				entries++;
			}
			if (entries == 0) throw new ModelException("damaged model package " + zipFile + ": the zip file holds no files");
		}
		catch (IOException | RuntimeException ex) {
			deleteTree(dir);
			if (ex instanceof ModelException me) throw me;
			throw new ModelException("damaged model package " + zipFile + ": cannot unzip it (" + ex.getMessage() + ")", ex);
		}
		return dir;
	}

	/** Reads and checks model.json of a package folder or .zip. */
	public static ModelCard readCardOf(Path location) throws ModelException {
		Path loc = location.toAbsolutePath().normalize();
		if (!Files.exists(loc)) throw new ModelException("model package not found: " + location);
		if (Files.isDirectory(loc)) return readCard(loc);
		Path dir = unzip(loc);
		try {
			ModelCard c = readCard(dir);
			return new ModelCard(loc, c.json());
		}
		finally {
			deleteTree(dir);
		}
	}

	/** Reads and checks model.json of a package folder. */
	@SuppressWarnings("unchecked")
	public static ModelCard readCard(Path folder) throws ModelException {
		if (!Files.exists(folder)) throw new ModelException("model package not found: " + folder);
		Path card = folder.resolve(CARD);
		if (!Files.isRegularFile(card)) throw new ModelException(folder + " is not an AstroBridge model package: " + CARD +
			" is missing");
		Object json;
		try {
			json = Json.parse(Files.readString(card, StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalArgumentException e) {
			throw new ModelException("damaged model package " + folder + ": " + CARD + " cannot be read (" + e.getMessage() +
				")", e);
		}
		if (!(json instanceof Map)) throw new ModelException("damaged model package " + folder + ": " + CARD +
			" is not a JSON object");
		return new ModelCard(folder, (Map<String, Object>) json);
	}

	/** The latent statistics recorded in a package (means, variances, target summary and the raw source samples). */
	@SuppressWarnings("unchecked")
	public static LatentStatistics readLatentStatistics(ModelCard card, Path folder) throws ModelException {
		try {
			Map<String, Object> l = (Map<String, Object>) card.json().get("latent");
			Map<String, Object> src = (Map<String, Object>) l.get("sourceValidation");
			int dim = ((Number) l.get("dim")).intValue();
			int[] counts = ints((List<Object>) src.get("classCounts"));
			List<Object> meansJ = (List<Object>) src.get("classMeans");
			double[][] means = new double[meansJ.size()][];
			for (int c = 0; c < means.length; c++)
				means[c] = doubles((List<Object>) meansJ.get(c));
			double[] var = doubles((List<Object>) src.get("sharedVariance"));
			int[] sampleLabels = ints((List<Object>) src.get("sampleLabels"));
			float[] samples = readFloats(folder.resolve(LATENTS), (long) sampleLabels.length * dim);
			Map<String, Object> tgt = (Map<String, Object>) l.get("target");
			if (tgt == null) return new LatentStatistics(dim, counts, means, var, samples, sampleLabels, 0, null, null,
				Double.NaN, null);
			// packages written before target latents were kept have no samplesFile here
			float[] targetSamples = tgt.get("samplesFile") == null ? null : readFloats(folder.resolve(TARGET_LATENTS),
				((Number) tgt.get("samples")).longValue() * dim);
			return new LatentStatistics(dim, counts, means, var, samples, sampleLabels, ((Number) tgt.get("count"))
				.intValue(), doubles((List<Object>) tgt.get("mean")), doubles((List<Object>) tgt.get("variance")), num(tgt.get(
					"meanEntropy")), targetSamples);
		}
		catch (ClassCastException | NullPointerException e) {
			throw new ModelException("damaged model package " + folder + ": the latent statistics in " + CARD +
				" are incomplete", e);
		}
	}

	static Map<String, Object> card(TrainedModel m, Double pixelScale, TrainingRecord record) {
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("format", ModelCard.FORMAT);
		c.put("formatVersion", ModelCard.FORMAT_VERSION);
		c.put("created", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		c.put("software", TrainingRecord.currentSoftware());
		c.put("classes", List.of(m.classNames()));
		c.put("stampHeight", m.height());
		c.put("stampWidth", m.width());
		c.put("bands", m.bands());
		c.put("pixelScaleArcsec", pixelScale == null || pixelScale.isNaN() ? null : pixelScale);
		c.put("latentDim", Network.byName(m.network()).latentDim(m.height(), m.width()));
		Map<String, Object> norm = new LinkedHashMap<>();
		norm.put("name", m.normalisation().name());
		norm.put("parameters", m.normalisation().parameters());
		c.put("normalisation", norm);
		Map<String, Object> net = new LinkedHashMap<>();
		net.put("name", m.network());
		net.put("dropout", m.options().getDouble("dropout"));
		c.put("network", net);
		c.put("method", m.options().method());
		c.put("seed", m.options().getLong("seed"));
		c.put("hyperparameters", m.options().toMap());
		Map<String, Object> sig = new LinkedHashMap<>();
		sig.put("tag", "serve");
		sig.put("key", InferenceGraph.SIGNATURE_KEY);
		sig.put("input", InferenceGraph.INPUT + " float32 [n, " + m.height() + ", " + m.width() + ", " + m.bands() +
			"], normalised as 'normalisation' says");
		sig.put("outputs", List.of(InferenceGraph.PROBABILITIES + " float32 [n, " + m.classCount() + "]",
			InferenceGraph.LATENT + " float32 [n, latentDim]"));
		sig.put("monteCarloDropout", InferenceGraph.MC_RATE + " float32 scalar (default 0), " + InferenceGraph.MC_SEED +
			" int64 [2]");
		c.put("signature", sig);
		c.put("provenance", m.provenance());
		Map<String, Object> tr = new LinkedHashMap<>();
		tr.put("bestEpoch", m.bestEpoch());
		tr.put("epochsRun", m.history().size());
		tr.put("stopReason", m.stopReason());
		tr.put("seconds", m.trainingSeconds());
		tr.put("placement", m.placement());
		List<Object> hist = new ArrayList<>();
		for (EpochReport r : m.history())
			hist.add(r.toMap());
		tr.put("history", hist);
		c.put("training", tr);
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("sourceValidation", m.sourceValidation() == null ? null : m.sourceValidation().toMap(m.classNames()));
		metrics.put("target", m.target() == null ? null : m.target().toMap(m.classNames()));
		c.put("metrics", metrics);
		LatentStatistics ls = m.latent();
		Map<String, Object> lat = new LinkedHashMap<>();
		lat.put("dim", ls.dim());
		Map<String, Object> src = new LinkedHashMap<>();
		src.put("classCounts", ls.classCounts());
		src.put("classMeans", ls.classMeans());
		src.put("sharedVariance", ls.sharedVariance());
		src.put("samplesFile", LATENTS);
		src.put("sampleLabels", ls.sampleLabels());
		lat.put("sourceValidation", src);
		if (ls.targetCount() > 0) {
			Map<String, Object> t = new LinkedHashMap<>();
			t.put("count", ls.targetCount());
			t.put("mean", ls.targetMean());
			t.put("variance", ls.targetVariance());
			t.put("meanEntropy", ls.targetMeanEntropy());
			if (ls.targetSamples() != null) {
				t.put("samplesFile", TARGET_LATENTS);
				t.put("samples", ls.targetSampleCount());
			}
			lat.put("target", t);
		}
		else {
			lat.put("target", null);
		}
		c.put("latent", lat);
		c.put("ood", defaultOod(ls, m.classCount()));
		if (record != null) c.put(TrainingRecord.KEY, record.toJson());
		return c;
	}

	/**
	 * The OOD threshold Classify Objects flags at with its defaults (ood=mahalanobis, keep=0.95, calibrate=target),
	 * fitted to this model's latents as {@code classify.OodModel} fits it, so that the card states it; other choices give
	 * other thresholds, which each catalogue states.
	 */
	public static Map<String, Object> defaultOod(LatentStatistics ls, int classes) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("method", OodScorers.MAHALANOBIS);
		o.put("keep", OodThreshold.DEFAULT_KEEP);
		try {
			OodFitData data = OodFitData.split(OodScorers.MAHALANOBIS, "this model", classes, ls.dim(), ls.samples(), ls
				.sampleLabels(), ls.targetSamples());
			CalibratedThreshold t = CalibratedThreshold.of(OodScorers.fit(OodScorers.MAHALANOBIS, data), data,
				OodThreshold.DEFAULT_KEEP, true);
			o.put("calibration", t.onTarget() ? "target" : "source");
			o.put("threshold", t.threshold().threshold());
			o.put("calibrationLatents", t.count());
			o.put("note", "the threshold of Classify Objects' defaults (ood=mahalanobis keep=0.95 calibrate=target); " +
				"other ood, keep or calibrate choices give other thresholds, which each catalogue states");
		}
		catch (IllegalArgumentException e) {
			// too few latents for a Mahalanobis threshold: the card says so rather than giving a number
			o.put("threshold", null);
			o.put("note", e.getMessage());
		}
		return o;
	}

	private static void writeFloats(Path file, float[] v) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(v);
		Files.write(file, b.array());
	}

	private static float[] readFloats(Path file, long expected) throws ModelException {
		try {
			byte[] bytes = Files.readAllBytes(file);
			if (bytes.length != expected * 4) throw new ModelException("damaged model package " + file.getParent() + ": " +
				file.getFileName() + " holds " + bytes.length + " bytes, expected " + expected * 4);
			float[] v = new float[(int) expected];
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
			return v;
		}
		catch (ModelException e) {
			throw e;
		}
		catch (IOException e) {
			throw new ModelException("damaged model package " + file.getParent() + ": cannot read " + file.getFileName() +
				" (" + e.getMessage() + ")", e);
		}
	}

	private static int[] ints(List<Object> l) {
		return l.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
	}

	private static double[] doubles(List<Object> l) {
		return l.stream().mapToDouble(ModelPackage::num).toArray();
	}

	private static double num(Object o) {
		return o == null ? Double.NaN : ((Number) o).doubleValue();
	}

	private static boolean isEmpty(Path dir) throws IOException {
		try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
			return !s.iterator().hasNext();
		}
	}

	/** Deletes a folder and everything in it, quietly: used for temporary folders. */
	public static void deleteTree(Path p) {
		if (p == null || !Files.exists(p)) return;
		try (Stream<Path> s = Files.walk(p)) {
			for (Path q : s.sorted(Comparator.reverseOrder()).toList())
				Files.deleteIfExists(q);
		}
		catch (IOException e) {
			// A leftover temporary folder is harmless (its name starts with '.'); the caller's own error matters more.
		}
	}
}
