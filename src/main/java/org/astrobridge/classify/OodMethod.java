package org.astrobridge.classify;

import java.util.List;

import org.astrobridge.ood.OodScorers;

/**
 * The out-of-distribution score a classification uses, by its option name ({@code ood=...}): one of
 * {@link OodScorers#names()}, where each score is described.
 */
public record OodMethod(String optionName) {
	/** The built-in scores, for code that names one; a registered score needs no constant here. */
	public static final OodMethod MAHALANOBIS = parse(OodScorers.MAHALANOBIS);
	public static final OodMethod GAUSSIAN = parse(OodScorers.GAUSSIAN);
	public static final OodMethod OPEN_SET = parse(OodScorers.OPEN_SET);
	public static final OodMethod KNN = parse(OodScorers.KNN);
	public static final OodMethod ENTROPY = parse(OodScorers.ENTROPY);

	public OodMethod {
		optionName = OodScorers.name(optionName);
	}

	/** Case and surrounding blanks are ignored; an unknown name lists the known ones. */
	public static OodMethod parse(String text) {
		return new OodMethod(text);
	}

	/** Every registered score, in documentation order. */
	public static List<OodMethod> values() {
		return OodScorers.names().stream().map(OodMethod::new).toList();
	}

	@Override
	public String toString() {
		return optionName;
	}
}
