package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.astrobridge.sim.GaussianMixture;

/**
 * Fits the observation model that turns source stamps into stamps like the unlabelled target's, so that observation
 * augmentation can re-observe the source as the target survey sees it instead of through every survey at once. This is
 * simulation-based fitting by summary statistics (approximate Bayesian computation in its simplest, point-estimate
 * form): a subset of source stamps is re-observed through each candidate model with fixed noise seeds, and the
 * candidate whose per-stamp statistics are distributed most like the target's wins.
 * <p>
 * Statistics of a raw stamp (per band: median m and amplitude A, the 99th percentile of |x - m|, as the normalisation
 * uses): the log of the border's robust noise over A, and the radii holding 20, 50 and 80 % of the centred, signed,
 * band-averaged light (x - m) / A. Noise enters the radii of target and candidate alike, so the signed sums need no
 * noise correction. PSF growth widens small objects most; coarser pixels shrink every object: the three radii partly
 * tell them apart (see below). The distance is the sum over statistics of the 1-D Wasserstein distance between the two
 * samples (24 quantiles), each over the target's interquartile range.
 * <p>
 * Search: the noise level first from the target alone; then a grid of PSF FWHM 0..7 px (1 px steps), Gaussian or
 * Moffat(3), and pixel scale 1..3; then the noise on a log grid about the first guess (and none); then the neighbours
 * of the best model at half-pixel FWHM steps, both profiles, and the coarse grid's runners-up, with that noise.
 * Deterministic: no draw depends on threads.
 * <p>
 * PSF width and pixel scale partly trade off in these statistics (for resolved galaxies a coarser pixel and a wider PSF
 * can look alike), so the fit keeps every model within {@value #ACCEPT} times the least distance, as rejection ABC
 * keeps every draw within its tolerance, and training draws each stamp's observation from one of them.
 */
public final class ObservationMatcher {

	static final int SOURCE_SAMPLE = 128, TARGET_SAMPLE = 512, QUANTILES = 24, STATS = 4;
	/** PSF FWHM grid (px): whole pixels first, then half-pixel neighbours of the best. */
	static final double[] FWHMS = IntStream.rangeClosed(0, 14).mapToDouble(i -> 0.5 * i).toArray();
	static final double[] SCALES = { 1, 1.25, 1.5, 1.75, 2, 2.5, 3 };
	static final double[] BETAS = { 0, 3 };
	/** Coarse-grid runners-up re-scored at the fitted noise. */
	static final int RUNNERS_UP = 8;
	/** Models within this factor of the least distance are accepted; at most MAX_ACCEPTED of them. */
	static final double ACCEPT = 1.5;
	static final int MAX_ACCEPTED = 6;
	/** Sky electrons of the fitted noise: sky-dominated noise, as the border statistic measures. */
	static final double FIT_SKY_ELECTRONS = 1000;

	/**
	 * A fitted model, with the distance of its statistics from the target's, the accepted models (within
	 * {@value #ACCEPT} times the least distance, best first: the models the statistics cannot tell apart, among them
	 * the best), and the distance of the unchanged source.
	 */
	public record Fit(ObservationModel model, double distance, List<ObservationModel> accepted,
		List<Double> acceptedDistances, double sourceDistance, double[] targetMedians, double[] fittedMedians)
	{
		public Map<String, Object> toMap() {
			Map<String, Object> m = new LinkedHashMap<>(model.toMap());
			m.put("distance", distance);
			m.put("unchangedSourceDistance", sourceDistance);
			List<Map<String, Object>> acc = new ArrayList<>();
			for (int i = 0; i < accepted.size(); i++) {
				Map<String, Object> a = new LinkedHashMap<>(accepted.get(i).toMap());
				a.put("distance", acceptedDistances.get(i));
				acc.add(a);
			}
			m.put("accepted", acc);
			m.put("statistics", "log(border noise / amplitude), r20, r50, r80 (px)");
			m.put("targetMedians", targetMedians);
			m.put("fittedMedians", fittedMedians);
			return m;
		}
	}

