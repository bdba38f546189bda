package org.astrobridge.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.astrobridge.detect.BackgroundModel;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.detect.ObjectFlags;

/**
 * Tells resolved galaxies from what no galaxy classifier should be asked about, before the network sees a stamp: point
 * sources (stars), saturated objects, hits sharper than the PSF (cosmic rays, hot pixels) and linear features
 * (satellite trails, bad columns).
 * <p>
 * The test is SExtractor's SPREAD_MODEL idea (Desai et al. 2012, ApJ 757, 83): with P the PSF and G the PSF slightly
 * broadened, both centred on the object, {@code spread = (G.x)/(P.x) - (G.P)/(P.P)} is zero for a point source whatever
 * its flux, positive for anything resolved and negative for anything sharper than the PSF. It is linear in the pixels,
 * so its noise follows from the background RMS. The PSF is not taken from a header, which may be wrong or absent: it is
 * a circular Gaussian fitted to the field's own stellar locus, the smallest-size tight cluster of sizes among bright,
 * isolated, round objects (stars share one size; galaxies do not). A non-Gaussian PSF (Moffat wings) moves every star
 * by the same small amount, so the locus's own median spread is the zero point. A field with fewer than
 * {@value #MIN_LOCUS} such objects has no locus; then nothing is marked and {@link Result#description()} says so.
 */
public final class MorphologyPrefilter {

	/** What the test found for one object. */
	public enum Verdict {

			/** Resolved, or too faint to tell: left to the network. */
			GALAXY(""),
			/** Consistent with the PSF. */
			POINT_SOURCE("point-source"),
			/** A footprint pixel reached the saturation level, or the footprint has a flat top ({@link #FLAT_TOP_PIXELS}). */
			SATURATED("saturated"),
			/** Significantly sharper than the PSF. */
			SHARP("sharp"),
			/** Much longer than the PSF and thin: a trail or a bad column. */
			LINEAR("linear");

		private final String reason;

		Verdict(String reason) {
			this.reason = reason;
		}

		/** The {@code ood_reason} a catalogue gives this verdict ("" for a galaxy). */
		public String reason() {
			return reason;
		}
	}

	/** Fewest bright round objects that make a stellar locus. */
	static final int MIN_LOCUS = 5;
	/** Brightest candidates used to find the locus; bounds the cost on very large fields. */
	private static final int MAX_CANDIDATES = 2000;
	/** Candidates for the locus: at least this signal-to-noise ratio. */
	private static final double LOCUS_SNR = 30;
	/** ... and at most this ellipticity. */
	private static final double LOCUS_ELLIPTICITY = 0.3;
	/** Width of the locus window in ln(sigma): stars scatter far less than 10 % in fitted size. */
	private static final double LOCUS_WIDTH = 0.1;
	/** The locus is the smallest-size cluster holding at least this share of the densest window's count. */
	private static final double LOCUS_SHARE = 0.5;
	/** Smallest PSF sigma (px) taken for a locus: anything sharper is a cluster of hits, not stars. */
	private static final double MIN_PSF_SIGMA = 0.6;
	/** G's extra width, in units of the PSF sigma (added in quadrature). */
	private static final double BROADENING = 0.75;
	/** Tolerance in units of the spread's noise. */
	private static final double NOISE_SIGMAS = 3;
	/** Tolerance in units of the locus's own scatter (MAD). */
	private static final double LOCUS_SIGMAS = 5;
	/** Smallest tolerance in spread. */
	private static final double MIN_TOLERANCE = 0.005;
	/** Linear feature: at least this ellipticity ... */
	private static final double LINEAR_ELLIPTICITY = 0.85;
	/** ... and a major axis at least this many PSF sigmas ... */
	private static final double LINEAR_LENGTH = 3;
	/** ... or a minor axis under this many PSF sigmas, which nothing seen through the PSF has (a column's piece). */
	private static final double LINEAR_THINNESS = 0.5;

	/**
	 * Saturated without a header: at least this many pixels of the footprint's bounding box share the raw value of its
	 * peak exactly. A saturated core is clipped to one value; a resolved or point-like peak that is far above the noise
	 * is not flat, even in a quantised image, as the source's own noise there spans many quantisation steps.
	 */
	static final int FLAT_TOP_PIXELS = 3;
	/** ... and the peak is at least this many background RMS above the background ... */
	static final double FLAT_TOP_SNR = 50;
	/** ... and at least this share of the image's highest finite value: saturation is at the top of the image. */
	static final double FLAT_TOP_OF_MAX = 0.5;

