package org.astrobridge.ood;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Out-of-distribution score from class-conditional Gaussians with one shared covariance (Lee et al. 2018): the score of
 * a latent vector z is the <em>squared</em> Mahalanobis distance to the nearest class mean,
 * {@code min_c (z - mu_c)^T Sigma^-1 (z - mu_c)}. Large means far from every known class.
 * <p>
 * CNN latents are high-dimensional and rank-deficient (2592 dimensions for 75x75 stamps against at most a few thousand
 * validation samples), so {@link #fit} first projects onto the top principal components of the fitting latents when the
 * dimension exceeds {@code projectAbove} (default 256 -> 32 components), then shrinks the pooled within-class
 * covariance towards a scaled identity with the Ledoit-Wolf intensity, and inverts it by Cholesky, adding jitter
 * relative to its trace if it is still not positive definite. Directions outside the kept components do not contribute
 * to the score.
 * <p>
 * With {@link Covariance#PER_CLASS} each class gets its own shrunk covariance and the score is the class-conditional
 * Gaussian negative log-likelihood of the nearest class,
 * {@code min_c (z - mu_c)^T Sigma_c^-1 (z - mu_c) + ln det Sigma_c - min_c' ln det Sigma_c'} (quadratic discriminant,
 * shifted by a constant so that scores are never negative): it follows each class's own shape, at the price of
 * estimating one covariance per class from that class's latents alone.
 */
public final class MahalanobisScorer {

	public static final int DEFAULT_PROJECT_ABOVE = 256;
	public static final int DEFAULT_COMPONENTS = 32;
	/** Ridge (relative to the mean variance) added by {@link #of(double[][], double[][])}. */
	public static final double DEFAULT_RIDGE = 0.01;
	private static final long PCA_SEED = 20240601L;

	/** One covariance shared by every class (Lee et al.), or one per class. */
	public enum Covariance {
			SHARED, PER_CLASS
	}

	private final int dim;
	private final double[] centre;
	private final double[][] axes;
	/** Cholesky factor of the covariance each class is measured with (the same array for every class when shared). */
	private final double[][][] cholesky;
	/** ln det of each class's covariance with PER_CLASS, zeros with SHARED (a constant that would not change ranks). */
	private final double[] logDet;
	/** What was subtracted from every ln det (PER_CLASS), and whether the classes have covariances of their own. */
	private final double logDetShift;
	private final boolean perClass;
	private final double[][] whitenedMeans;
	private final double shrinkage;
	private final double jitter;

	private MahalanobisScorer(int dim, double[] centre, double[][] axes, double[][][] cholesky, double[] logDet,
		double logDetShift, boolean perClass, double[][] whitenedMeans, double shrinkage, double jitter)
	{
		this.dim = dim;
		this.centre = centre;
		this.axes = axes;
		this.cholesky = cholesky;
		this.logDet = logDet;
		this.logDetShift = logDetShift;
		this.perClass = perClass;
		this.whitenedMeans = whitenedMeans;
		this.shrinkage = shrinkage;
		this.jitter = jitter;
	}

	/** {@link #fit(float[], int[], int, int, int, int)} with the default projection (above 256 dims, 32 components). */
	public static MahalanobisScorer fit(float[] latents, int[] labels, int dim, int classes) {
		return fit(latents, labels, dim, classes, DEFAULT_PROJECT_ABOVE, DEFAULT_COMPONENTS);
	}

	/**
	 * Fits class means and the shrunk shared covariance.
	 *
	 * @param latents row-major [labels.length * dim]
	 * @param labels class of each row in [0, classes); rows with a negative label are ignored
	 * @param projectAbove project onto principal components when dim is larger than this
	 * @param components number of principal components kept when projecting
	 */
	public static MahalanobisScorer fit(float[] latents, int[] labels, int dim, int classes, int projectAbove,
		int components)
	{
		return fit(latents, labels, dim, classes, projectAbove, components, Covariance.SHARED);
	}

	/**
	 * As {@link #fit(float[], int[], int, int, int, int)}; with {@link Covariance#PER_CLASS} a class with fewer than two
	 * latents is measured with the shared covariance.
	 */
	public static MahalanobisScorer fit(float[] latents, int[] labels, int dim, int classes, int projectAbove,
		int components, Covariance covariance)
	{
		if (dim < 1 || classes < 1) {
			throw new IllegalArgumentException("dimension and class count must be positive: " + dim + ", " + classes);
		}
		if (latents.length != (long) labels.length * dim) {
			throw new IllegalArgumentException("latents hold " + latents.length + " values, expected " + labels.length +
				" x " + dim);
		}
		int n = 0;
		for (int y : labels) {
			if (y >= classes) {
				throw new IllegalArgumentException("label " + y + " is out of range for " + classes + " classes");
			}
			if (y >= 0) {
				n++;
			}
		}
		if (n < 2) {
			throw new IllegalArgumentException("need at least 2 labelled latent vectors, got " + n);
		}
		float[] x = new float[n * dim];
		int[] y = new int[n];
		double[] centre = new double[dim];
		for (int r = 0, k = 0; r < labels.length; r++) {
			if (labels[r] < 0) {
				continue;
			}
			System.arraycopy(latents, r * dim, x, k * dim, dim);
			y[k] = labels[r];
			for (int i = 0; i < dim; i++) {
				centre[i] += latents[r * dim + i] / (double) n;
			}
			k++;
		}
		for (int r = 0; r < n; r++) {
			for (int i = 0; i < dim; i++) {
				x[r * dim + i] -= (float) centre[i];
			}
		}
		double[][] axes = null;
		int p = dim;
		if (dim > projectAbove) {
			if (components < 1) {
				throw new IllegalArgumentException("number of principal components must be positive: " + components);
			}
			axes = LinearAlgebra.principalAxes(x, n, dim, Math.min(components, dim), PCA_SEED).vectors();
			p = axes.length;
		}
		double[][] z = new double[n][];
		for (int r = 0; r < n; r++) {
			z[r] = project(axes, x, r * dim, dim, null);
		}
		int[] counts = new int[classes];
		double[][] means = new double[classes][p];
		for (int r = 0; r < n; r++) {
			counts[y[r]]++;
			for (int i = 0; i < p; i++) {
				means[y[r]][i] += z[r][i];
			}
		}
		for (int c = 0; c < classes; c++) {
			for (int i = 0; i < p; i++) {
				means[c][i] = counts[c] > 0 ? means[c][i] / counts[c] : Double.NaN;
			}
		}
		for (int r = 0; r < n; r++) {
			for (int i = 0; i < p; i++) {
				z[r][i] -= means[y[r]][i];
			}
		}
		Shrunk shared = shrunkCovariance(z);
		// Centre is subtracted before projection, so class means live in centred coordinates.
		if (covariance == Covariance.SHARED) {
			return build(dim, centre, axes, shared.sigma(), means, shared.intensity());
		}
		double[][][] sigma = new double[classes][][];
		for (int c = 0; c < classes; c++) {
			if (counts[c] < 2) {
				sigma[c] = shared.sigma();
				continue;
			}
			double[][] own = new double[counts[c]][];
			for (int r = 0, k = 0; r < n; r++) {
				if (y[r] == c) {
					own[k++] = z[r];
				}
			}
			sigma[c] = shrunkCovariance(own).sigma();
		}
		return build(dim, centre, axes, sigma, means, shared.intensity(), true);
	}

	private record Shrunk(double[][] sigma, double intensity) {}

	/** Ledoit-Wolf shrunk covariance of residual rows r about zero. */
	private static Shrunk shrunkCovariance(double[][] r) {
		double[][] s = rawCovariance(r);
		double shrink = ledoitWolf(r, s);
		int p = s.length;
		double mu = trace(s) / p;
		for (int i = 0; i < p; i++) {
			for (int j = 0; j < p; j++) {
				s[i][j] *= 1 - shrink;
			}
			s[i][i] += shrink * mu;
		}
		return new Shrunk(s, shrink);
	}

	private static double[][] rawCovariance(double[][] r) {
		int p = r[0].length;
		double[][] s = new double[p][p];
		for (double[] res : r) {
			for (int i = 0; i < p; i++) {
				double ri = res[i];
				for (int j = i; j < p; j++) {
					s[i][j] += ri * res[j];
				}
			}
		}
		for (int i = 0; i < p; i++) {
			for (int j = i; j < p; j++) {
				s[i][j] /= r.length;
				s[j][i] = s[i][j];
			}
		}
		return s;
	}

	/**
	 * A scorer from given class means [classes][dim] and shared covariance [dim][dim] (no projection), e.g. from the
	 * statistics stored with a model, with a ridge of {@link #DEFAULT_RIDGE} times the mean variance.
	 */
	public static MahalanobisScorer of(double[][] means, double[][] covariance) {
		return of(means, covariance, DEFAULT_RIDGE);
	}

	/** As {@link #of(double[][], double[][])} with the ridge given relative to the mean variance trace/dim. */
	public static MahalanobisScorer of(double[][] means, double[][] covariance, double relativeRidge) {
		int d = covariance.length;
		if (d == 0 || means.length == 0) {
			throw new IllegalArgumentException("need at least one class mean and a non-empty covariance");
		}
		for (double[] row : covariance) {
			if (row.length != d) {
				throw new IllegalArgumentException("covariance must be square, got a row of " + row.length + " for " + d +
					" rows");
			}
		}
		for (double[] m : means) {
			if (m.length != d) {
				throw new IllegalArgumentException("class mean of length " + m.length + " for a " + d +
					"-dimensional covariance");
			}
		}
		if (!(relativeRidge >= 0)) {
			throw new IllegalArgumentException("ridge must be >= 0: " + relativeRidge);
		}
		double[][] s = new double[d][];
		for (int i = 0; i < d; i++) {
			s[i] = covariance[i].clone();
		}
		double mu = trace(s) / d;
		for (int i = 0; i < d; i++) {
			s[i][i] += relativeRidge * mu;
		}
		double[][] m = new double[means.length][];
		for (int c = 0; c < means.length; c++) {
			m[c] = means[c].clone();
		}
		return build(d, new double[d], null, s, m, 0);
	}

	private static MahalanobisScorer build(int dim, double[] centre, double[][] axes, double[][] sigma, double[][] means,
		double shrink)
	{
		double[][][] each = new double[means.length][][];
		Arrays.fill(each, sigma);
		return build(dim, centre, axes, each, means, shrink, false);
	}

	/** @param sigma the covariance of each class (entries may be the same array, which is then factored once) */
	private static MahalanobisScorer build(int dim, double[] centre, double[][] axes, double[][][] sigma,
		double[][] means, double shrink, boolean withLogDet)
	{
		Map<double[][], Factor> factors = new IdentityHashMap<>();
		double[][][] l = new double[means.length][][];
		double[] logDet = new double[means.length];
		double[][] white = new double[means.length][];
		double jitter = 0;
		for (int c = 0; c < means.length; c++) {
			Factor f = factors.computeIfAbsent(sigma[c], MahalanobisScorer::factor);
			jitter = Math.max(jitter, f.jitter());
			l[c] = f.l();
			if (withLogDet) {
				for (int i = 0; i < f.l().length; i++) {
					logDet[c] += 2 * Math.log(f.l()[i][i]);
				}
			}
			white[c] = Double.isNaN(means[c][0]) ? null : LinearAlgebra.forwardSubstitute(f.l(), means[c]);
		}
		return new MahalanobisScorer(dim, centre, axes, l, logDet, 0, withLogDet, white, shrink, jitter).shifted();
	}

	/** The same scorer with every ln det taken relative to the smallest, so that scores stay >= 0. */
	private MahalanobisScorer shifted() {
		double smallest = Arrays.stream(logDet).min().orElse(0);
		double[] rel = new double[logDet.length];
		for (int c = 0; c < rel.length; c++) {
			rel[c] = logDet[c] - smallest;
		}
		return new MahalanobisScorer(dim, centre, axes, cholesky, rel, logDetShift + smallest, perClass, whitenedMeans,
			shrinkage, jitter);
	}

	/**
	 * This per-class scorer with one more class, fitted with its own shrunk covariance to the given unlabelled rows in
	 * the same projection: the last entry of {@link #distances}. Likelihoods of the new and the old classes can then be
	 * compared.
	 *
	 * @param rows row-major [n * dim], n >= 2
	 */
	public MahalanobisScorer withClassFrom(float[] rows) {
		if (!perClass) {
			throw new IllegalStateException("a class of its own needs a scorer with per-class covariances");
		}
		int n = rows.length / dim;
		if (n < 2 || rows.length % dim != 0) {
			throw new IllegalArgumentException("need at least 2 rows of " + dim + " values, got " + rows.length + " values");
		}
		double[][] z = new double[n][];
		int p = cholesky[0].length;
		double[] mean = new double[p];
		for (int r = 0; r < n; r++) {
			z[r] = project(axes, rows, r * dim, dim, centre);
			for (int i = 0; i < p; i++) {
				mean[i] += z[r][i] / n;
			}
		}
		for (double[] row : z) {
			for (int i = 0; i < p; i++) {
				row[i] -= mean[i];
			}
		}
		Factor f = factor(shrunkCovariance(z).sigma());
		double ld = 0;
		for (int i = 0; i < p; i++) {
			ld += 2 * Math.log(f.l()[i][i]);
		}
		int k = whitenedMeans.length;
		double[][][] l = Arrays.copyOf(cholesky, k + 1);
		l[k] = f.l();
		double[] raw = new double[k + 1];
		for (int c = 0; c < k; c++) {
			raw[c] = logDet[c] + logDetShift;
		}
		raw[k] = ld;
		double[][] white = Arrays.copyOf(whitenedMeans, k + 1);
		white[k] = LinearAlgebra.forwardSubstitute(f.l(), mean);
		return new MahalanobisScorer(dim, centre, axes, l, raw, 0, true, white, shrinkage, Math.max(jitter, f.jitter()))
			.shifted();
	}

	/** A Cholesky factor and the diagonal jitter (relative to the mean variance) it needed. */
	private record Factor(double[][] l, double jitter) {}

	private static Factor factor(double[][] sigma) {
		int p = sigma.length;
		double mu = trace(sigma) / p;
		if (!(mu > 0) || !Double.isFinite(mu)) {
			// No spread at all (e.g. one sample per class): fall back to Euclidean distance.
			for (int i = 0; i < p; i++) {
				Arrays.fill(sigma[i], 0);
				sigma[i][i] = 1;
			}
			mu = 1;
		}
		double added = 0;
		double[][] l = LinearAlgebra.cholesky(sigma);
		for (double eps = 1e-10; l == null; eps *= 10) {
			if (eps > 1) {
				throw new IllegalArgumentException("covariance is not positive semi-definite even with a ridge of " +
					"its mean variance (does it hold NaN?)");
			}
			double step = eps * mu - added;
			for (int i = 0; i < p; i++) {
				sigma[i][i] += step;
			}
			added = eps * mu;
			l = LinearAlgebra.cholesky(sigma);
		}
		return new Factor(l, added / mu);
	}

	/** Ledoit-Wolf (2004) shrinkage intensity towards trace(S)/p * I for residual rows r and S = r^T r / n. */
	private static double ledoitWolf(double[][] r, double[][] s) {
		int n = r.length;
		int p = s.length;
		double mu = trace(s) / p;
		double sNorm2 = 0;
		double d2 = 0;
		for (int i = 0; i < p; i++) {
			for (int j = 0; j < p; j++) {
				sNorm2 += s[i][j] * s[i][j];
				double t = s[i][j] - (i == j ? mu : 0);
				d2 += t * t;
			}
		}
		if (!(d2 > 0)) {
			return 1;
		}
		double b2 = 0;
		double[] sx = new double[p];
		for (double[] x : r) {
			double xx = 0;
			for (int i = 0; i < p; i++) {
				xx += x[i] * x[i];
				double v = 0;
				for (int j = 0; j < p; j++) {
					v += s[i][j] * x[j];
				}
				sx[i] = v;
			}
			double xsx = 0;
			for (int i = 0; i < p; i++) {
				xsx += x[i] * sx[i];
			}
			b2 += xx * xx - 2 * xsx + sNorm2;
		}
		b2 /= (double) n * n;
		return Math.min(b2, d2) / d2;
	}

	private static double trace(double[][] s) {
		double t = 0;
		for (int i = 0; i < s.length; i++) {
			t += s[i][i];
		}
		return t;
	}

	/** Coordinates of row values[off..off+dim) minus centre (when given) in the kept axes (or unchanged). */
	private static double[] project(double[][] axes, float[] values, int off, int dim, double[] centre) {
		double[] v = new double[dim];
		for (int i = 0; i < dim; i++) {
			v[i] = values[off + i] - (centre == null ? 0 : centre[i]);
		}
		if (axes == null) {
			return v;
		}
		double[] z = new double[axes.length];
		for (int c = 0; c < axes.length; c++) {
			double[] a = axes[c];
			double s = 0;
			for (int i = 0; i < dim; i++) {
				s += a[i] * v[i];
			}
			z[c] = s;
		}
		return z;
	}

	/**
	 * Squared Mahalanobis distance of latent vector z to every class, plus ln det of the class covariance (less the
	 * smallest over the classes) with PER_CLASS (NaN for classes without fitting data).
	 */
	public double[] distances(float[] z) {
		return distances(z, 0);
	}

	double[] distances(float[] latents, int off) {
		if (latents.length < off + dim) {
			throw new IllegalArgumentException("latent vector too short: need " + dim + " values");
		}
		double[] v = project(axes, latents, off, dim, centre);
		double[] w = null;
		double[][] whitenedWith = null;
		double[] d2 = new double[whitenedMeans.length];
		for (int c = 0; c < d2.length; c++) {
			double[] m = whitenedMeans[c];
			if (m == null) {
				d2[c] = Double.NaN;
				continue;
			}
			if (cholesky[c] != whitenedWith) {
				whitenedWith = cholesky[c];
				w = LinearAlgebra.forwardSubstitute(whitenedWith, v);
			}
			double s = logDet[c];
			for (int i = 0; i < w.length; i++) {
				double t = w[i] - m[i];
				s += t * t;
			}
			d2[c] = s;
		}
		return d2;
	}

	/** The OOD score of one latent vector: the smallest of {@link #distances}. */
	public double score(float[] z) {
		return min(distances(z, 0));
	}

	/** Scores of every row of a row-major [n * dim] array of latent vectors. */
	public double[] scores(float[] latents) {
		if (latents.length % dim != 0) {
			throw new IllegalArgumentException("latent array of " + latents.length + " values is not a multiple of " +
				"the dimension " + dim);
		}
		return IntStream.range(0, latents.length / dim).parallel().mapToDouble(r -> min(distances(latents, r * dim)))
			.toArray();
	}

	/** Index of the class whose mean is nearest to z. */
	public int nearestClass(float[] z) {
		double[] d = distances(z, 0);
		int best = -1;
		for (int c = 0; c < d.length; c++) {
			if (!Double.isNaN(d[c]) && (best < 0 || d[c] < d[best])) {
				best = c;
			}
		}
		return best;
	}

	private static double min(double[] d) {
		double m = Double.POSITIVE_INFINITY;
		for (double v : d) {
			if (v < m) {
				m = v;
			}
		}
		return m;
	}

	/** Dimension of the latent vectors the scorer takes. */
	public int dim() {
		return dim;
	}

	/** Number of principal components the latents are projected onto, or 0 when they are used as they are. */
	public int components() {
		return axes == null ? 0 : axes.length;
	}

	/** Ledoit-Wolf shrinkage intensity used by {@link #fit} (0 for {@link #of}). */
	public double shrinkage() {
		return shrinkage;
	}

	/** Jitter that had to be added to the diagonal for Cholesky, relative to the mean variance (usually 0). */
	public double jitter() {
		return jitter;
	}
}