	private ObservationMatcher() {}

	/**
	 * The observation model whose re-observed source is most like the target.
	 *
	 * @param source raw (not normalised) labelled or unlabelled source stamps
	 * @param target raw target stamps of the same geometry
	 * @param seed seed of the noise the candidates add
	 */
	public static Fit fit(StampSet source, StampSet target, long seed) {
		Scorer scorer = Scorer.of(source, target, seed);
		double a0 = Math.exp(scorer.targetMedians[0]);

		List<ObservationModel> grid = new ArrayList<>();
		for (double beta : BETAS)
			for (int f = 0; f < FWHMS.length; f += 2)
				for (double s : SCALES)
					if (beta == BETAS[0] || f > 0) grid.add(new ObservationModel(FWHMS[f], beta, s, a0));
		double[] coarse = scorer.distances(grid);
		ObservationModel best = grid.get(argmin(coarse));

		List<ObservationModel> noises = new ArrayList<>();
		noises.add(new ObservationModel(best.psfFwhm(), best.moffatBeta(), best.scale(), 0));
		for (int i = -4; i <= 4; i++)
			noises.add(new ObservationModel(best.psfFwhm(), best.moffatBeta(), best.scale(), a0 * Math.pow(2, i / 4.0)));
		double noise = noises.get(argmin(scorer.distances(noises))).noise();

		// the best model's half-pixel neighbours and the runners-up of the coarse grid, all at the fitted noise
		List<ObservationModel> last = new ArrayList<>();
		int fi = indexOf(FWHMS, best.psfFwhm()), si = indexOf(SCALES, best.scale());
		for (double beta : BETAS)
			for (int df = -1; df <= 1; df++)
				for (int ds = -1; ds <= 1; ds++) {
					int f = fi + df, s = si + ds;
					if (f >= 0 && f < FWHMS.length && s >= 0 && s < SCALES.length && (beta == BETAS[0] || FWHMS[f] > 0)) last.add(
						new ObservationModel(FWHMS[f], beta, SCALES[s], noise));
				}
		Integer[] order = IntStream.range(0, grid.size()).boxed().sorted((x, y) -> Double.compare(coarse[x], coarse[y]))
			.toArray(Integer[]::new);
		for (int i = 0; i < Math.min(RUNNERS_UP, order.length); i++) {
			ObservationModel m = grid.get(order[i]);
			ObservationModel atNoise = new ObservationModel(m.psfFwhm(), m.moffatBeta(), m.scale(), noise);
			if (!last.contains(atNoise)) last.add(atNoise);
		}
		double[] d = scorer.distances(last);
		int b = argmin(d);
		if (!Double.isFinite(d[b])) throw new IllegalArgumentException(
			"fewer than 8 re-observed source stamps show a source at their centre, so no observation model can be fitted");
		List<ObservationModel> accepted = new ArrayList<>();
		List<Double> acceptedDistances = new ArrayList<>();
		Integer[] byDistance = IntStream.range(0, last.size()).boxed().sorted((x, y) -> Double.compare(d[x], d[y])).toArray(
			Integer[]::new);
		for (int i : byDistance)
			if (d[i] <= ACCEPT * d[b] && accepted.size() < MAX_ACCEPTED) {
				accepted.add(last.get(i));
				acceptedDistances.add(d[i]);
			}
		return new Fit(last.get(b), d[b], accepted, acceptedDistances, scorer.distance(ObservationModel.IDENTITY),
			scorer.targetMedians, scorer.medians(last.get(b)));
	}

	private static int argmin(double[] d) {
		int b = 0;
		for (int i = 1; i < d.length; i++)
			if (d[i] < d[b]) b = i; // ties go to the earlier candidate, so the result does not depend on threads
		return b;
	}

	/** Scores candidates against the target's quantiles, each on its own copy of the source sample. */
	static final class Scorer {

		final float[] src;
		final int n, h, w, bands;
		final double[][] tq;
		final double[] scale, targetMedians;
		final long seed;

