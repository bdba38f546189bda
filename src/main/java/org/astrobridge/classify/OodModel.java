package org.astrobridge.classify;

import java.util.Locale;
import java.util.OptionalDouble;

import org.astrobridge.nn.LatentStatistics;
import org.astrobridge.ood.OodFitData;
import org.astrobridge.ood.OodScorer;
import org.astrobridge.ood.OodScorers;
import org.astrobridge.ood.OodThreshold;

/**
 * An OOD scorer with its threshold, built once per model from the source-validation latents stored in the
 * model package. Those latents are split in two halves ({@link OodFitData}): even rows fit the scorer, odd rows
 * calibrate the threshold, at the {@code keep} quantile of their scores. A scorer with a fixed threshold (entropy's
 * ln(K)/2, as the model keeps no held-out probabilities) needs no latents and {@code keep} does not apply.
 */
public final class OodModel {
	/** Fewest calibration latents for a meaningful quantile. */
	static final int MIN_SAMPLES = OodFitData.MIN_SAMPLES;

	private final OodMethod method;
	private final OodScorer scorer;
	private final OodThreshold threshold;
	/** The median calibration score (0 for a fixed threshold): where the ensemble rule puts a typical known object. */
	private final double reference;
	private final int fitCount;
	private final int calibrationCount;

	private OodModel(OodMethod method, OodScorer scorer, OodThreshold threshold, double reference, int fitCount,
			int calibrationCount) {
		this.method = method;
		this.scorer = scorer;
		this.threshold = threshold;
		this.reference = reference;
		this.fitCount = fitCount;
		this.calibrationCount = calibrationCount;
	}

	/**
	 * @param stats   the model's latent statistics (may be null for a score that needs no latents)
	 * @param classes number of classes of the model
	 * @param model   names the model in error messages
	 */
	public static OodModel build(OodMethod method, double keep, LatentStatistics stats, int classes, String model) {
		OodFitData data = stats == null
				? OodFitData.split(method.optionName(), model, classes, 0, null, null, null)
				: OodFitData.split(method.optionName(), model, classes, stats.dim(), stats.samples(), stats.sampleLabels(),
						stats.targetSamples());
		OodScorer scorer = OodScorers.fit(method.optionName(), data);
		OptionalDouble fixed = scorer.fixedThreshold();
		if (fixed.isPresent()) {
			return new OodModel(method, scorer, OodThreshold.fixed(fixed.getAsDouble()), 0, 0, 0);
		}
		double[] calScores = scorer.scores(data.calibrationLatents(), null);
		return new OodModel(method, scorer, OodThreshold.calibrate(calScores, keep),
				OodThreshold.calibrate(calScores, 0.5).threshold(), data.fitCount(), data.calibrationCount());
	}

	/**
	 * Scores of n objects.
	 *
	 * @param latents       row-major [n * dim]
	 * @param probabilities row-major [n * classes] (the mean ones with MC dropout)
	 */
	public double[] scores(float[] latents, float[] probabilities) {
		return scorer.scores(latents, probabilities);
	}

	public boolean isOod(double score) {
		return threshold.isOod(score);
	}

	public OodMethod method() {
		return method;
	}

	public double threshold() {
		return threshold.threshold();
	}

	/** Latents the scorer was fitted on (0 for a fixed threshold). */
	public int fitCount() {
		return fitCount;
	}

	/** Held-out latents the threshold was calibrated on (0 for a fixed threshold). */
	public int calibrationCount() {
		return calibrationCount;
	}

	public String describe() {
		String t = String.format(Locale.ROOT, "%.4g", threshold());
		return scorer.fixedThreshold().isPresent()
				? method.optionName() + " > " + scorer.describe() + " = " + t
				: method.optionName() + " > " + t + " (keeps " + threshold.keepFraction() + " of " + calibrationCount
						+ " held-out source-validation latents; " + scorer.describe() + ")";
	}

	/** The median calibration score (0 for a fixed threshold), the zero of {@link OodEnsemble}'s scale. */
	public double reference() {
		return reference;
	}
}
