package org.astrobridge.nn;

/**
 * Latent-space summaries kept with a model for out-of-distribution scoring: per-class means and the shared (pooled
 * within-class) covariance of the source validation latents, and a summary of the target latents. The raw
 * source-validation latents are kept too (up to {@link #MAX_SAMPLES}), so the full covariance or neighbour-based scores
 * can be computed later; only its diagonal is summarised here. So are up to {@link #MAX_TARGET_SAMPLES} unlabelled
 * target latents, from which the open-set score learns what the target holds that the known classes do not explain.
 */
public final class LatentStatistics {

	public static final int MAX_SAMPLES = 2000;
	/** Target latents kept: the open-set score's unknown class is learnt from a tenth of them. */
	public static final int MAX_TARGET_SAMPLES = 5000;

	private final int dim;
	private final int[] classCounts;
	private final double[][] classMeans;
	private final double[] sharedVariance;
	private final float[] samples;
	private final int[] sampleLabels;
	private final int targetCount;
	private final double[] targetMean;
	private final double[] targetVariance;
	private final double targetMeanEntropy;
	private final float[] targetSamples;

	/** @param targetSamples row-major [rows * dim] target latents, or null when none were kept */
	public LatentStatistics(int dim, int[] classCounts, double[][] classMeans, double[] sharedVariance, float[] samples,
		int[] sampleLabels, int targetCount, double[] targetMean, double[] targetVariance, double targetMeanEntropy,
		float[] targetSamples)
	{
		this.dim = dim;
		this.classCounts = classCounts;
		this.classMeans = classMeans;
		this.sharedVariance = sharedVariance;
		this.samples = samples;
		this.sampleLabels = sampleLabels;
		this.targetCount = targetCount;
		this.targetMean = targetMean;
		this.targetVariance = targetVariance;
		this.targetMeanEntropy = targetMeanEntropy;
		this.targetSamples = targetSamples;
	}

	/** From labelled source latents and (optionally) target predictions. */
	public static LatentStatistics of(Prediction source, int[] labels, int classes, Prediction target) {
		int d = source.latentDim();
		int[] counts = new int[classes];
		double[][] means = new double[classes][d];
		for (int k = 0; k < source.count(); k++) {
			int y = labels[k];
			if (y < 0) continue;
			counts[y]++;
			for (int i = 0; i < d; i++)
				means[y][i] += source.latents()[k * d + i];
		}
		for (int c = 0; c < classes; c++)
			if (counts[c] > 0) for (int i = 0; i < d; i++)
				means[c][i] /= counts[c];
		double[] var = new double[d];
		int n = 0;
		for (int k = 0; k < source.count(); k++) {
			int y = labels[k];
			if (y < 0) continue;
			n++;
			for (int i = 0; i < d; i++) {
				double r = source.latents()[k * d + i] - means[y][i];
				var[i] += r * r;
			}
		}
		int dof = Math.max(1, n - (int) java.util.Arrays.stream(counts).filter(c -> c > 0).count());
		for (int i = 0; i < d; i++)
			var[i] /= dof;
		int keep = Math.min(source.count(), MAX_SAMPLES);
		float[] samples = new float[keep * d];
		System.arraycopy(source.latents(), 0, samples, 0, samples.length);
		int[] sampleLabels = java.util.Arrays.copyOf(labels, keep);
		if (target == null) return new LatentStatistics(d, counts, means, var, samples, sampleLabels, 0, null, null,
			Double.NaN, null);
		double[] tm = new double[d], tv = new double[d];
		int m = target.count();
		for (int k = 0; k < m; k++)
			for (int i = 0; i < d; i++)
				tm[i] += target.latents()[k * d + i] / (double) m;
		for (int k = 0; k < m; k++)
			for (int i = 0; i < d; i++) {
				double r = target.latents()[k * d + i] - tm[i];
				tv[i] += r * r / Math.max(1, m - 1);
			}
		double h = 0;
		for (int k = 0; k < m; k++)
			for (int c = 0; c < target.classes(); c++) {
				double p = target.probability(k, c);
				if (p > 0) h -= p * Math.log(p) / m;
			}
		float[] targetSamples = java.util.Arrays.copyOf(target.latents(), Math.min(m, MAX_TARGET_SAMPLES) * d);
		return new LatentStatistics(d, counts, means, var, samples, sampleLabels, m, tm, tv, h, targetSamples);
	}

	public int dim() {
		return dim;
	}

	public int[] classCounts() {
		return classCounts;
	}

	public double[][] classMeans() {
		return classMeans;
	}

	/** Diagonal of the pooled within-class covariance. */
	public double[] sharedVariance() {
		return sharedVariance;
	}

	/** Source-validation latents, row-major [sampleCount, dim]. */
	public float[] samples() {
		return samples;
	}

	public int[] sampleLabels() {
		return sampleLabels;
	}

	public int sampleCount() {
		return sampleLabels.length;
	}

	public int targetCount() {
		return targetCount;
	}

	public double[] targetMean() {
		return targetMean;
	}

	public double[] targetVariance() {
		return targetVariance;
	}

	public double targetMeanEntropy() {
		return targetMeanEntropy;
	}

	/**
	 * Target latents kept (the first {@link #MAX_TARGET_SAMPLES} of the target set), row-major; null when none were kept.
	 */
	public float[] targetSamples() {
		return targetSamples;
	}

	public int targetSampleCount() {
		return targetSamples == null ? 0 : targetSamples.length / dim;
	}

	/** The full pooled within-class covariance [dim][dim] of the kept samples (dim^2 doubles: large for big latents). */
	public double[][] sharedCovariance() {
		double[][] cov = new double[dim][dim];
		double[] r = new double[dim];
		int n = 0;
		for (int k = 0; k < sampleLabels.length; k++) {
			int y = sampleLabels[k];
			if (y < 0) continue;
			n++;
			for (int i = 0; i < dim; i++)
				r[i] = samples[k * dim + i] - classMeans[y][i];
			for (int i = 0; i < dim; i++) {
				double ri = r[i];
				if (ri == 0) continue;
				for (int j = i; j < dim; j++)
					cov[i][j] += ri * r[j];
			}
		}
		int dof = Math.max(1, n - (int) java.util.Arrays.stream(classCounts).filter(c -> c > 0).count());
		for (int i = 0; i < dim; i++)
			for (int j = i; j < dim; j++) {
				cov[i][j] /= dof;
				cov[j][i] = cov[i][j];
			}
		return cov;
	}
}
