package org.astrobridge.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.astrobridge.sim.GaussianMixture;

/**
 * Observation-model augmentation: re-observes a raw (not yet normalised) NHWC stamp in place as a random survey would,
 * so that a model trained on sharp, noise-free source stamps has also seen blurred, coarser, noisier ones. Each stamp
 * draws, in this order (ranges in {@link #describe()}, docs/training.md quotes them):
 * <ol>
 * <li>extra PSF convolution (probability {@value #P_PSF}): FWHM uniform in 0..{@value #MAX_FWHM} px of the input,
 * Gaussian or Moffat (beta 2.5..4.8) with equal odds; the Moffat is the simulator's 4-Gaussian fit, so both are
 * separable sums of Gaussians;</li>
 * <li>pixel-scale change (probability {@value #P_SCALE}): new pixels {@value #MIN_SCALE}..{@value #MAX_SCALE} times the
 * old ones, about the stamp centre, with a box-integration blur for coarser pixels and the surface brightness kept
 * (values per pixel times the pixel area); outside the input is empty sky;</li>
 * <li>noise (probability {@value #P_NOISE}): sky sigma = a times the stamp's 99th percentile of |x - median| per band,
 * a log-uniform in {@value #MIN_NOISE}..{@value #MAX_NOISE}, plus Poisson-like source noise as if the sky held 10..3000
 * electrons per pixel (log-uniform);</li>
 * <li>sky-subtraction residual (probability {@value #P_SKY}): a constant of -1..1 sigma plus a linear gradient of up to
 * 0.5 sigma across the stamp;</li>
 * <li>quantisation (probability {@value #P_QUANT}): values rounded to steps of sigma/q, q uniform in 1..8 (fpack's
 * q).</li>
 * </ol>
 * The same draw applies to every band (one PSF and pixel grid per observation), noise follows each band's amplitude.
 * Only the generator passed in draws, so the result depends on the seed alone. Not thread-safe (scratch buffers).
 */
final class ObservationAugmenter {

	static final double P_PSF = 0.8, MAX_FWHM = 5.0;
	static final double P_SCALE = 0.5, MIN_SCALE = 0.75, MAX_SCALE = 2.5;
	static final double P_NOISE = 0.9, MIN_NOISE = 0.005, MAX_NOISE = 0.3;
	static final double P_SKY = 0.5, P_QUANT = 0.3;

	private final int height, width, bands;
	private final float[] plane, tmp, acc, work;

	ObservationAugmenter(int height, int width, int bands) {
		this.height = height;
		this.width = width;
		this.bands = bands;
		int n = height * width;
		this.plane = new float[n];
		this.tmp = new float[n];
		this.acc = new float[n];
		this.work = new float[n];
	}

	/** The ranges, for logs and docs. */
	static String describe() {
		return String.format(java.util.Locale.ROOT,
			"psf p=%.1f fwhm 0..%.0f px gaussian|moffat(beta 2.5..4.8); pixel scale p=%.1f x%.2f..%.1f; " +
				"noise p=%.1f sigma %.3f..%.1f x amplitude, sky 10..3000 e-; sky residual p=%.1f +-1 sigma + 0.5 sigma gradient; quantise p=%.1f q 1..8",
			P_PSF, MAX_FWHM, P_SCALE, MIN_SCALE, MAX_SCALE, P_NOISE, MIN_NOISE, MAX_NOISE, P_SKY, P_QUANT);
	}

	/**
	 * What one stamp's observation applies: a PSF (null = none), pixels {@code scale} times as large (1 = unchanged), sky
	 * noise of {@code a} times the band's amplitude when {@code noise} (the same sigma scales the sky residual and
	 * quantisation step, whether or not noise is added), and the seed of the noise itself.
	 */
	record Observation(GaussianMixture psf, double scale, boolean noise, double a, double skyElectrons, boolean sky,
		double offset, double gradient, double gradientAngle, boolean quantise, double q, long noiseSeed)
	{}

	/** Where each stamp's observation is drawn from. */
	interface Prior {

		Observation draw(SplittableRandom r);
	}

