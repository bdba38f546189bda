package org.astrobridge.classify;

import java.util.Locale;

import org.astrobridge.ood.OodThreshold;

/**
 * The OOD threshold of {@code calibrate=field}: the {@code keep} quantile of the scores of the field's own objects that
 * the morphology pre-filter passes as galaxies, so that "keeps 95 %" speaks of this field's resolved objects rather
 * than of the model's training stamps, which field galaxies (fainter, deblended from neighbours) do not resemble
 * closely. With fewer than {@value #MIN_OBJECTS} such objects, or without the pre-filter (which alone tells galaxies
 * from stars and artefacts), the model's own threshold (as calibrate=target) stays and {@link #description()} says why.
 * The scale is the one the flags use: one model's score, or an ensemble's normalised mean ({@link OodEnsemble}).
 */
public final class FieldCalibration {

	/** Fewest passed objects for a field quantile: with fewer, one object moves the 95 % quantile too far. */
	public static final int MIN_OBJECTS = 50;

	private final OodEnsemble model;
	/** Null when the model's threshold is kept. */
	private final OodThreshold threshold;
	private final String description;

	private FieldCalibration(OodEnsemble model, OodThreshold threshold, String description) {
		this.model = model;
		this.threshold = threshold;
		this.description = description;
	}

	/**
	 * @param scores every object's OOD score, in detection order
	 * @param verdicts the pre-filter's verdicts in the same order; null when the pre-filter was off
	 * @param keep share of the passed objects the threshold keeps
	 * @param model the model's own flags, the fallback
	 */
	public static FieldCalibration of(double[] scores, MorphologyPrefilter.Verdict[] verdicts, double keep,
		OodEnsemble model)
	{
		if (verdicts == null) {
			return new FieldCalibration(model, null, "field calibration needs the morphology pre-filter (prefilter=true); " +
				"the model's own threshold instead");
		}
		double[] passed = new double[scores.length];
		int n = 0;
		for (int i = 0; i < scores.length; i++) {
			if (verdicts[i] == MorphologyPrefilter.Verdict.GALAXY && !Double.isNaN(scores[i])) {
				passed[n++] = scores[i];
			}
		}
		if (n < MIN_OBJECTS) {
			return new FieldCalibration(model, null, "only " + n + " objects passed the morphology pre-filter (field " +
				"calibration needs " + MIN_OBJECTS + "); the model's own threshold instead");
		}
		OodThreshold t = OodThreshold.calibrate(java.util.Arrays.copyOf(passed, n), keep);
		return new FieldCalibration(model, t, String.format(Locale.ROOT, "threshold %.4g keeps %s of the %d objects of " +
			"this field that the morphology pre-filter passed", t.threshold(), t.keepFraction(), n));
	}

	/** Whether the field's own quantile sets the flags (false: the model's threshold, see {@link #description()}). */
	public boolean applied() {
		return threshold != null;
	}

	public boolean isOod(double score) {
		return threshold == null ? model.isOod(score) : threshold.isOod(score);
	}

	/** The field threshold; NaN when not applied. */
	public double threshold() {
		return threshold == null ? Double.NaN : threshold.threshold();
	}

	/** One line for the catalogue's metadata. */
	public String description() {
		return description;
	}
}
