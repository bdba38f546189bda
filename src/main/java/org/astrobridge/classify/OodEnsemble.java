package org.astrobridge.classify;

import java.util.List;
import java.util.Locale;

/**
 * The OOD scores and flags of one model, or of an ensemble of models each with its own {@link OodModel}. One model's
 * scores and threshold are its own. An ensemble's score is the mean over members of each member's
 * {@code (score - reference) / (threshold - reference)}, the reference being the member's median calibration score (0
 * for entropy), so that members with latent spaces of different scales and signs weigh alike: a known object scores
 * about 0, a member's threshold 1, and an object is flagged when the mean exceeds 1. Entropy members all score the
 * ensemble's mean probabilities.
 */
public final class OodEnsemble {

	private final List<OodModel> members;

	public OodEnsemble(List<OodModel> members) {
		if (members.isEmpty()) {
			throw new IllegalArgumentException("an OOD ensemble needs at least one model");
		}
		this.members = List.copyOf(members);
	}

	/** The first member (the only one for a single model). */
	public OodModel first() {
		return members.get(0);
	}

	/**
	 * @param latents each member's latents of the same n objects, row-major [n * dim]
	 * @param probabilities the (mean) probabilities [n * classes]
	 */
	public double[] scores(List<float[]> latents, float[] probabilities) {
		if (members.size() == 1) {
			return first().scores(latents.get(0), probabilities);
		}
		double[] mean = null;
		for (int m = 0; m < members.size(); m++) {
			OodModel member = members.get(m);
			double[] s = member.scores(latents.get(m), probabilities);
			if (mean == null) {
				mean = new double[s.length];
			}
			for (int k = 0; k < s.length; k++) {
				mean[k] += (s[k] - member.reference()) / (member.threshold() - member.reference()) / members.size();
			}
		}
		return mean;
	}

	public boolean isOod(double score) {
		return members.size() == 1 ? first().isOod(score) : score > 1;
	}

	/** How flags are decided, for logs and catalogue metadata. */
	public String describe() {
		if (members.size() == 1) {
			return first().describe();
		}
		StringBuilder s = new StringBuilder("mean over " + members.size() + " members of (" + first().method()
			.optionName() + " - median) / (threshold - median) > 1; threshold, median");
		for (OodModel m : members) {
			s.append(String.format(Locale.ROOT, " %.4g, %.4g;", m.threshold(), m.reference()));
		}
		s.setLength(s.length() - 1);
		return s.toString();
	}
}
