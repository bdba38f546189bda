package org.astrobridge.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.astrobridge.nn.Normalisation;

/** The parsed model.json of a package, with the fields inference needs checked on construction. */
public final class ModelCard {

	public static final String FORMAT = "astrobridge-model";
	public static final int FORMAT_VERSION = 1;

	private final Path location;
	private final Map<String, Object> json;
	private final String[] classNames;
	private final int height, width, bands, latentDim;
	private final String network;
	private final Normalisation normalisation;

	@SuppressWarnings("unchecked")
	ModelCard(Path location, Map<String, Object> json) throws ModelException {
		this.location = location;
		this.json = json;
		if (!FORMAT.equals(json.get("format"))) throw damaged("model.json has format " + json.get("format") +
			", expected " + FORMAT);
		long version = number("formatVersion");
		if (version > FORMAT_VERSION) throw new ModelException(location + ": model format version " + version +
			" is newer than this AstroBridge reads (" + FORMAT_VERSION + ")");
		Object classes = json.get("classes");
		if (!(classes instanceof List<?> list) || list.size() < 2) throw damaged(
			"model.json field 'classes' must list at least two class names");
		classNames = list.stream().map(String::valueOf).toArray(String[]::new);
		height = (int) number("stampHeight");
		width = (int) number("stampWidth");
		bands = (int) number("bands");
		latentDim = (int) number("latentDim");
		Object net = json.get("network");
		if (!(net instanceof Map<?, ?> n) || !(n.get("name") instanceof String)) throw damaged(
			"model.json field 'network.name' is missing");
		network = (String) ((Map<String, Object>) net).get("name");
		Object norm = json.get("normalisation");
		if (!(norm instanceof Map<?, ?> nm)) throw damaged("model.json field 'normalisation' is missing");
		try {
			normalisation = Normalisation.of(String.valueOf(nm.get("name")), (Map<String, ?>) nm.get("parameters"));
		}
		catch (IllegalArgumentException e) {
			throw damaged("model.json: " + e.getMessage());
		}
	}

	private long number(String key) throws ModelException {
		Object v = json.get(key);
		if (!(v instanceof Number n)) throw damaged("model.json field '" + key + "' is missing or not a number");
		return n.longValue();
	}

	private ModelException damaged(String what) {
		return new ModelException("damaged model package " + location + ": " + what);
	}

	public Path location() {
		return location;
	}

	public String[] classNames() {
		return classNames.clone();
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	public int bands() {
		return bands;
	}

	public int latentDim() {
		return latentDim;
	}

	public String network() {
		return network;
	}

	public Normalisation normalisation() {
		return normalisation;
	}

	public String method() {
		return String.valueOf(json.get("method"));
	}

	/** Pixel scale in arcsec/pixel of the training stamps, or NaN when unknown. */
	public double pixelScaleArcsec() {
		return json.get("pixelScaleArcsec") instanceof Number n ? n.doubleValue() : Double.NaN;
	}

	/** The whole model.json as maps and lists. */
	public Map<String, Object> json() {
		return json;
	}

	/** Hyperparameters as recorded (option key to value text). */
	@SuppressWarnings("unchecked")
	public Map<String, String> hyperparameters() {
		Map<String, String> m = new LinkedHashMap<>();
		if (json.get("hyperparameters") instanceof Map<?, ?> h) for (Map.Entry<String, Object> e : ((Map<String, Object>) h)
			.entrySet())
			m.put(e.getKey(), String.valueOf(e.getValue()));
		return m;
	}

	/** Throws a {@link ModelException} that lists every mismatch between the model and stamps of this geometry. */
	public void checkCompatible(int stampHeight, int stampWidth, int stampBands, String what) throws ModelException {
		List<String> problems = new ArrayList<>();
		if (stampWidth != width || stampHeight != height) problems.add("stamp size " + stampWidth + "x" + stampHeight +
			" but the model expects " + width + "x" + height);
		if (stampBands != bands) problems.add(stampBands + " band(s) but the model expects " + bands);
		if (!problems.isEmpty()) throw new ModelException((what == null ? "the stamps" : what) + " do not fit model " +
			location + ": " + String.join("; ", problems));
	}
}
