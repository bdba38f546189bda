package org.astrobridge.classify;


import org.astrobridge.nn.LatentStatistics;
import org.astrobridge.ood.EntropyScorer;
import org.astrobridge.ood.KnnScorer;
import org.astrobridge.ood.MahalanobisScorer;
import org.astrobridge.ood.OodThreshold;
import org.astrobridge.ood.OpenSetScorer;

/**
 * An OOD scorer with its threshold, built once per model from the source-validation latents stored in the
 * model package. Those latents are split in two halves (even rows fit the scorer, odd rows calibrate the
 * threshold), so the threshold comes from in-distribution data the scorer has not seen: a kNN scorer would find
 * every fitting latent at distance 0, and a Mahalanobis fit is slightly tighter on its own data.
 * The entropy score needs no latents; as the model keeps no held-out probabilities, its threshold is
 * DeepAstroUDA's ln(K)/2 and {@code keep} does not apply.
 */
public final class OodModel {
    /** Fewest calibration latents for a meaningful quantile. */
    static final int MIN_SAMPLES = 10;

    private final OodMethod method;
    private final MahalanobisScorer mahalanobis;
    private final OpenSetScorer openSet;
    private final KnnScorer knn;
    private final OodThreshold threshold;
    /** The median calibration score (0 for entropy): where the ensemble rule puts a typical known object. */
    private final double reference;
    private final int classes;
    private final int fitCount;
    private final int calibrationCount;

    private OodModel(OodMethod method, MahalanobisScorer mahalanobis, OpenSetScorer openSet, KnnScorer knn,
            OodThreshold threshold, double reference, int classes, int fitCount, int calibrationCount) {
        this.method = method;
        this.mahalanobis = mahalanobis;
        this.openSet = openSet;
        this.knn = knn;
        this.threshold = threshold;
        this.reference = reference;
        this.classes = classes;
        this.fitCount = fitCount;
        this.calibrationCount = calibrationCount;
    }

    /**
     * @param stats   the model's latent statistics (may be null for the entropy score)
     * @param classes number of classes of the model
     * @param model   names the model in error messages
     */
    public static OodModel build(OodMethod method, double keep, LatentStatistics stats, int classes, String model) {
        if (method == OodMethod.ENTROPY) {
            return new OodModel(method, null, null, null, OodThreshold.fixed(EntropyScorer.unknownThreshold(classes)), 0,
                    classes, 0, 0);
        }
        int n = stats == null || stats.samples() == null ? 0 : stats.sampleCount();
        if (n < 2 * MIN_SAMPLES) {
            throw new IllegalArgumentException("model " + model + " keeps " + n + " source-validation latents; the "
                    + method.optionName() + " OOD score needs at least " + 2 * MIN_SAMPLES
                    + " (use ood=entropy)");
        }
        int dim = stats.dim();
        int nFit = (n + 1) / 2;
        int nCal = n / 2;
        float[] fit = new float[nFit * dim];
        int[] fitLabels = new int[nFit];
        float[] cal = new float[nCal * dim];
        float[] all = stats.samples();
        for (int k = 0; k < n; k++) {
            if (k % 2 == 0) {
                System.arraycopy(all, k * dim, fit, (k / 2) * dim, dim);
                fitLabels[k / 2] = stats.sampleLabels()[k];
            } else {
                System.arraycopy(all, k * dim, cal, (k / 2) * dim, dim);
            }
        }
        MahalanobisScorer m = null;
        OpenSetScorer open = null;
        KnnScorer kn = null;
        double[] calScores;
        if (method == OodMethod.OPEN_SET) {
            int targets = stats.targetSampleCount();
            if (targets * OpenSetScorer.DEFAULT_UNKNOWN_SHARE < OpenSetScorer.MIN_UNKNOWN_ROWS) {
                throw new IllegalArgumentException("model " + model + " keeps " + targets + " target latents; the open-set OOD"
                        + " score needs at least " + (int) Math.ceil(OpenSetScorer.MIN_UNKNOWN_ROWS / OpenSetScorer.DEFAULT_UNKNOWN_SHARE)
                        + " (a model trained with a target set by this version; else use ood=gaussian)");
            }
            MahalanobisScorer known = MahalanobisScorer.fit(fit, fitLabels, dim, classes, MahalanobisScorer.DEFAULT_PROJECT_ABOVE,
                    MahalanobisScorer.DEFAULT_COMPONENTS, MahalanobisScorer.Covariance.PER_CLASS);
            open = OpenSetScorer.fit(known, stats.targetSamples(), OpenSetScorer.DEFAULT_UNKNOWN_SHARE);
            calScores = open.scores(cal);
        } else if (method == OodMethod.MAHALANOBIS || method == OodMethod.GAUSSIAN) {
            m = MahalanobisScorer.fit(fit, fitLabels, dim, classes, MahalanobisScorer.DEFAULT_PROJECT_ABOVE,
                    MahalanobisScorer.DEFAULT_COMPONENTS, method == OodMethod.GAUSSIAN
                            ? MahalanobisScorer.Covariance.PER_CLASS : MahalanobisScorer.Covariance.SHARED);
            calScores = m.scores(cal);
        } else {
            kn = KnnScorer.fit(fit, dim, Math.min(KnnScorer.DEFAULT_K, nFit), true);
            calScores = kn.scores(cal);
        }
        return new OodModel(method, m, open, kn, OodThreshold.calibrate(calScores, keep), OodThreshold.calibrate(calScores, 0.5).threshold(),
                classes, nFit, nCal);
    }

    /**
     * Scores of n objects.
     *
     * @param latents       row-major [n * dim]
     * @param probabilities row-major [n * classes] (the mean ones with MC dropout)
     */
    public double[] scores(float[] latents, float[] probabilities) {
        return switch (method) {
            case MAHALANOBIS, GAUSSIAN -> mahalanobis.scores(latents);
            case OPEN_SET -> openSet.scores(latents);
            case KNN -> knn.scores(latents);
            case ENTROPY -> EntropyScorer.scores(probabilities, classes);
        };
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

    /** Latents the scorer was fitted on (0 for entropy). */
    public int fitCount() {
        return fitCount;
    }

    /** Held-out latents the threshold was calibrated on (0 for entropy). */
    public int calibrationCount() {
        return calibrationCount;
    }

    public String describe() {
        return method == OodMethod.ENTROPY
                ? "entropy > ln(K)/2 = " + String.format(java.util.Locale.ROOT, "%.4g", threshold())
                : method.optionName() + " > " + String.format(java.util.Locale.ROOT, "%.4g", threshold())
                        + " (keeps " + threshold.keepFraction() + " of " + calibrationCount
                        + " held-out source-validation latents; fitted on " + fitCount
                        + (openSet == null ? "" : ", unknown class from " + openSet.unknownRows() + " target latents") + ")";
    }

    /** The median calibration score (0 for entropy), the zero of {@link OodEnsemble}'s scale. */
    public double reference() {
        return reference;
    }
}