		private Scorer(float[] src, int n, int h, int w, int bands, double[][] tq, double[] scale, double[] targetMedians,
			long seed)
		{
			this.src = src;
			this.n = n;
			this.h = h;
			this.w = w;
			this.bands = bands;
			this.tq = tq;
			this.scale = scale;
			this.targetMedians = targetMedians;
			this.seed = seed;
		}

		static Scorer of(StampSet source, StampSet target, long seed) {
			source.requireSameGeometry(target, "the source", "the target");
			int h = source.height(), w = source.width(), bands = source.bands(), stamp = h * w * bands;
			float[] src = sample(source, SOURCE_SAMPLE);
			double[][] tStats = statistics(sample(target, TARGET_SAMPLE), h, w, bands);
			if (tStats[0].length < 8) throw new IllegalArgumentException("only " + tStats[0].length +
				" target stamps show a source at their centre; observation matching needs at least 8");
			double[][] tq = new double[STATS][];
			double[] scale = new double[STATS], tMed = new double[STATS];
			for (int j = 0; j < STATS; j++) {
				tq[j] = quantiles(tStats[j]);
				double[] sorted = tStats[j].clone();
				Arrays.sort(sorted);
				scale[j] = Math.max(0.05, at(sorted, 0.75) - at(sorted, 0.25));
				tMed[j] = at(sorted, 0.5);
			}
			return new Scorer(src, src.length / stamp, h, w, bands, tq, scale, tMed, seed);
		}

		/** The distance of each candidate, computed in parallel; each value depends on its candidate alone. */
		double[] distances(List<ObservationModel> candidates) {
			return IntStream.range(0, candidates.size()).parallel().mapToDouble(i -> distance(candidates.get(i))).toArray();
		}

		double distance(ObservationModel m) {
			double[][] st = statistics(observed(m), h, w, bands);
			if (st[0].length < 8) return Double.POSITIVE_INFINITY;
			double d = 0;
			for (int j = 0; j < STATS; j++)
				d += wasserstein(quantiles(st[j]), tq[j]) / scale[j];
			return d;
		}

		double[] medians(ObservationModel m) {
			double[][] st = statistics(observed(m), h, w, bands);
			double[] med = new double[STATS];
			for (int j = 0; j < STATS; j++) {
				double[] sorted = st[j].clone();
				Arrays.sort(sorted);
				med[j] = sorted.length == 0 ? Double.NaN : at(sorted, 0.5);
			}
			return med;
		}

		/** The source sample re-observed through m exactly (no jitter, no sky residual, no quantisation). */
		float[] observed(ObservationModel m) {
			float[] x = src.clone();
			ObservationAugmenter aug = new ObservationAugmenter(h, w, bands);
			GaussianMixture psf = m.psf(m.psfFwhm());
			for (int k = 0; k < n; k++)
				aug.observe(x, k, new ObservationAugmenter.Observation(psf, m.scale(), m.noise() > 0, m.noise(),
					FIT_SKY_ELECTRONS, false, 0, 0, 0, false, 1, seed * 1_000_003L + k));
			return x;
		}
	}

	/** Up to max stamps spread evenly over the set (raw pixels, copied). */
	static float[] sample(StampSet set, int max) {
		int n = set.count(), m = Math.min(n, max), stamp = set.height() * set.width() * set.bands();
		float[] out = new float[m * stamp];
		for (int i = 0; i < m; i++)
			System.arraycopy(set.pixels(), (int) ((long) i * n / m) * stamp, out, i * stamp, stamp);
		return out;
	}

