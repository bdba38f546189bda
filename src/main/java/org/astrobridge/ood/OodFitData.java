package org.astrobridge.ood;

/**
 * What an {@link OodScorer} is fitted on, from the latents a model keeps. The source-validation latents are split in
 * two halves: even rows fit the scorer, odd rows calibrate its threshold, so that the threshold comes from
 * in-distribution data the scorer has not seen (a kNN scorer would find every fitting latent at distance 0, and a
 * Mahalanobis fit is slightly tighter on its own data). A scorer that needs no latents (entropy) never asks for them,
 * so the latents are checked when asked for, with a message naming the model and the score.
 */
public final class OodFitData {

	/** Fewest latents in each half for a meaningful quantile. */
	public static final int MIN_SAMPLES = 10;

	private final String method;
	private final String model;
	private final int classes;
	private final int dim;
	private final int samples;
	private final float[] fit;
	private final int[] fitLabels;
	private final float[] calibration;
	private final float[] target;

	private OodFitData(String method, String model, int classes, int dim, int samples, float[] fit, int[] fitLabels,
		float[] calibration, float[] target)
	{
		this.method = method;
		this.model = model;
		this.classes = classes;
		this.dim = dim;
		this.samples = samples;
		this.fit = fit;
		this.fitLabels = fitLabels;
		this.calibration = calibration;
		this.target = target;
	}

	/**
	 * @param method the option name of the score, for error messages
	 * @param model names the model in error messages
	 * @param samples row-major [n * dim] labelled source-validation latents, or null when the model keeps none
	 * @param labels their labels (n of them)
	 * @param target row-major unlabelled target latents, or null when the model keeps none
	 */
	public static OodFitData split(String method, String model, int classes, int dim, float[] samples, int[] labels,
		float[] target)
	{
		int n = samples == null ? 0 : labels.length;
		float[] fit = new float[(n + 1) / 2 * dim];
		int[] fitLabels = new int[(n + 1) / 2];
		float[] cal = new float[n / 2 * dim];
		for (int k = 0; k < n; k++) {
			if (k % 2 == 0) {
				System.arraycopy(samples, k * dim, fit, (k / 2) * dim, dim);
				fitLabels[k / 2] = labels[k];
			}
			else {
				System.arraycopy(samples, k * dim, cal, (k / 2) * dim, dim);
			}
		}
		return new OodFitData(method, model, classes, dim, n, fit, fitLabels, cal, target);
	}

	private void requireLatents() {
		if (samples < 2 * MIN_SAMPLES) {
			throw new IllegalArgumentException("model " + model + " keeps " + samples + " source-validation latents; the " +
				method + " OOD score needs at least " + 2 * MIN_SAMPLES + " (use ood=entropy)");
		}
	}

	/** The fitting half, row-major [fitCount * dim]; throws when the model keeps too few latents. */
	public float[] fitLatents() {
		requireLatents();
		return fit;
	}

	/** Labels of the fitting half; throws when the model keeps too few latents. */
	public int[] fitLabels() {
		requireLatents();
		return fitLabels;
	}

	/** The calibration half, row-major [calibrationCount * dim]; throws when the model keeps too few latents. */
	public float[] calibrationLatents() {
		requireLatents();
		return calibration;
	}

	public int fitCount() {
		return fitLabels.length;
	}

	public int calibrationCount() {
		return calibration.length / Math.max(1, dim);
	}

	/** Unlabelled target latents, row-major, or null when the model keeps none. */
	public float[] targetLatents() {
		return target;
	}

	/** Rows of {@link #targetLatents()} (0 when there are none). */
	public int targetCount() {
		return target == null ? 0 : target.length / dim;
	}

	public int dim() {
		return dim;
	}

	public int classes() {
		return classes;
	}

	/** Names the model in error messages. */
	public String model() {
		return model;
	}
}
