package org.astrobridge.classify;

import java.util.Locale;

/** The out-of-distribution score a classification uses; the names are the option values of the commands. */
public enum OodMethod {
    /** Squared Mahalanobis distance to the nearest class mean in the latent space (shared covariance). */
    MAHALANOBIS,
    /** Class-conditional Gaussians with a covariance per class: negative log-likelihood of the nearest class. */
    GAUSSIAN,
    /** The gaussian known classes against an unknown class learnt from the model's unlabelled target latents. */
    OPEN_SET,
    /** Distance to the k-th nearest source-validation latent (unit-length latents). */
    KNN,
    /** Predictive entropy of the class probabilities. */
    ENTROPY;

    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static OodMethod parse(String text) {
        for (OodMethod m : values()) {
            if (m.optionName().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown OOD score '" + text + "': use mahalanobis, gaussian, open-set, knn or entropy");
    }
}