	private MorphologyPrefilter() {}

	/**
	 * The verdicts of one field.
	 *
	 * @param psfSigma  fitted Gaussian sigma of the PSF (px), NaN without a locus
	 * @param zeroPoint median spread of the locus's members
	 * @param locus     objects in the locus
	 * @param spread    per object, in detection order; NaN when not measurable (no locus, no pixels)
	 * @param spreadErr its 1-sigma noise
	 * @param verdicts  per object
	 */
	public record Result(double psfSigma, double zeroPoint, int locus, double[] spread, double[] spreadErr,
			Verdict[] verdicts) {

		/** Whether a stellar locus was found (otherwise every verdict is GALAXY). */
		public boolean hasLocus() {
			return !Double.isNaN(psfSigma);
		}

		/** One line for logs and catalogue headers. */
		public String description() {
			if (!hasLocus()) {
				return "morphology pre-filter: no stellar locus (fewer than " + MIN_LOCUS
						+ " bright round objects of one size); nothing flagged by morphology";
			}
			int[] n = new int[Verdict.values().length];
			for (Verdict v : verdicts) {
				n[v.ordinal()]++;
			}
			return String.format(Locale.ROOT, "morphology pre-filter: PSF sigma %.2f px (FWHM %.2f px) from %d locus objects, "
					+ "spread zero point %.4f; point-source %d, saturated %d, sharp %d, linear %d", psfSigma,
					psfSigma * 2 * Math.sqrt(2 * Math.log(2)), locus, zeroPoint, n[Verdict.POINT_SOURCE.ordinal()],
					n[Verdict.SATURATED.ordinal()], n[Verdict.SHARP.ordinal()], n[Verdict.LINEAR.ordinal()]);
		}
	}

	/**
	 * Tests every object of a field.
	 *
	 * @param pixels the detection plane, row-major in FITS row order
	 * @param background the background model the detector used on that plane
	 */
	public static Result test(float[] pixels, int width, int height, BackgroundModel background,
		List<DetectedObject> objects)
	{
		Image img = new Image(pixels, width, height, background);
		int n = objects.size();
		double[] spread = new double[n];
		double[] err = new double[n];
		Verdict[] verdicts = new Verdict[n];
		Arrays.fill(spread, Double.NaN);
		Arrays.fill(err, Double.NaN);
		Arrays.fill(verdicts, Verdict.GALAXY);
		List<double[]> locus = locus(img, objects);
		if (locus == null) {
			return new Result(Double.NaN, Double.NaN, 0, spread, err, verdicts);
		}
		double psf = Math.exp(median(locus.stream().mapToDouble(m -> m[0]).toArray()));
		double broad = psf * Math.sqrt(1 + BROADENING * BROADENING);
		for (int i = 0; i < n; i++) {
			double[] s = img.spread(objects.get(i), psf, broad);
			spread[i] = s[0];
			err[i] = s[1];
		}
		double[] locusSpread = locus.stream().mapToDouble(m -> spread[(int) m[1]]).filter(Double::isFinite).toArray();
		double zero = median(locusSpread);
		double[] dev = Arrays.stream(locusSpread).map(v -> Math.abs(v - zero)).toArray();
		double scatter = 1.4826 * median(dev);
		for (int i = 0; i < n; i++) {
			DetectedObject o = objects.get(i);
			double tol = Math.max(MIN_TOLERANCE, Math.hypot(NOISE_SIGMAS * err[i], LOCUS_SIGMAS * scatter));
			if (o.ellipticity() >= LINEAR_ELLIPTICITY && (o.a() >= LINEAR_LENGTH * psf || o.b() < LINEAR_THINNESS * psf)) {
				verdicts[i] = Verdict.LINEAR;
			}
			else if ((o.flags() & ObjectFlags.SATURATED) != 0 || img.flatTop(o)) {
				verdicts[i] = Verdict.SATURATED;
			}
			else if (!Double.isFinite(spread[i])) {
				verdicts[i] = Verdict.GALAXY;
			}
			else if (spread[i] < zero - tol) {
				verdicts[i] = Verdict.SHARP;
			}
			else if (spread[i] <= zero + tol) {
				verdicts[i] = Verdict.POINT_SOURCE;
			}
		}
		return new Result(psf, zero, locus.size(), spread, err, verdicts);
	}