	/** The survey-agnostic ranges of the class comment. */
	static final Prior RANDOM = r -> {
		// every draw is made whether or not it is used, so one stamp's choices never shift the next stamp's
		boolean psf = r.nextDouble() < P_PSF, moffat = r.nextBoolean();
		double fwhm = r.nextDouble() * MAX_FWHM, beta = 2.5 + 2.3 * r.nextDouble();
		boolean rescale = r.nextDouble() < P_SCALE;
		double scale = MIN_SCALE + (MAX_SCALE - MIN_SCALE) * r.nextDouble();
		boolean noise = r.nextDouble() < P_NOISE;
		double a = MIN_NOISE * Math.pow(MAX_NOISE / MIN_NOISE, r.nextDouble());
		GaussianMixture kernel = psf && fwhm > 0.1 ? (moffat ? GaussianMixture.moffat(beta) : GaussianMixture.gaussian())
			.scaledToFwhm(fwhm) : null;
		return withSkyAndQuantisation(kernel, rescale ? scale : 1, noise, a, true, r);
	};

	/**
	 * The draws both priors share, after PSF, pixels and noise amplitude, in this order: the sky of the source noise, the
	 * sky residual, quantisation, and the noise seed.
	 */
	private static Observation withSkyAndQuantisation(GaussianMixture psf, double scale, boolean noise, double a,
		boolean mayQuantise, SplittableRandom r)
	{
		double skyElectrons = 10 * Math.pow(300, r.nextDouble());
		boolean sky = r.nextDouble() < P_SKY;
		double offset = 2 * r.nextDouble() - 1, gradient = 0.5 * r.nextDouble(), gradientAngle = 2 * Math.PI * r
			.nextDouble();
		boolean quantise = r.nextDouble() < P_QUANT;
		double q = 1 + 7 * r.nextDouble();
		long noiseSeed = r.nextLong();
		return new Observation(psf, scale, noise, a, skyElectrons, sky, offset, gradient, gradientAngle, quantise &&
			mayQuantise, q, noiseSeed);
	}

	/**
	 * Draws near the accepted observation models of a fit ({@link ObservationMatcher}): one of them with equal odds, then
	 * its PSF FWHM x 0.8..1.2 (its profile), pixel scale x 0.92..1.08 (never below 1), noise amplitude x 0.74..1.35
	 * (log-uniform), and the sky residual and quantisation of the random ranges, which the fit does not measure.
	 */
	static Prior near(List<ObservationModel> models) {
		if (models.isEmpty()) throw new IllegalArgumentException("no observation model to draw near");
		List<ObservationModel> ms = List.copyOf(models);
		return r -> {
			ObservationModel m = ms.get(r.nextInt(ms.size()));
			double fwhm = m.psfFwhm() * (0.8 + 0.4 * r.nextDouble());
			double scale = Math.max(1, m.scale() * (0.92 + 0.16 * r.nextDouble()));
			double a = m.noise() * Math.exp(0.3 * (2 * r.nextDouble() - 1));
			return withSkyAndQuantisation(m.psf(fwhm), scale, a > 0, a, a > 0, r);
		};
	}

	/** Re-observes stamp k of {@code x} (NHWC, raw values) in place with the random ranges, drawn from r. */
	void apply(float[] x, int k, SplittableRandom r) {
		observe(x, k, RANDOM.draw(r));
	}

	/** Re-observes stamp k of {@code x} (NHWC, raw values) in place. */
	void observe(float[] x, int k, Observation o) {
		SplittableRandom noiseRng = new SplittableRandom(o.noiseSeed());
		int n = height * width, base = k * n * bands;
		for (int b = 0; b < bands; b++) {
			for (int p = 0; p < n; p++)
				plane[p] = x[base + p * bands + b];
			if (o.psf() != null) convolve(o.psf());
			if (o.scale() != 1) resample(o.scale());
			double amplitude = amplitude();
			double sigma = o.a() * amplitude;
			if (o.noise() && sigma > 0) {
				double perSource = sigma / Math.sqrt(o.skyElectrons());
				for (int p = 0; p < n; p++) {
					double v = plane[p];
					plane[p] = (float) (v + Math.sqrt(sigma * sigma + Math.max(0, v) * perSource) * noiseRng.nextGaussian());
				}
			}
			if (o.sky() && sigma > 0) {
				double gx = Math.cos(o.gradientAngle()) * o.gradient() * sigma / width, gy = Math.sin(o.gradientAngle()) * o
					.gradient() * sigma / height;
				double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
				for (int j = 0; j < height; j++)
					for (int i = 0; i < width; i++)
						plane[j * width + i] += (float) (o.offset() * sigma + gx * (i - cx) + gy * (j - cy));
			}
			if (o.quantise() && sigma > 0) {
				double step = sigma / o.q(), inv = 1 / step;
				for (int p = 0; p < n; p++)
					plane[p] = (float) (Math.rint(plane[p] * inv) * step);
			}
			for (int p = 0; p < n; p++)
				x[base + p * bands + b] = plane[p];
		}
	}

