package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every training setting, by key (the same keys serve macros, the command line and model.json). Values are validated
 * when set; {@link #keys()} lists them with defaults and meaning.
 */
public final class TrainingOptions {

	public static final String SOURCE_ONLY = "source-only";
	public static final String DANN = "dann";
	public static final String MMD = "mmd";
	public static final String CORAL = "coral";
	public static final String FINE_TUNE = "fine-tune";
	public static final String AUTO = "auto";
	/** augment-observation choices. */
	public static final String OBSERVATION_NONE = "none", OBSERVATION_RANDOM = "random", OBSERVATION_MATCHED = "matched";

	/** One option: key, default, allowed values (null = a number or free text) and meaning. */
	public record Key(String name, String defaultValue, List<String> choices, String kind, String help) {}

	private static final Map<String, Key> KEYS = new LinkedHashMap<>();

	private static void key(String name, String dflt, String kind, String help, String... choices) {
		KEYS.put(name, new Key(name, dflt, choices.length == 0 ? null : List.of(choices), kind, help));
	}

	static {
		key("method", DANN, "choice", "training objective", SOURCE_ONLY, DANN, MMD, CORAL, AUTO, FINE_TUNE);
		key("network", Network.DEEPMERGE, "choice", "architecture", Network.DEEPMERGE, Network.RESNET);
		key("epochs", "30", "int", "maximum number of epochs (passes over the labelled source training split)");
		key("batch", "32", "int", "source stamps per step (adaptive methods add as many target stamps)");
		key("lr", "0.001", "double", "peak Adam learning rate");
		key("lr-schedule", "ganin", "choice", "ganin: lr/(1+10p)^0.75; one-cycle: warm-up then cosine decay; constant",
			"ganin", "one-cycle", "constant");
		key("weight-decay", "0", "double", "L2 penalty on kernels");
		key("dropout", "0.2", "double", "dropout rate in the label head");
		key("dann-weight", "1", "double",
			"weight of the domain-classifier loss (dann); 1 aligned sim -> sdss on the mergers benchmark, 0.3 did not");
		key("lambda-schedule", "ganin", "choice", "ganin: lambda = max * (2/(1+exp(-10p)) - 1); constant: lambda = max",
			"ganin", "constant");
		key("lambda", "1", "double", "maximum (or constant) gradient-reversal factor (dann)");
		key("domain-dropout", "0.5", "double", "dropout rate in the 2x1024 domain head (dann)");
		key("mmd-weight", "1", "double", "weight of the MMD term (mmd)");
		key("mmd-kernels", "deepmerge", "choice",
			"deepmerge: 19 fixed bandwidths 1e-6..1e6; median: multiples of the batch median distance", "deepmerge",
			"median");
		key("coral-weight", "1", "double",
			"weight of the Deep CORAL term (coral): squared Frobenius distance of source and target latent covariances over 4 d^2");
		key("pseudo-label-weight", "0", "double",
			"self-training: weight of cross-entropy on confident target predictions as labels, ramped up like lambda; > 0 needs target stamps");
		key("pseudo-label-threshold", "0.9", "double",
			"self-training: least class probability for a target stamp to count as pseudo-labelled");
		key("entropy-weight", "0", "double", "weight of entropy minimisation on target predictions (dann, mmd, coral)");
		key("class-weights", "balanced", "choice", "balanced: weight classes by inverse frequency; none", "balanced",
			"none");
		key("augment", "true", "boolean", "random flips and 90-degree rotations of every batch");
		key("augment-observation", OBSERVATION_MATCHED, "choice",
			"re-observe every source stamp before normalisation: matched = as the target survey observes (PSF, pixel scale and noise fitted to the target stamps, ObservationMatcher); random = through a random survey; none. true/false stand for random/none",
			OBSERVATION_NONE, OBSERVATION_RANDOM, OBSERVATION_MATCHED);
		key("adabn", "false", "boolean",
			"after training, batch-norm statistics recomputed on the target stamps (AdaBN); needs target stamps");
		key("val-fraction", "0.2", "double", "fraction of labelled source stamps held out for validation");
		key("patience", "8", "int",
			"epochs without improvement of the early-stop criterion before stopping (0 = never stop early)");
		key("early-stop", "val-loss", "choice", "source validation criterion for early stopping and best weights",
			"val-loss", "val-acc");
		key("seed", "1", "long", "seed of every random choice (weights, splits, batches, augmentation, dropout)");
		key("threads", "0", "int", "TensorFlow intra- and inter-op threads (0 = all processors)");
		key("device", "auto", "choice", "auto: GPU when TensorFlow has one; cpu; gpu (fail if there is none)", "auto",
			"cpu", "gpu");
		key("normalisation", Normalisation.ASINH_ROBUST, "choice", "per-stamp, per-band scaling",
			Normalisation.ASINH_ROBUST, Normalisation.ZSCORE, Normalisation.NONE);
		key("norm-percentile", "99", "double", "asinh-robust: percentile of |x - median| used as the scale");
		key("norm-stretch", "3", "double", "asinh-robust: y = asinh(stretch x)/asinh(stretch)");
	}

	private final Map<String, String> values = new LinkedHashMap<>();

	public TrainingOptions() {
		for (Key k : KEYS.values())
			values.put(k.name(), k.defaultValue());
	}

	/** Defaults overridden by the given keys; unknown keys and bad values raise IllegalArgumentException. */
	public static TrainingOptions fromMap(Map<String, ?> map) {
		TrainingOptions o = new TrainingOptions();
		if (map != null) for (Map.Entry<String, ?> e : map.entrySet())
			o.set(e.getKey(), e.getValue() == null ? null : e.getValue().toString());
		return o;
	}

	public static List<Key> keys() {
		return new ArrayList<>(KEYS.values());
	}

	public TrainingOptions set(String key, String value) {
		String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
		Key def = KEYS.get(k);
		if (def == null) throw new IllegalArgumentException("unknown training option '" + key + "'; known options: " +
			String.join(", ", KEYS.keySet()));
		String v = value == null ? def.defaultValue() : value.trim();
		if (def.choices() != null) {
			v = v.toLowerCase(Locale.ROOT).replace('_', '-');
			if (k.equals("method") && v.equals("sourceonly")) v = SOURCE_ONLY;
			// model cards and macros written before the choice was a choice
			if (k.equals("augment-observation") && (v.equals("true") || v.equals("false"))) v = v.equals("true")
				? OBSERVATION_RANDOM : OBSERVATION_NONE;
			if (!def.choices().contains(v)) throw new IllegalArgumentException("unknown " + k + " '" + value +
				"': expected one of " + String.join(", ", def.choices()));
		}
		else {
			try {
				switch (def.kind()) {
					case "int":
						if (Integer.parseInt(v) < 0) throw new IllegalArgumentException("training option " + k +
							" must not be negative, got " + v);
						break;
					case "long":
						Long.parseLong(v);
						break;
					case "double":
						double d = Double.parseDouble(v);
						if (!Double.isFinite(d) || d < 0) throw new IllegalArgumentException("training option " + k +
							" must be a finite number >= 0, got " + v);
						break;
					case "boolean":
						if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) throw new IllegalArgumentException(
							"training option " + k + " must be true or false, got " + v);
						v = v.toLowerCase(Locale.ROOT);
						break;
					default:
				}
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("training option " + k + " must be a" + (def.kind().equals("int")
					? "n integer" : " number") + ", got '" + value + "'");
			}
		}
		values.put(k, v);
		checkRanges();
		return this;
	}

	private void checkRanges() {
		if (getInt("epochs") < 1) throw new IllegalArgumentException("training option epochs must be at least 1");
		if (getInt("batch") < 2) throw new IllegalArgumentException("training option batch must be at least 2");
		for (String k : Arrays.asList("dropout", "domain-dropout"))
			if (getDouble(k) >= 1) throw new IllegalArgumentException("training option " + k + " must be below 1, got " +
				getDouble(k));
		double vf = getDouble("val-fraction");
		if (vf <= 0 || vf >= 1) throw new IllegalArgumentException(
			"training option val-fraction must be between 0 and 1 (exclusive), got " + vf);
		if (getDouble("lr") <= 0) throw new IllegalArgumentException("training option lr must be > 0");
		if (getDouble("pseudo-label-threshold") > 1) throw new IllegalArgumentException(
			"training option pseudo-label-threshold must lie in 0..1, got " + getDouble("pseudo-label-threshold"));
	}

	public String get(String key) {
		String v = values.get(key);
		if (v == null) throw new IllegalArgumentException("unknown training option '" + key + "'");
		return v;
	}

	public int getInt(String key) {
		return Integer.parseInt(get(key));
	}

	public long getLong(String key) {
		return Long.parseLong(get(key));
	}

	public double getDouble(String key) {
		return Double.parseDouble(get(key));
	}

	public boolean getBoolean(String key) {
		return Boolean.parseBoolean(get(key));
	}

	public String method() {
		return get("method");
	}

	public boolean adaptive() {
		return method().equals(DANN) || method().equals(MMD) || method().equals(CORAL) || method().equals(AUTO) ||
			selfTraining();
	}

	/** Whether confident target predictions are trained on as labels (combinable with every method but fine-tune). */
	public boolean selfTraining() {
		return getDouble("pseudo-label-weight") > 0 && !method().equals(FINE_TUNE);
	}

	public Normalisation normalisation() {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("percentile", getDouble("norm-percentile"));
		p.put("stretch", getDouble("norm-stretch"));
		return Normalisation.of(get("normalisation"), p);
	}

	/** All keys and their values (defaults included), for model.json. */
	public Map<String, String> toMap() {
		return new LinkedHashMap<>(values);
	}

	public TrainingOptions copy() {
		return fromMap(values);
	}

	/** Gradient-reversal factor at training progress p in [0, 1]. */
	public double lambdaAt(double p) {
		double max = getDouble("lambda");
		return get("lambda-schedule").equals("constant") ? max : max * (2 / (1 + Math.exp(-10 * p)) - 1);
	}

	/** Learning rate at training progress p in [0, 1]. */
	public double learningRateAt(double p) {
		double lr = getDouble("lr");
		switch (get("lr-schedule")) {
			case "constant":
				return lr;
			case "one-cycle": {
				double warm = 0.3;
				if (p < warm) return lr / 25 + (lr - lr / 25) * p / warm;
				double q = (p - warm) / (1 - warm);
				return lr / 1e4 + (lr - lr / 1e4) * 0.5 * (1 + Math.cos(Math.PI * q));
			}
			default:
				return lr / Math.pow(1 + 10 * p, 0.75);
		}
	}

	@Override
	public String toString() {
		return values.toString();
	}
}
