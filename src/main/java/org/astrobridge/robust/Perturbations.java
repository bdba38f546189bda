package org.astrobridge.robust;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The registry of perturbations by name, in report order, each with its default settings. The one-pixel attack needs a
 * model and is not a {@link Perturbation}; see {@link OnePixelAttack}.
 */
public final class Perturbations {

	private static final Map<String, Supplier<Perturbation>> REGISTRY = new LinkedHashMap<>();
	static {
		register(GaussianNoise::new);
		register(ExposureTime::new);
		register(PsfBlur::new);
		register(JpegCompression::new);
		register(Quantisation::new);
		register(BadPixels::new);
		register(BadPixels::withNaN);
		register(BadColumns::new);
		register(CosmicRays::new);
		register(Saturation::new);
		register(SkyOffset::new);
	}

	/** Names left out of {@link #standard()}: they make most networks output NaN rather than a degraded answer. */
	private static final List<String> NON_STANDARD = List.of("bad-pixels-nan");

	private Perturbations() {}

	private static void register(Supplier<Perturbation> factory) {
		REGISTRY.put(factory.get().name(), factory);
	}

	/** Every registered name, in report order. */
	public static List<String> names() {
		return List.copyOf(REGISTRY.keySet());
	}

	/** Every registered perturbation with default settings. */
	public static List<Perturbation> all() {
		List<Perturbation> out = new ArrayList<>();
		for (Supplier<Perturbation> f : REGISTRY.values())
			out.add(f.get());
		return out;
	}

	/** The perturbations of a standard robustness report: all of them except the NaN-producing variants. */
	public static List<Perturbation> standard() {
		return all().stream().filter(p -> !NON_STANDARD.contains(p.name())).collect(Collectors.toList());
	}

	/** The perturbation with this name (case-insensitive), default settings. */
	public static Perturbation byName(String name) {
		if (name != null) for (Map.Entry<String, Supplier<Perturbation>> e : REGISTRY.entrySet())
			if (e.getKey().equalsIgnoreCase(name.trim())) return e.getValue().get();
		throw new IllegalArgumentException("unknown perturbation \"" + name + "\"; known: " + String.join(", ", REGISTRY
			.keySet()));
	}
}