	/** A copy of one plane convolved with a PSF (pixels), for tests. */
	static float[] convolved(float[] plane, int height, int width, GaussianMixture psf) {
		ObservationAugmenter a = new ObservationAugmenter(height, width, 1);
		System.arraycopy(plane, 0, a.plane, 0, plane.length);
		a.convolve(psf);
		return a.plane.clone();
	}

	/** A copy of one plane resampled onto pixels s times as large, for tests. */
	static float[] resampled(float[] plane, int height, int width, double s) {
		ObservationAugmenter a = new ObservationAugmenter(height, width, 1);
		System.arraycopy(plane, 0, a.plane, 0, plane.length);
		a.resample(s);
		return a.plane.clone();
	}

	/** The 99th percentile of |x - median| of the plane: a scale that does not depend on the data's units. */
	private double amplitude() {
		int n = 0;
		for (float v : plane)
			if (Float.isFinite(v)) work[n++] = v;
		if (n == 0) return 0;
		double median = Normalisation.quantile(work, n, 0.5);
		for (int p = 0; p < n; p++)
			work[p] = (float) Math.abs(work[p] - median);
		return Normalisation.quantile(work, n, 0.99);
	}

	/** Plane convolved with a sum of Gaussians (each separable); edges are extended with the nearest pixel. */
	private void convolve(GaussianMixture kernel) {
		Arrays.fill(acc, 0);
		for (int c = 0; c < kernel.size(); c++) {
			double sigma = kernel.sigmas()[c], weight = kernel.weights()[c];
			float[] taps = gaussianTaps(sigma);
			int radius = taps.length / 2;
			for (int j = 0; j < height; j++)
				for (int i = 0; i < width; i++) {
					double s = 0;
					for (int t = -radius; t <= radius; t++)
						s += taps[t + radius] * plane[j * width + clamp(i + t, width)];
					tmp[j * width + i] = (float) s;
				}
			for (int j = 0; j < height; j++)
				for (int i = 0; i < width; i++) {
					double s = 0;
					for (int t = -radius; t <= radius; t++)
						s += taps[t + radius] * tmp[clamp(j + t, height) * width + i];
					acc[j * width + i] += (float) (weight * s);
				}
		}
		System.arraycopy(acc, 0, plane, 0, plane.length);
	}

	/** Normalised Gaussian taps out to 3.5 sigma (at least the centre tap). */
	private static float[] gaussianTaps(double sigma) {
		int radius = Math.max(0, (int) Math.ceil(3.5 * sigma));
		float[] taps = new float[2 * radius + 1];
		double sum = 0;
		for (int t = -radius; t <= radius; t++) {
			double v = sigma < 1e-3 ? (t == 0 ? 1 : 0) : Math.exp(-0.5 * t * t / (sigma * sigma));
			taps[t + radius] = (float) v;
			sum += v;
		}
		for (int t = 0; t < taps.length; t++)
			taps[t] = (float) (taps[t] / sum);
		return taps;
	}

	/**
	 * Resamples the plane onto pixels {@code s} times as large about the stamp centre (bilinear). Coarser pixels first
	 * integrate over their area (a box of width s is approximated by a Gaussian of sigma sqrt(s^2 - 1)/sqrt(12)); values
	 * per pixel scale with the pixel area so that surface brightness is kept.
	 */
	private void resample(double s) {
		if (s > 1) convolve(new GaussianMixture(new double[] { 1 }, new double[] { Math.sqrt(s * s - 1) / Math.sqrt(12) }));
		System.arraycopy(plane, 0, tmp, 0, plane.length);
		double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0, area = s * s;
		for (int j = 0; j < height; j++)
			for (int i = 0; i < width; i++) {
				double u = cx + (i - cx) * s, v = cy + (j - cy) * s;
				int i0 = (int) Math.floor(u), j0 = (int) Math.floor(v);
				double fu = u - i0, fv = v - j0;
				double val = (1 - fu) * (1 - fv) * at(i0, j0) + fu * (1 - fv) * at(i0 + 1, j0) + (1 - fu) * fv * at(i0, j0 +
					1) + fu * fv * at(i0 + 1, j0 + 1);
				plane[j * width + i] = (float) (val * area);
			}
	}

	/** The saved plane at (i, j), or empty sky outside. */
	private double at(int i, int j) {
		return i < 0 || j < 0 || i >= width || j >= height ? 0 : tmp[j * width + i];
	}

	private static int clamp(int v, int n) {
		return v < 0 ? 0 : v >= n ? n - 1 : v;
	}
}
