package org.astrobridge.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An observing "instrument": pixel scale, PSF, sky, depth and pipeline artefacts. Images come out sky-subtracted
 * in nanomaggies per pixel (22.5 AB mag = 1 nanomaggy), as SDSS and DECaLS deliver them, so domains differ in
 * resolution, noise and artefacts but not in units.
 *
 * @param pixelScale arcsec per pixel
 * @param psfFwhm PSF full width at half maximum, arcsec (the same in every band)
 * @param moffatBeta Moffat beta; {@code 0} means a Gaussian PSF
 * @param skyMag sky surface brightness in g, r, i, AB mag per arcsec^2
 * @param zeropoint magnitude that yields 1 photo-electron per second, per band
 * @param exposure seconds (the depth knob: noise in nanomaggies scales as 1/sqrt(exposure))
 * @param gain electrons per ADU (quantisation step of the raw data before calibration)
 * @param readNoise electrons RMS per pixel
 * @param saturation full well in electrons including sky; 0 disables saturation
 * @param cosmicRays cosmic-ray hits per megapixel
 * @param badColumns bad columns per 1000 image columns
 * @param quantize lossy compression as fpack's q: steps of sigma_sky/q; 0 disables it
 * @param noise false renders the expected image without any noise
 */
public record Domain(String name, double pixelScale, double psfFwhm, double moffatBeta, double[] skyMag,
		double[] zeropoint, double exposure, double gain, double readNoise, double saturation, double cosmicRays,
		double badColumns, double quantize, boolean noise) {

	public static final List<String> NAMES = List.of("sim", "sdss", "decals", "lsst-y1", "lsst-y10");

	public static Domain preset(String name) {
		switch (name.toLowerCase(Locale.ROOT)) {
			case "sim":
				// idealised, Illustris-like rendering: fine pixels, a small Gaussian PSF and ~1/400 of SDSS's noise
				return new Domain("sim", 0.25, 0.35, 0, new double[] {22.0, 20.9, 20.2},
						new double[] {25.9, 25.9, 25.5}, 53.9 * 160000, 4.7, 5, 0, 0, 0, 0, true);
			case "sdss":
				return new Domain("sdss", 0.396, 1.4, 3.5, new double[] {22.0, 20.9, 20.2},
						new double[] {25.9, 25.9, 25.5}, 53.9, 4.7, 5, 2.0e5, 0, 0, 0, true);
			case "decals":
				return new Domain("decals", 0.262, 1.2, 3.5, new double[] {22.0, 20.9, 20.0},
						new double[] {26.5, 26.6, 26.2}, 150, 4.0, 7, 1.5e5, 0, 0, 0, true);
			case "lsst-y1":
				return new Domain("lsst-y1", 0.2, 0.7, 4.765, new double[] {22.3, 21.2, 20.5},
						new double[] {28.5, 28.4, 28.2}, 18 * 30, 1.0, 9, 0, 0, 0, 0, true);
			case "lsst-y10":
				return new Domain("lsst-y10", 0.2, 0.7, 4.765, new double[] {22.3, 21.2, 20.5},
						new double[] {28.5, 28.4, 28.2}, 180 * 30, 1.0, 9, 0, 0, 0, 0, true);
			default:
				throw new IllegalArgumentException("unknown domain '" + name + "'; expected one of " + NAMES);
		}
	}

	public Domain {
		if (!(pixelScale > 0)) throw new IllegalArgumentException("pixelScale must be > 0 arcsec, got " + pixelScale);
		if (!(psfFwhm > 0)) throw new IllegalArgumentException("psfFwhm must be > 0 arcsec, got " + psfFwhm);
		if (moffatBeta != 0 && !(moffatBeta > 1.5 && moffatBeta < 20)) {
			throw new IllegalArgumentException("moffatBeta must be 0 (Gaussian PSF) or in 1.5..20, got " + moffatBeta);
		}
		if (!(exposure > 0)) throw new IllegalArgumentException("exposure must be > 0 s, got " + exposure);
		if (!(gain > 0)) throw new IllegalArgumentException("gain must be > 0, got " + gain);
		if (readNoise < 0 || saturation < 0 || cosmicRays < 0 || badColumns < 0 || quantize < 0) {
			throw new IllegalArgumentException("readNoise, saturation, cosmicRays, badColumns and quantize must be >= 0");
		}
		skyMag = skyMag.clone();
		zeropoint = zeropoint.clone();
	}

	/** The PSF as concentric Gaussians with sigmas in arcsec. */
	public GaussianMixture psf() {
		GaussianMixture unit = moffatBeta == 0 ? GaussianMixture.gaussian() : GaussianMixture.moffat(moffatBeta);
		return unit.scaledToFwhm(psfFwhm);
	}

	/** Photo-electrons per nanomaggy in band b. */
	public double electronsPerNanomaggy(int b) {
		return Math.pow(10, 0.4 * (zeropoint[b] + 2.5 * Math.log10(exposure) - 22.5));
	}

	/** Sky level in electrons per pixel, band b. */
	public double skyElectrons(int b) {
		return Math.pow(10, -0.4 * (skyMag[b] - zeropoint[b] - 2.5 * Math.log10(exposure))) * pixelScale * pixelScale;
	}

	/** RMS of empty, sky-subtracted sky in nanomaggies per pixel, band b. */
	public double skyNoise(int b) {
		if (!noise) return 0;
		return Math.sqrt(skyElectrons(b) + readNoise * readNoise) / electronsPerNanomaggy(b);
	}

	/** 5-sigma point-source depth (AB mag) with optimal PSF photometry, band b. */
	public double pointSourceDepth(int b) {
		GaussianMixture p = psf();
		double integral = 0; // integral of PSF^2, the inverse noise-equivalent area
		for (int i = 0; i < p.size(); i++) {
			for (int j = 0; j < p.size(); j++) {
				double v = p.sigmas()[i] * p.sigmas()[i] + p.sigmas()[j] * p.sigmas()[j];
				integral += p.weights()[i] * p.weights()[j] / (2 * Math.PI * v);
			}
		}
		double neaPixels = 1 / integral / (pixelScale * pixelScale);
		double sigma = Math.sqrt(skyElectrons(b) + readNoise * readNoise) * Math.sqrt(neaPixels);
		return Bands.magnitude(5 * sigma / electronsPerNanomaggy(b));
	}

	public Domain withPixelScale(double v) { return new Domain(name, v, psfFwhm, moffatBeta, skyMag, zeropoint, exposure, gain, readNoise, saturation, cosmicRays, badColumns, quantize, noise); }
	public Domain withPsfFwhm(double v) { return new Domain(name, pixelScale, v, moffatBeta, skyMag, zeropoint, exposure, gain, readNoise, saturation, cosmicRays, badColumns, quantize, noise); }
	public Domain withMoffatBeta(double v) { return new Domain(name, pixelScale, psfFwhm, v, skyMag, zeropoint, exposure, gain, readNoise, saturation, cosmicRays, badColumns, quantize, noise); }
	/** Shifts the sky in every band so that r has the given brightness. */
	public Domain withSkyR(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, shift(skyMag, v - skyMag[1]), zeropoint, exposure, gain, readNoise, saturation, cosmicRays, badColumns, quantize, noise); }
	/** Shifts the zeropoint in every band so that r has the given value. */
	public Domain withZeropointR(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, shift(zeropoint, v - zeropoint[1]), exposure, gain, readNoise, saturation, cosmicRays, badColumns, quantize, noise); }
	public Domain withExposure(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, zeropoint, v, gain, readNoise, saturation, cosmicRays, badColumns, quantize, noise); }
	public Domain withGain(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, zeropoint, exposure, v, readNoise, saturation, cosmicRays, badColumns, quantize, noise); }
	public Domain withReadNoise(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, zeropoint, exposure, gain, v, saturation, cosmicRays, badColumns, quantize, noise); }
	public Domain withSaturation(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, zeropoint, exposure, gain, readNoise, v, cosmicRays, badColumns, quantize, noise); }
	public Domain withCosmicRays(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, zeropoint, exposure, gain, readNoise, saturation, v, badColumns, quantize, noise); }
	public Domain withBadColumns(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, zeropoint, exposure, gain, readNoise, saturation, cosmicRays, v, quantize, noise); }
	public Domain withQuantize(double v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, zeropoint, exposure, gain, readNoise, saturation, cosmicRays, badColumns, v, noise); }
	public Domain withNoise(boolean v) { return new Domain(name, pixelScale, psfFwhm, moffatBeta, skyMag, zeropoint, exposure, gain, readNoise, saturation, cosmicRays, badColumns, quantize, v); }

	private static double[] shift(double[] a, double d) {
		double[] r = a.clone();
		for (int i = 0; i < r.length; i++) r[i] += d;
		return r;
	}

	@Override
	public double[] skyMag() { return skyMag.clone(); }

	@Override
	public double[] zeropoint() { return zeropoint.clone(); }

	@Override
	public boolean equals(Object o) {
		return o instanceof Domain d && d.toString().equals(toString());
	}

	@Override
	public int hashCode() { return toString().hashCode(); }

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "Domain[%s pixelScale=%s psfFwhm=%s moffatBeta=%s sky=%s zp=%s exposure=%s gain=%s"
				+ " readNoise=%s saturation=%s cosmicRays=%s badColumns=%s quantize=%s noise=%s]", name, pixelScale,
				psfFwhm, moffatBeta, Arrays.toString(skyMag), Arrays.toString(zeropoint), exposure, gain, readNoise,
				saturation, cosmicRays, badColumns, quantize, noise);
	}
}
