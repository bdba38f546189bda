package org.astrobridge.sim;

/** Lawson-Hanson non-negative least squares, for the small profile fits of {@link GaussianMixture}. */
final class Nnls {

	private Nnls() {}

	/** Minimises |A x - y| subject to x &gt;= 0. */
	static double[] solve(double[][] a, double[] y) {
		int m = a.length, n = a[0].length;
		double[][] ata = new double[n][n];
		double[] aty = new double[n];
		for (int r = 0; r < m; r++) {
			for (int i = 0; i < n; i++) {
				aty[i] += a[r][i] * y[r];
				for (int j = 0; j < n; j++)
					ata[i][j] += a[r][i] * a[r][j];
			}
		}
		boolean[] passive = new boolean[n];
		double[] x = new double[n];
		for (int outer = 0; outer < 3 * n; outer++) {
			double[] w = gradient(ata, aty, x);
			int best = -1;
			double bestW = 1e-12 * norm(aty);
			for (int i = 0; i < n; i++) {
				if (!passive[i] && w[i] > bestW) {
					bestW = w[i];
					best = i;
				}
			}
			if (best < 0) break;
			passive[best] = true;
			for (int inner = 0; inner < 3 * n; inner++) {
				double[] z = solvePassive(ata, aty, passive);
				boolean ok = true;
				for (int i = 0; i < n; i++)
					if (passive[i] && z[i] <= 0) ok = false;
				if (ok) {
					x = z;
					break;
				}
				double alpha = 1;
				for (int i = 0; i < n; i++) {
					if (passive[i] && z[i] <= 0) alpha = Math.min(alpha, x[i] / (x[i] - z[i]));
				}
				for (int i = 0; i < n; i++) {
					x[i] += alpha * (z[i] - x[i]);
					if (passive[i] && x[i] <= 1e-15) {
						passive[i] = false;
						x[i] = 0;
					}
				}
			}
		}
		return x;
	}

	private static double[] gradient(double[][] ata, double[] aty, double[] x) {
		int n = x.length;
		double[] w = new double[n];
		for (int i = 0; i < n; i++) {
			double s = aty[i];
			for (int j = 0; j < n; j++)
				s -= ata[i][j] * x[j];
			w[i] = s;
		}
		return w;
	}

	private static double norm(double[] v) {
		double s = 0;
		for (double d : v)
			s += d * d;
		return Math.sqrt(s);
	}

	/** Solves the normal equations restricted to the passive set (Gaussian elimination with partial pivoting). */
	private static double[] solvePassive(double[][] ata, double[] aty, boolean[] passive) {
		int n = passive.length, p = 0;
		int[] idx = new int[n];
		for (int i = 0; i < n; i++)
			if (passive[i]) idx[p++] = i;
		double[][] m = new double[p][p + 1];
		for (int i = 0; i < p; i++) {
			for (int j = 0; j < p; j++)
				m[i][j] = ata[idx[i]][idx[j]];
			m[i][i] *= 1 + 1e-12;
			m[i][p] = aty[idx[i]];
		}
		for (int c = 0; c < p; c++) {
			int piv = c;
			for (int r = c + 1; r < p; r++)
				if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
			double[] t = m[c];
			m[c] = m[piv];
			m[piv] = t;
			for (int r = c + 1; r < p; r++) {
				double f = m[r][c] / m[c][c];
				for (int j = c; j <= p; j++)
					m[r][j] -= f * m[c][j];
			}
		}
		double[] sol = new double[p];
		for (int r = p - 1; r >= 0; r--) {
			double s = m[r][p];
			for (int j = r + 1; j < p; j++)
				s -= m[r][j] * sol[j];
			sol[r] = s / m[r][r];
		}
		double[] z = new double[n];
		for (int i = 0; i < p; i++)
			z[idx[i]] = sol[i];
		return z;
	}
}
