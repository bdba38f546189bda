package org.astrobridge.nn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.astrobridge.sim.GaussianMixture;

/**
 * How the target observes compared with the source, in the source stamps' pixels: an extra PSF of FWHM
 * {@code psfFwhm} (Gaussian when {@code moffatBeta} is 0, else Moffat), pixels {@code scale} times as large, and sky
 * noise of {@code noise} times each band's amplitude (the 99th percentile of |x - median|), as
 * {@link ObservationAugmenter} applies them.
 */
public record ObservationModel(double psfFwhm, double moffatBeta, double scale, double noise) {

	/** The source as it is: no extra PSF, same pixels, no added noise. */
	public static final ObservationModel IDENTITY = new ObservationModel(0, 0, 1, 0);

	/** The PSF of this model's profile at the given FWHM, or null below 0.1 px (no convolution). */
	GaussianMixture psf(double fwhm) {
		if (fwhm <= 0.1) return null;
		return (moffatBeta > 0 ? GaussianMixture.moffat(moffatBeta) : GaussianMixture.gaussian()).scaledToFwhm(fwhm);
	}

	/** E.g. "Moffat(3) PSF 3.5 px, pixels x2.00, noise 0.042 x amplitude". */
	public String describe() {
		String psf = psfFwhm <= 0.1 ? "no extra PSF" : String.format(Locale.ROOT, "%s PSF %.1f px", moffatBeta > 0
			? String.format(Locale.ROOT, "Moffat(%.3g)", moffatBeta) : "Gaussian", psfFwhm);
		return String.format(Locale.ROOT, "%s, pixels x%.2f, noise %.3g x amplitude", psf, scale, noise);
	}

	/** For the model card. */
	public Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("psfFwhmPixels", psfFwhm);
		m.put("psfProfile", moffatBeta > 0 ? "moffat" : "gaussian");
		if (moffatBeta > 0) m.put("moffatBeta", moffatBeta);
		m.put("pixelScale", scale);
		m.put("noise", noise);
		return m;
	}
}