	/**
	 * Indices of the stellar locus: among bright, unflagged, round objects, the smallest-size window of fitted Gaussian
	 * sizes {@value #LOCUS_WIDTH} wide in ln(sigma) holding at least {@link #LOCUS_SHARE} of the densest window's count,
	 * as {ln sigma, index}; null when it holds fewer than {@value #MIN_LOCUS}.
	 */
	private static List<double[]> locus(Image img, List<DetectedObject> objects) {
		List<Integer> cand = new ArrayList<>();
		for (int i = 0; i < objects.size(); i++) {
			DetectedObject o = objects.get(i);
			if (o.snr() >= LOCUS_SNR && o.flags() == 0 && o.ellipticity() <= LOCUS_ELLIPTICITY) {
				cand.add(i);
			}
		}
		cand.sort((p, q) -> Double.compare(objects.get(q).snr(), objects.get(p).snr()));
		if (cand.size() > MAX_CANDIDATES) {
			cand = new ArrayList<>(cand.subList(0, MAX_CANDIDATES));
		}
		List<double[]> sized = new ArrayList<>(); // ln sigma, index
		for (int i : cand) {
			double s = img.fitSigma(objects.get(i));
			if (s >= MIN_PSF_SIGMA) {
				sized.add(new double[] { Math.log(s), i });
			}
		}
		sized.sort((p, q) -> Double.compare(p[0], q[0]));
		int[] count = new int[sized.size()];
		int most = 0;
		for (int a = 0, b = 0; a < sized.size(); a++) {
			while (b < sized.size() && sized.get(b)[0] <= sized.get(a)[0] + LOCUS_WIDTH) {
				b++;
			}
			count[a] = b - a;
			most = Math.max(most, count[a]);
		}
		if (most < MIN_LOCUS) {
			return null;
		}
		// stars are the most compact population: the smallest cluster with at least half the densest window's count,
		// so that a denser population of one larger size (lenses, a galaxy type) cannot take the locus
		int first = 0;
		while (count[first] < Math.max(MIN_LOCUS, LOCUS_SHARE * most)) {
			first++;
		}
		int bestFrom = first;
		for (int a = first; a < sized.size() && sized.get(a)[0] <= sized.get(first)[0] + LOCUS_WIDTH; a++) {
			if (count[a] > count[bestFrom]) {
				bestFrom = a;
			}
		}
		return sized.subList(bestFrom, bestFrom + count[bestFrom]);
	}

	private static double median(double[] v) {
		if (v.length == 0) {
			return Double.NaN;
		}
		double[] c = v.clone();
		Arrays.sort(c);
		return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
	}

	/** Background-subtracted windows of the detection plane around objects. */
	private static final class Image {

		/** Half-size of the window a size is fitted in (px). */
		private static final int FIT_HALF = 6;
		/** Sizes tried: 0.4 px up by 2 % steps to about 10 px. */
		private static final double[] SIGMAS = new double[165];

		static {
			for (int k = 0; k < SIGMAS.length; k++) {
				SIGMAS[k] = 0.4 * Math.pow(1.02, k);
			}
		}

		private final float[] pixels;
		private final int width;
		private final int height;
		private final BackgroundModel background;

		/** The highest finite pixel value of the image. */
		private final double top;

		Image(float[] pixels, int width, int height, BackgroundModel background) {
			this.pixels = pixels;
			this.width = width;
			this.height = height;
			this.background = background;
			double max = Double.NEGATIVE_INFINITY;
			for (float p : pixels) {
				if (p > max && p != Float.POSITIVE_INFINITY) {
					max = p;
				}
			}
			this.top = max;
		}

		/**
		 * Whether the object's peak is a plateau: {@value #FLAT_TOP_PIXELS} or more pixels of its bounding box with exactly
		 * the peak's raw value, {@value #FLAT_TOP_SNR} background RMS or more above the background, and at least
		 * {@value #FLAT_TOP_OF_MAX} of the image's highest value.
		 */
		boolean flatTop(DetectedObject o) {
			int xp = o.xPeak();
			int yp = o.yPeak();
			if (xp < 0 || yp < 0 || xp >= width || yp >= height) {
				return false;
			}
			float raw = pixels[yp * width + xp];
			if (!Float.isFinite(raw) || raw < FLAT_TOP_OF_MAX * top) {
				return false;
			}
			float[] back = new float[1];
			float[] rms = new float[1];
			background.fill(xp, yp, 1, 1, back, rms);
			if (!(raw - back[0] >= FLAT_TOP_SNR * rms[0])) {
				return false;
			}
			int same = 0;
			for (int y = Math.max(0, o.yMin()); y <= Math.min(height - 1, o.yMax()); y++) {
				for (int x = Math.max(0, o.xMin()); x <= Math.min(width - 1, o.xMax()); x++) {
					if (pixels[y * width + x] == raw && ++same >= FLAT_TOP_PIXELS) {
						return true;
					}
				}
			}
			return false;
		}

