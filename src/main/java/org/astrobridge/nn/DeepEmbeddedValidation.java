package org.astrobridge.nn;

import org.astrobridge.latent.Pca;

/**
 * Label-free model selection by deep embedded validation (DEV; You, Wang, Long and Jordan 2019): the target risk of a
 * model is estimated from its loss on labelled source validation stamps, each weighted by the density ratio
 * p_target(z)/p_source(z) of its latent vector z, with a control variate that removes most of the weights' variance.
 * The density ratio comes from a domain classifier: logistic regression (Newton steps, small ridge) on the leading
 * principal components of the pooled latent vectors, standardised. Lower risk is better; candidates are compared on the
 * same source validation and target stamps. No target label is read.
 */
public final class DeepEmbeddedValidation {

	/** Principal components the domain classifier sees; few enough that it does not memorise the stamps. */
	static final int COMPONENTS = 16;
	private static final double RIDGE = 1e-3;
	private static final int NEWTON_STEPS = 25;

	private DeepEmbeddedValidation() {}

	/**
	 * @param sourceVal the model's predictions on labelled source stamps it was not trained on
	 * @param labels their labels
	 * @param target the model's predictions on unlabelled target stamps
	 * @return the DEV estimate of the target cross-entropy
	 */
	public static double risk(Prediction sourceVal, int[] labels, Prediction target, long seed) {
		int ns = sourceVal.count(), nt = target.count(), d = sourceVal.latentDim();
		if (ns < 2 || nt < 2) throw new IllegalArgumentException(
			"DEV needs at least 2 source validation and 2 target stamps, got " + ns + " and " + nt);
		if (labels.length != ns) throw new IllegalArgumentException(labels.length + " labels for " + ns +
			" source validation stamps");
		double[] w = densityRatios(sourceVal.latents(), ns, target.latents(), nt, d, seed);
		double[] loss = new double[ns];
		for (int i = 0; i < ns; i++)
			loss[i] = w[i] * -Math.log(Math.max(1e-7, sourceVal.probability(i, labels[i])));
		return controlVariate(loss, w);
	}

	/** mean(L) + eta (mean(w) - 1) with eta = -cov(L, w) / var(w): the weights' known mean of 1 corrects the estimate. */
	static double controlVariate(double[] weightedLoss, double[] w) {
		int n = w.length;
		double mL = 0, mW = 0;
		for (int i = 0; i < n; i++) {
			mL += weightedLoss[i] / n;
			mW += w[i] / n;
		}
		double cov = 0, var = 0;
		for (int i = 0; i < n; i++) {
			cov += (weightedLoss[i] - mL) * (w[i] - mW) / (n - 1);
			var += (w[i] - mW) * (w[i] - mW) / (n - 1);
		}
		double eta = var > 0 ? -cov / var : 0;
		return mL + eta * mW - eta;
	}

	/** (ns/nt) p(target|z)/p(source|z) for each source row, from a logistic domain classifier on principal components. */
	static double[] densityRatios(float[] source, int ns, float[] target, int nt, int d, long seed) {
		int n = ns + nt, k = Math.min(COMPONENTS, d);
		float[] pooled = new float[n * d];
		System.arraycopy(source, 0, pooled, 0, ns * d);
		System.arraycopy(target, 0, pooled, ns * d, nt * d);
		double[][] z = Pca.fit(pooled, n, d, k, seed).project(pooled, n);
		// standardise, then a constant column for the intercept
		double[][] x = new double[n][k + 1];
		for (int j = 0; j < k; j++) {
			double m = 0, s = 0;
			for (int i = 0; i < n; i++)
				m += z[i][j] / n;
			for (int i = 0; i < n; i++)
				s += (z[i][j] - m) * (z[i][j] - m) / n;
			double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
			for (int i = 0; i < n; i++)
				x[i][j] = (z[i][j] - m) * inv;
		}
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			x[i][k] = 1;
			y[i] = i < ns ? 0 : 1;
		}
		double[] beta = logistic(x, y);
		double[] w = new double[ns];
		for (int i = 0; i < ns; i++) {
			double p = Math.min(1 - 1e-3, Math.max(1e-3, sigmoid(dot(x[i], beta))));
			w[i] = (double) ns / nt * p / (1 - p);
		}
		return w;
	}

	/** Ridge-regularised logistic regression by Newton's method; returns the coefficients. */
	static double[] logistic(double[][] x, double[] y) {
		int n = x.length, p = x[0].length;
		double[] beta = new double[p];
		for (int step = 0; step < NEWTON_STEPS; step++) {
			double[] grad = new double[p];
			double[][] hess = new double[p][p];
			for (int a = 0; a < p; a++) {
				grad[a] = -RIDGE * n * beta[a];
				hess[a][a] = RIDGE * n;
			}
			for (int i = 0; i < n; i++) {
				double mu = sigmoid(dot(x[i], beta)), wgt = mu * (1 - mu);
				for (int a = 0; a < p; a++) {
					grad[a] += (y[i] - mu) * x[i][a];
					for (int b = 0; b <= a; b++)
						hess[a][b] += wgt * x[i][a] * x[i][b];
				}
			}
			for (int a = 0; a < p; a++)
				for (int b = a + 1; b < p; b++)
					hess[a][b] = hess[b][a];
			double[] delta = solve(hess, grad);
			double change = 0;
			for (int a = 0; a < p; a++) {
				beta[a] += delta[a];
				change = Math.max(change, Math.abs(delta[a]));
			}
			if (change < 1e-8) break;
		}
		return beta;
	}

	/** Solves a x = b for a symmetric positive-definite a by Gaussian elimination with partial pivoting. */
	static double[] solve(double[][] a0, double[] b0) {
		int p = b0.length;
		double[][] a = new double[p][];
		for (int i = 0; i < p; i++)
			a[i] = a0[i].clone();
		double[] b = b0.clone();
		for (int c = 0; c < p; c++) {
			int piv = c;
			for (int r = c + 1; r < p; r++)
				if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
			double[] t = a[c];
			a[c] = a[piv];
			a[piv] = t;
			double tb = b[c];
			b[c] = b[piv];
			b[piv] = tb;
			for (int r = c + 1; r < p; r++) {
				double f = a[r][c] / a[c][c];
				for (int q = c; q < p; q++)
					a[r][q] -= f * a[c][q];
				b[r] -= f * b[c];
			}
		}
		double[] out = new double[p];
		for (int r = p - 1; r >= 0; r--) {
			double s = b[r];
			for (int q = r + 1; q < p; q++)
				s -= a[r][q] * out[q];
			out[r] = s / a[r][r];
		}
		return out;
	}

	private static double sigmoid(double v) {
		return 1 / (1 + Math.exp(-v));
	}

	private static double dot(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++)
			s += a[i] * b[i];
		return s;
	}
}
