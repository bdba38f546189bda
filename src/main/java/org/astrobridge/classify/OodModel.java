package org.astrobridge.classify;

import java.util.Locale;

import org.astrobridge.nn.LatentStatistics;
import org.astrobridge.ood.CalibratedThreshold;
import org.astrobridge.ood.OodFitData;
import org.astrobridge.ood.OodScorer;
import org.astrobridge.ood.OodScorers;

/**
 * An OOD scorer with its threshold, built once per model from the latents stored in the model package. The
 * source-validation latents are split in two halves ({@link OodFitData}): even rows fit the scorer. The threshold is
 * the {@code keep} quantile of the scores of the unlabelled target latents the model keeps, so that on target-domain
 * objects like those it was trained with the flag rate is the one promised ({@link Calibration#TARGET}); else, or when
 * asked ({@link Calibration#SOURCE}), or when the scorer was itself fitted on the target latents (open-set), of the odd
 * source-validation rows. A scorer with a fixed threshold (entropy's ln(K)/2, as the model keeps no held-out
 * probabilities) needs no latents and {@code keep} does not apply.
 */
public final class OodModel {

	/** Fewest calibration latents for a meaningful quantile. */
	static final int MIN_SAMPLES = OodFitData.MIN_SAMPLES;

	private final OodMethod method;
	private final OodScorer scorer;
	private final CalibratedThreshold calibrated;
	private final int fitCount;

	/** Which latents the threshold is calibrated on. */
	public enum Calibration {

			/** The model's unlabelled target latents where it keeps them and the scorer did not fit on them. */
			TARGET("target"),
			/** Held-out source-validation latents. */
			SOURCE("source"),
			/**
			 * The field's own objects the morphology pre-filter passes as galaxies, when there are enough of them
			 * ({@link FieldCalibration}); the model's threshold is built as for {@link #TARGET}, the fallback.
			 */
			FIELD("field");

		private final String optionName;

		Calibration(String optionName) {
			this.optionName = optionName;
		}

		public String optionName() {
			return optionName;
		}

		/** The calibration called {@code text} ("target", "source" or "field", case ignored). */
		public static Calibration parse(String text) {
			for (Calibration c : values()) {
				if (c.optionName.equalsIgnoreCase(text == null ? "" : text.trim())) {
					return c;
				}
			}
			throw new IllegalArgumentException("unknown OOD calibration '" + text + "': use target, source or field");
		}
	}

	private OodModel(OodMethod method, OodScorer scorer, CalibratedThreshold calibrated, int fitCount) {
		this.method = method;
		this.scorer = scorer;
		this.calibrated = calibrated;
		this.fitCount = fitCount;
	}

	/** {@link #build(OodMethod, double, LatentStatistics, int, String, Calibration)} calibrated on the target. */
	public static OodModel build(OodMethod method, double keep, LatentStatistics stats, int classes, String model) {
		return build(method, keep, stats, classes, model, Calibration.TARGET);
	}

	/**
	 * @param stats the model's latent statistics (may be null for a score that needs no latents)
	 * @param classes number of classes of the model
	 * @param model names the model in error messages
	 */
	public static OodModel build(OodMethod method, double keep, LatentStatistics stats, int classes, String model,
		Calibration calibration)
	{
		OodFitData data = stats == null ? OodFitData.split(method.optionName(), model, classes, 0, null, null, null)
			: OodFitData.split(method.optionName(), model, classes, stats.dim(), stats.samples(), stats.sampleLabels(), stats
				.targetSamples());
		OodScorer scorer = OodScorers.fit(method.optionName(), data);
		CalibratedThreshold t = CalibratedThreshold.of(scorer, data, keep, calibration != Calibration.SOURCE);
		return new OodModel(method, scorer, t, t.count() == 0 ? 0 : data.fitCount());
	}

	/**
	 * Scores of n objects.
	 *
	 * @param latents row-major [n * dim]
	 * @param probabilities row-major [n * classes] (the mean ones with MC dropout)
	 */
	public double[] scores(float[] latents, float[] probabilities) {
		return scorer.scores(latents, probabilities);
	}

	public boolean isOod(double score) {
		return calibrated.threshold().isOod(score);
	}

	public OodMethod method() {
		return method;
	}

	public double threshold() {
		return calibrated.threshold().threshold();
	}

	/** Latents the scorer was fitted on (0 for a fixed threshold). */
	public int fitCount() {
		return fitCount;
	}

	/** Whether the threshold was calibrated on the model's target latents. */
	public boolean calibratedOnTarget() {
		return calibrated.onTarget();
	}

	/** Latents the threshold was calibrated on (0 for a fixed threshold). */
	public int calibrationCount() {
		return calibrated.count();
	}

	public String describe() {
		String t = String.format(Locale.ROOT, "%.4g", threshold());
		return scorer.fixedThreshold().isPresent() ? method.optionName() + " > " + scorer.describe() + " = " + t : method
			.optionName() + " > " + t + " (keeps " + calibrated.threshold().keepFraction() + " of " + calibrated.count() +
			" " + calibrated.calibratedOn() + "; " + scorer.describe() + ")";
	}

	/** The median calibration score (0 for a fixed threshold), the zero of {@link OodEnsemble}'s scale. */
	public double reference() {
		return calibrated.reference();
	}
}