		/** A window centred on the object's barycentre: pixel offsets dx, dy, values and RMS; NaN pixels left out. */
		private Window window(DetectedObject o, int half) {
			int cx = (int) Math.round(o.x());
			int cy = (int) Math.round(o.y());
			int x0 = Math.max(0, cx - half);
			int x1 = Math.min(width - 1, cx + half);
			int y0 = Math.max(0, cy - half);
			int y1 = Math.min(height - 1, cy + half);
			int w = x1 - x0 + 1;
			int h = y1 - y0 + 1;
			if (w <= 0 || h <= 0) {
				return new Window(new double[0], new double[0], new double[0], new double[0]);
			}
			float[] back = new float[w * h];
			float[] rms = new float[w * h];
			background.fill(x0, y0, w, h, back, rms);
			double[] dx = new double[w * h];
			double[] dy = new double[w * h];
			double[] v = new double[w * h];
			double[] r = new double[w * h];
			int m = 0;
			for (int y = y0; y <= y1; y++) {
				for (int x = x0; x <= x1; x++) {
					int c = (y - y0) * w + (x - x0);
					float p = pixels[y * width + x];
					if (Float.isFinite(p)) {
						dx[m] = x - o.x();
						dy[m] = y - o.y();
						v[m] = p - back[c];
						r[m] = rms[c];
						m++;
					}
				}
			}
			return new Window(Arrays.copyOf(dx, m), Arrays.copyOf(dy, m), Arrays.copyOf(v, m), Arrays.copyOf(r, m));
		}

		/** The sigma of the circular Gaussian (free amplitude) that fits the object's core best in least squares. */
		double fitSigma(DetectedObject o) {
			Window win = window(o, FIT_HALF);
			double best = Double.POSITIVE_INFINITY;
			double bestSigma = Double.NaN;
			for (double s : SIGMAS) {
				double[] g = win.gaussian(s);
				double gg = 0;
				double gx = 0;
				double xx = 0;
				for (int k = 0; k < g.length; k++) {
					gg += g[k] * g[k];
					gx += g[k] * win.v[k];
					xx += win.v[k] * win.v[k];
				}
				double residual = xx - gx * gx / gg;
				if (gg > 0 && residual < best) {
					best = residual;
					bestSigma = s;
				}
			}
			return bestSigma;
		}

		/** {spread, its 1-sigma noise} of the object for PSF sigma {@code psf} and broadened sigma {@code broad}. */
		double[] spread(DetectedObject o, double psf, double broad) {
			Window win = window(o, (int) Math.ceil(3 * broad));
			double[] p = win.gaussian(psf);
			double[] g = win.gaussian(broad);
			double px = 0;
			double gx = 0;
			double gp = 0;
			double pp = 0;
			for (int k = 0; k < p.length; k++) {
				px += p[k] * win.v[k];
				gx += g[k] * win.v[k];
				gp += g[k] * p[k];
				pp += p[k] * p[k];
			}
			if (!(px > 0) || pp == 0) {
				return new double[] { Double.NaN, Double.NaN };
			}
			double ratio = gx / px;
			double var = 0;
			for (int k = 0; k < p.length; k++) {
				double w = (g[k] - ratio * p[k]) / px;
				var += w * w * win.rms[k] * win.rms[k];
			}
			return new double[] { ratio - gp / pp, Math.sqrt(var) };
		}
	}

	private record Window(double[] dx, double[] dy, double[] v, double[] rms) {
		/** A unit-peak circular Gaussian at the window's pixels (normalisation cancels in every use). */
		double[] gaussian(double sigma) {
			double[] g = new double[v.length];
			double k = -0.5 / (sigma * sigma);
			for (int i = 0; i < g.length; i++) {
				g[i] = Math.exp(k * (dx[i] * dx[i] + dy[i] * dy[i]));
			}
			return g;
		}
	}
}
