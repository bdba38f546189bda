package org.astrobridge.classify;

import org.astrobridge.detect.DetectionSettings;
import org.astrobridge.ood.OodThreshold;

/**
 * How a field or stamp stack is classified.
 *
 * @param detection detection settings (tiling included)
 * @param band      0-based detection plane of a cube (also the stamp plane for a one-band model)
 * @param ood       out-of-distribution score
 * @param keep      fraction of in-distribution objects kept (not flagged) by the threshold
 * @param calibration which latents the threshold is calibrated on
 * @param mcPasses  Monte-Carlo dropout passes (0 = off, a single deterministic pass)
 * @param batch     objects cut, predicted and scored together; bounds memory on large fields
 * @param seed      seed of the dropout masks
 * @param prefilter flag stars and artefacts by morphology before the network ({@link MorphologyPrefilter})
 */
public record ClassifySettings(DetectionSettings detection, int band, OodMethod ood, double keep,
		OodModel.Calibration calibration, int mcPasses, int batch, long seed, boolean prefilter) {

	public ClassifySettings {
		if (detection == null) {
			throw new IllegalArgumentException("Classification settings: detection settings are missing");
		}
		if (band < 0) {
			throw new IllegalArgumentException("Classification settings: band must not be negative (got " + band + ")");
		}
		if (ood == null) {
			throw new IllegalArgumentException("Classification settings: the OOD score is missing");
		}
		if (calibration == null) {
			throw new IllegalArgumentException("Classification settings: the OOD calibration is missing");
		}
		if (!(keep > 0 && keep < 1)) {
			throw new IllegalArgumentException("Classification settings: keep must lie strictly between 0 and 1 (got "
					+ keep + ")");
		}
		if (mcPasses < 0 || mcPasses > 1000) {
			throw new IllegalArgumentException("Classification settings: mcPasses must lie in 0..1000 (got "
					+ mcPasses + ")");
		}
		if (batch < 1) {
			throw new IllegalArgumentException("Classification settings: batch must be at least 1 (got " + batch + ")");
		}
	}

	/**
	 * Default detection, band 0, Mahalanobis, keep 0.95 calibrated on target latents, no MC dropout, batches of 256,
	 * seed 1, pre-filter on.
	 */
	public static ClassifySettings defaults() {
		return new ClassifySettings(DetectionSettings.defaults(), 0, OodMethod.MAHALANOBIS, OodThreshold.DEFAULT_KEEP,
				OodModel.Calibration.TARGET, 0, 256, 1, true);
	}

	public ClassifySettings withDetection(DetectionSettings v) {
		return new ClassifySettings(v, band, ood, keep, calibration, mcPasses, batch, seed, prefilter);
	}

	public ClassifySettings withBand(int v) {
		return new ClassifySettings(detection, v, ood, keep, calibration, mcPasses, batch, seed, prefilter);
	}

	public ClassifySettings withOod(OodMethod method, double keepFraction) {
		return new ClassifySettings(detection, band, method, keepFraction, calibration, mcPasses, batch, seed, prefilter);
	}

	public ClassifySettings withCalibration(OodModel.Calibration v) {
		return new ClassifySettings(detection, band, ood, keep, v, mcPasses, batch, seed, prefilter);
	}

	public ClassifySettings withMcPasses(int v) {
		return new ClassifySettings(detection, band, ood, keep, calibration, v, batch, seed, prefilter);
	}

	public ClassifySettings withBatch(int v) {
		return new ClassifySettings(detection, band, ood, keep, calibration, mcPasses, v, seed, prefilter);
	}

	public ClassifySettings withPrefilter(boolean v) {
		return new ClassifySettings(detection, band, ood, keep, calibration, mcPasses, batch, seed, v);
	}

	public ClassifySettings withSeed(long v) {
		return new ClassifySettings(detection, band, ood, keep, calibration, mcPasses, batch, v, prefilter);
	}
}
