package org.astrobridge.ood;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of OOD scores by option name ({@code ood=...}), in documentation order, each with the function that fits
 * it to a model. A new score is one {@link OodScorer} class, one constant and one line here, and its constant in the
 * choices of {@code ClassifyCommandBase}'s {@code ood} parameter.
 */
public final class OodScorers {

	/*
	 * The names as compile-time constants: a SciJava @Parameter's choices must be constants, so the commands' ood
	 * parameter lists these (OodChoicesTest checks that it offers exactly the registry, in this order). Choices
	 * computed at run time would need a DynamicCommand, whose per-instance choices neither the plain-ImageJ dialog
	 * nor the macro and command-line runner (both read the command's static CommandInfo) would see.
	 */
	public static final String MAHALANOBIS = "mahalanobis";
	public static final String GAUSSIAN = "gaussian";
	public static final String OPEN_SET = "open-set";
	public static final String KNN = "knn";
	public static final String ENTROPY = "entropy";

	private static final Map<String, Function<OodFitData, OodScorer>> REGISTRY = new LinkedHashMap<>();
	static {
		REGISTRY.put(MAHALANOBIS, MahalanobisOod::shared);
		REGISTRY.put(GAUSSIAN, MahalanobisOod::perClass);
		REGISTRY.put(OPEN_SET, OpenSetOod::fit);
		REGISTRY.put(KNN, KnnOod::fit);
		REGISTRY.put(ENTROPY, EntropyOod::fit);
	}

	private OodScorers() {}

	/** Every registered name, in documentation order. */
	public static List<String> names() {
		return List.copyOf(REGISTRY.keySet());
	}

	/**
	 * The registered name equal to {@code text} (case and surrounding blanks ignored); an unknown one lists the known
	 * ones.
	 */
	public static String name(String text) {
		String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		if (REGISTRY.containsKey(key)) {
			return key;
		}
		List<String> known = names();
		throw new IllegalArgumentException("unknown OOD score '" + text + "': use " + String.join(", ", known.subList(0,
			known.size() - 1)) + " or " + known.get(known.size() - 1));
	}

	/** The score called {@code name}, fitted on {@code data}. */
	public static OodScorer fit(String name, OodFitData data) {
		return REGISTRY.get(name(name)).apply(data);
	}
}