	/**
	 * Per-stamp statistics [statistic][stamp] of the raw NHWC stamps; stamps without positive centred light or without
	 * any band of non-zero amplitude are left out.
	 */
	static double[][] statistics(float[] x, int h, int w, int bands) {
		int plane = h * w, n = x.length / (plane * bands), border = Math.max(2, Math.min(h, w) / 8);
		int radius = Math.min(h, w) / 2 - 1;
		double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
		int[] ring = new int[plane];
		for (int j = 0; j < h; j++)
			for (int i = 0; i < w; i++)
				ring[j * w + i] = (int) Math.min(radius + 1, Math.floor(Math.hypot(i - cx, j - cy)));
		int edge = 0;
		for (int j = 0; j < h; j++)
			for (int i = 0; i < w; i++)
				if (i < border || j < border || i >= w - border || j >= h - border) edge++;
		double[][] out = new double[STATS][n];
		float[] work = new float[plane], edgeWork = new float[edge];
		double[] y = new double[plane], cum = new double[radius + 2];
		int kept = 0;
		for (int k = 0; k < n; k++) {
			Arrays.fill(y, 0);
			double logNoise = 0;
			int used = 0;
			for (int b = 0; b < bands; b++) {
				for (int p = 0; p < plane; p++)
					work[p] = x[(k * plane + p) * bands + b];
				double median = Normalisation.quantile(work, plane, 0.5);
				for (int p = 0; p < plane; p++)
					work[p] = (float) Math.abs(x[(k * plane + p) * bands + b] - median);
				double amplitude = Normalisation.quantile(work, plane, 0.99);
				if (!(amplitude > 0)) continue;
				int e = 0;
				for (int j = 0; j < h; j++)
					for (int i = 0; i < w; i++)
						if (i < border || j < border || i >= w - border || j >= h - border) edgeWork[e++] = x[(k * plane + j * w +
							i) * bands + b];
				double edgeMedian = Normalisation.quantile(edgeWork, edge, 0.5);
				for (int q = 0; q < edge; q++)
					edgeWork[q] = (float) Math.abs(edgeWork[q] - edgeMedian);
				double sigma = 1.4826 * Normalisation.quantile(edgeWork, edge, 0.5);
				logNoise += Math.log(Math.max(1e-4, sigma / amplitude));
				for (int p = 0; p < plane; p++)
					y[p] += (x[(k * plane + p) * bands + b] - median) / amplitude;
				used++;
			}
			if (used == 0) continue;
			Arrays.fill(cum, 0);
			for (int p = 0; p < plane; p++)
				cum[ring[p]] += y[p];
			for (int r = 1; r <= radius; r++)
				cum[r] += cum[r - 1];
			double total = cum[radius];
			if (!(total > 0)) continue;
			out[0][kept] = logNoise / used;
			out[1][kept] = crossing(cum, radius, 0.2 * total);
			out[2][kept] = crossing(cum, radius, 0.5 * total);
			out[3][kept] = crossing(cum, radius, 0.8 * total);
			kept++;
		}
		for (int j = 0; j < STATS; j++)
			out[j] = Arrays.copyOf(out[j], kept);
		return out;
	}

	/** The radius where the cumulative profile first reaches v (cum[r] holds the light inside radius r + 1). */
	private static double crossing(double[] cum, int radius, double v) {
		if (cum[0] >= v) return cum[0] > 0 ? v / cum[0] : 0;
		for (int r = 1; r <= radius; r++)
			if (cum[r] >= v) return r + (v - cum[r - 1]) / (cum[r] - cum[r - 1]);
		return radius + 1;
	}

	static double[] quantiles(double[] sample) {
		double[] s = sample.clone();
		Arrays.sort(s);
		double[] q = new double[QUANTILES];
		for (int i = 0; i < QUANTILES; i++)
			q[i] = at(s, (i + 0.5) / QUANTILES);
		return q;
	}

	/** Linear-interpolated quantile of a sorted sample. */
	static double at(double[] sorted, double p) {
		double pos = p * (sorted.length - 1);
		int i = (int) Math.floor(pos);
		if (i >= sorted.length - 1) return sorted[sorted.length - 1];
		return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
	}

	static double wasserstein(double[] qa, double[] qb) {
		double d = 0;
		for (int i = 0; i < qa.length; i++)
			d += Math.abs(qa[i] - qb[i]);
		return d / qa.length;
	}

	private static int indexOf(double[] grid, double v) {
		for (int i = 0; i < grid.length; i++)
			if (grid[i] == v) return i;
		throw new IllegalStateException(v + " is not on the grid");
	}
}
