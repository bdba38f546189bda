package org.astrobridge.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.TensorFlowRuntime;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.util.Sha256;
import org.tensorflow.TensorFlow;

/**
 * The "reproduction" section of model.json: everything that decides the trained weights, so that the package
 * can retrain itself and say whether it got the same bytes. Training is bit-identical only when the inputs
 * (SHA-256), every training option, the TensorFlow thread count, the kernel setting (TF_ENABLE_ONEDNN_OPTS),
 * the device, the software versions and the CPU all match; {@link #differences} names those that do not.
 *
 * @param inputs each input file with its path as given and its SHA-256, in the training command's order
 * @param options every training option (defaults included)
 * @param threads the TensorFlow thread count actually used: that of the process's first session
 *        ({@link SessionSettings#processThreads()}), threads=0 resolved to the processor count
 * @param environment kernel setting, device placement and CPU, by name
 * @param software AstroBridge, TensorFlow, TensorFlow Java and Java versions
 * @param weightsSha256 SHA-256 of the kept weights ({@link #weightsSha256(Map)})
 */
public record TrainingRecord(List<Input> inputs, Map<String, String> options, int threads, Map<String, String> environment,
		Map<String, String> software, String weightsSha256) {

	public static final String KEY = "reproduction";
	static final String TENSORFLOW_JAVA = "1.1.0";

	/**
	 * One input file of a training run.
	 * @param role the training command's parameter: source, sourcelabels, target, targetlabels or base
	 * @param path as given to the command (relative paths are relative to the folder it ran in)
	 * @param sha256 of the file's bytes; for a folder, of its files' relative names and bytes in name order
	 * @param simulated the simulator options that wrote the file (from its SIMOPTnn header cards), else empty
	 */
	public record Input(String role, String path, String sha256, Map<String, String> simulated) {

		/** Describes a file or folder as it is now. */
		public static Input of(String role, Path given) throws IOException {
			return new Input(role, given.toString(), TrainingRecord.sha256(given), simulatorRecipe(given));
		}
	}

	/** The record of a model just trained from these inputs. */
	public static TrainingRecord of(TrainedModel model, List<Input> inputs) {
		return new TrainingRecord(List.copyOf(inputs), model.options().toMap(), SessionSettings.processThreads(),
				currentEnvironment(model.placement()), currentSoftware(), weightsSha256(model.weights()));
	}

	/** Kernel setting, where the ops ran, and the CPU: what besides the options changes float results. */
	static Map<String, String> currentEnvironment(String placement) {
		Map<String, String> e = new LinkedHashMap<>();
		e.put("kernels", TensorFlowRuntime.kernelSetting());
		e.put("placement", placement);
		e.put("cpu", cpuModel());
		return e;
	}

	static Map<String, String> currentSoftware() {
		Map<String, String> sw = new LinkedHashMap<>();
		String v = ModelPackage.class.getPackage().getImplementationVersion();
		sw.put("astrobridge", v == null ? "dev" : v);
		sw.put("tensorflow", TensorFlow.version());
		sw.put("tensorflowJava", TENSORFLOW_JAVA);
		sw.put("java", System.getProperty("java.version"));
		return sw;
	}

	/** The processor model from /proc/cpuinfo, or os.arch where there is none: its vector units change float sums. */
	private static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
					.orElse(System.getProperty("os.arch"));
		} catch (IOException | RuntimeException e) {
			return System.getProperty("os.arch");
		}
	}

	/** SHA-256 over the weights in name order: each name's UTF-8 bytes, then its values as little-endian float32. */
	public static String weightsSha256(Map<String, float[]> weights) {
		MessageDigest d = Sha256.digest();
		for (Map.Entry<String, float[]> e : new TreeMap<>(weights).entrySet()) {
			d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
			ByteBuffer b = ByteBuffer.allocate(e.getValue().length * 4).order(ByteOrder.LITTLE_ENDIAN);
			b.asFloatBuffer().put(e.getValue());
			d.update(b.array());
		}
		return Sha256.hex(d);
	}

	/** SHA-256 of an input file or folder ({@link Sha256#of}). */
	public static String sha256(Path p) throws IOException {
		return Sha256.of(p);
	}

	/** The simulator options in a FITS file's SIMOPTnn cards; empty for other files. */
	static Map<String, String> simulatorRecipe(Path p) {
		Map<String, String> r = new LinkedHashMap<>();
		String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		if (Files.isDirectory(p) || !(name.endsWith(".fits") || name.endsWith(".fit") || name.endsWith(".fts"))) return r;
		try {
			FitsHeader h = FitsReader.primaryHeader(p);
			for (int k = 1;; k++) {
				String kv = h.getString(BenchmarkWriter.simoptKey(k));
				if (kv == null) break;
				int eq = kv.indexOf('=');
				if (eq > 0) r.put(kv.substring(0, eq), kv.substring(eq + 1));
			}
		} catch (IOException | RuntimeException e) {
			// not a readable FITS file: nothing to regenerate it from, its checksum still guards it
		}
		return r;
	}

	/**
	 * The settings in which {@code other} (a retraining) differs from this record, e.g.
	 * "kernels: TF_ENABLE_ONEDNN_OPTS=unset -> TF_ENABLE_ONEDNN_OPTS=0"; empty when all match.
	 */
	public List<String> differences(TrainingRecord other) {
		List<String> d = new ArrayList<>();
		if (threads != other.threads) d.add("threads: " + threads + " -> " + other.threads);
		Map<String, String> mine = new LinkedHashMap<>(options), theirs = new LinkedHashMap<>(other.options);
		mine.remove("threads"); // compared as the resolved count above
		theirs.remove("threads");
		compare(d, "option ", mine, theirs);
		compare(d, "", environment, other.environment);
		compare(d, "", software, other.software);
		for (int i = 0; i < Math.max(inputs.size(), other.inputs.size()); i++) {
			Input a = i < inputs.size() ? inputs.get(i) : null, b = i < other.inputs.size() ? other.inputs.get(i) : null;
			if (a == null || b == null || !a.role().equals(b.role()) || !a.sha256().equals(b.sha256()))
				d.add("input " + (a != null ? a.role() : b.role()) + ": " + (a == null ? "none" : a.sha256()) + " -> " + (b == null ? "none" : b.sha256()));
		}
		return d;
	}

	/** Adds "prefix key: a -> b" for each key, in name order, whose values differ. */
	private static void compare(List<String> out, String prefix, Map<String, String> a, Map<String, String> b) {
		Set<String> keys = new TreeSet<>(a.keySet());
		keys.addAll(b.keySet());
		for (String k : keys) {
			String x = a.get(k), y = b.get(k);
			if (x == null ? y != null : !x.equals(y)) out.add(prefix + k + ": " + x + " -> " + y);
		}
	}

	/** As written into model.json. */
	public Map<String, Object> toJson() {
		Map<String, Object> m = new LinkedHashMap<>();
		List<Object> in = new ArrayList<>();
		for (Input i : inputs) {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("role", i.role());
			e.put("path", i.path());
			e.put("sha256", i.sha256());
			if (!i.simulated().isEmpty()) e.put("simulated", new LinkedHashMap<>(i.simulated()));
			in.add(e);
		}
		m.put("inputs", in);
		m.put("options", new LinkedHashMap<>(options));
		m.put("threads", threads);
		m.put("environment", new LinkedHashMap<>(environment));
		m.put("software", new LinkedHashMap<>(software));
		m.put("weightsSha256", weightsSha256);
		return m;
	}

	/** The record in a model card, or null for packages written before records were kept. */
	@SuppressWarnings("unchecked")
	public static TrainingRecord from(ModelCard card) throws ModelException {
		Object r = card.json().get(KEY);
		if (r == null) return null;
		try {
			Map<String, Object> m = (Map<String, Object>) r;
			List<Input> inputs = new ArrayList<>();
			for (Object o : (List<Object>) m.get("inputs")) {
				Map<String, Object> e = (Map<String, Object>) o;
				inputs.add(new Input((String) e.get("role"), (String) e.get("path"), (String) e.get("sha256"),
						strings((Map<String, Object>) e.get("simulated"))));
			}
			return new TrainingRecord(inputs, strings((Map<String, Object>) m.get("options")), ((Number) m.get("threads")).intValue(),
					strings((Map<String, Object>) m.get("environment")), strings((Map<String, Object>) m.get("software")), (String) m.get("weightsSha256"));
		} catch (ClassCastException | NullPointerException e) {
			throw new ModelException("damaged model package " + card.location() + ": the '" + KEY + "' section of model.json is incomplete", e);
		}
	}

	private static Map<String, String> strings(Map<String, Object> m) {
		Map<String, String> out = new LinkedHashMap<>();
		if (m != null) for (Map.Entry<String, Object> e : m.entrySet()) out.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue()));
		return out;
	}
}
