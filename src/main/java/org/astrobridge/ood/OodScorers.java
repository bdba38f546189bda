package org.astrobridge.ood;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of OOD scores by option name ({@code ood=...}), in documentation order, each with the function that
 * fits it to a model. A new score is one {@link OodScorer} class and one line here.
 */
public final class OodScorers {

	private static final Map<String, Function<OodFitData, OodScorer>> REGISTRY = new LinkedHashMap<>();
	static {
		REGISTRY.put("mahalanobis", MahalanobisOod::shared);
		REGISTRY.put("gaussian", MahalanobisOod::perClass);
		REGISTRY.put("open-set", OpenSetOod::fit);
		REGISTRY.put("knn", KnnOod::fit);
		REGISTRY.put("entropy", EntropyOod::fit);
	}

	private OodScorers() {
	}

	/** Every registered name, in documentation order. */
	public static List<String> names() {
		return List.copyOf(REGISTRY.keySet());
	}

	/** The registered name equal to {@code text} (case and surrounding blanks ignored); an unknown one lists the known ones. */
	public static String name(String text) {
		String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		if (REGISTRY.containsKey(key)) {
			return key;
		}
		List<String> known = names();
		throw new IllegalArgumentException("unknown OOD score '" + text + "': use "
				+ String.join(", ", known.subList(0, known.size() - 1)) + " or " + known.get(known.size() - 1));
	}

	/** The score called {@code name}, fitted on {@code data}. */
	public static OodScorer fit(String name, OodFitData data) {
		return REGISTRY.get(name(name)).apply(data);
	}
}
