package org.astrobridge.ood;

import java.util.SplittableRandom;

/** The few dense linear-algebra routines the scorers need (no dependency for them). Matrices are double[row][col]. */
final class LinearAlgebra {

	private LinearAlgebra() {}

	/** Lower-triangular L with L L^T = a, or null when a is not numerically positive definite. */
	static double[][] cholesky(double[][] a) {
		int n = a.length;
		double[][] l = new double[n][n];
		for (int i = 0; i < n; i++) {
			double[] li = l[i];
			for (int j = 0; j <= i; j++) {
				double[] lj = l[j];
				double s = a[i][j];
				for (int k = 0; k < j; k++) {
					s -= li[k] * lj[k];
				}
				if (i == j) {
					if (!(s > 0)) {
						return null;
					}
					li[i] = Math.sqrt(s);
				}
				else {
					li[j] = s / lj[j];
				}
			}
		}
		return l;
	}

	/** Solves L y = b for lower-triangular L. */
	static double[] forwardSubstitute(double[][] l, double[] b) {
		int n = b.length;
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			double[] li = l[i];
			double s = b[i];
			for (int k = 0; k < i; k++) {
				s -= li[k] * y[k];
			}
			y[i] = s / li[i];
		}
		return y;
	}

	/**
	 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (fine for the small matrices used here).
	 * Returns eigenvalues in descending order; vectors[i] is the eigenvector of values[i].
	 */
	static Eigen symmetricEigen(double[][] input) {
		int n = input.length;
		double[][] a = new double[n][];
		for (int i = 0; i < n; i++) {
			a[i] = input[i].clone();
		}
		double[][] v = new double[n][n];
		for (int i = 0; i < n; i++) {
			v[i][i] = 1;
		}
		for (int sweep = 0; sweep < 100; sweep++) {
			double off = 0;
			double diag = 0;
			for (int i = 0; i < n; i++) {
				diag += a[i][i] * a[i][i];
				for (int j = i + 1; j < n; j++) {
					off += a[i][j] * a[i][j];
				}
			}
			if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
				break;
			}
			for (int p = 0; p < n; p++) {
				for (int q = p + 1; q < n; q++) {
					double apq = a[p][q];
					if (apq == 0) {
						continue;
					}
					double tau = (a[q][q] - a[p][p]) / (2 * apq);
					double t = Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
					if (tau == 0) {
						t = 1;
					}
					double c = 1 / Math.sqrt(1 + t * t);
					double s = t * c;
					for (int k = 0; k < n; k++) {
						double akp = a[k][p];
						double akq = a[k][q];
						a[k][p] = c * akp - s * akq;
						a[k][q] = s * akp + c * akq;
					}
					for (int k = 0; k < n; k++) {
						double apk = a[p][k];
						double aqk = a[q][k];
						a[p][k] = c * apk - s * aqk;
						a[q][k] = s * apk + c * aqk;
					}
					for (int k = 0; k < n; k++) {
						double vkp = v[k][p];
						double vkq = v[k][q];
						v[k][p] = c * vkp - s * vkq;
						v[k][q] = s * vkp + c * vkq;
					}
				}
			}
		}
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
		double[] values = new double[n];
		double[][] vectors = new double[n][n];
		for (int r = 0; r < n; r++) {
			int i = order[r];
			values[r] = a[i][i];
			for (int k = 0; k < n; k++) {
				vectors[r][k] = v[k][i];
			}
		}
		return new Eigen(values, vectors);
	}

	record Eigen(double[] values, double[][] vectors) {}

	/**
	 * Top principal axes of the rows of x (n x d, already centred) by randomized subspace iteration (Halko, Martinsson
	 * and Tropp 2011): a seeded random block of k+10 vectors, a few power iterations with re-orthonormalisation, then
	 * Rayleigh-Ritz. Returns axes[k][d] (unit vectors, descending variance) and their variances (divided by n-1).
	 */
	static Eigen principalAxes(float[] x, int n, int d, int k, long seed) {
		int m = Math.min(Math.min(k + 10, d), n);
		SplittableRandom rnd = new SplittableRandom(seed);
		double[][] q = new double[m][d];
		for (double[] col : q) {
			for (int i = 0; i < d; i++) {
				col[i] = rnd.nextDouble() - 0.5;
			}
		}
		orthonormalise(q);
		for (int it = 0; it < 5; it++) {
			q = transposeTimes(x, n, d, times(x, n, d, q));
			orthonormalise(q);
		}
		double[][] y = times(x, n, d, q);
		double[][] b = new double[m][m];
		for (int i = 0; i < m; i++) {
			for (int j = i; j < m; j++) {
				double s = 0;
				for (int r = 0; r < n; r++) {
					s += y[i][r] * y[j][r];
				}
				b[i][j] = s;
				b[j][i] = s;
			}
		}
		Eigen small = symmetricEigen(b);
		int keep = Math.min(k, m);
		double[][] axes = new double[keep][d];
		double[] variances = new double[keep];
		for (int c = 0; c < keep; c++) {
			variances[c] = Math.max(0, small.values()[c]) / Math.max(1, n - 1);
			double[] w = small.vectors()[c];
			for (int j = 0; j < m; j++) {
				double wj = w[j];
				double[] qj = q[j];
				for (int i = 0; i < d; i++) {
					axes[c][i] += wj * qj[i];
				}
			}
		}
		return new Eigen(variances, axes);
	}

	/** x (n x d) times the columns q (m of length d): m columns of length n. */
	private static double[][] times(float[] x, int n, int d, double[][] q) {
		int m = q.length;
		double[][] y = new double[m][n];
		java.util.stream.IntStream.range(0, n).parallel().forEach(r -> {
			int off = r * d;
			for (int j = 0; j < m; j++) {
				double[] qj = q[j];
				double s = 0;
				for (int i = 0; i < d; i++) {
					s += x[off + i] * qj[i];
				}
				y[j][r] = s;
			}
		});
		return y;
	}

	/** x^T (d x n) times the columns y (m of length n): m columns of length d. */
	private static double[][] transposeTimes(float[] x, int n, int d, double[][] y) {
		int m = y.length;
		double[][] z = new double[m][d];
		java.util.stream.IntStream.range(0, m).parallel().forEach(j -> {
			double[] zj = z[j];
			double[] yj = y[j];
			for (int r = 0; r < n; r++) {
				double w = yj[r];
				int off = r * d;
				for (int i = 0; i < d; i++) {
					zj[i] += w * x[off + i];
				}
			}
		});
		return z;
	}

	/** Modified Gram-Schmidt on the vectors in place; a vector that becomes (numerically) zero is set to zero. */
	static void orthonormalise(double[][] cols) {
		for (int j = 0; j < cols.length; j++) {
			double[] c = cols[j];
			for (int p = 0; p < j; p++) {
				double[] b = cols[p];
				double dot = 0;
				for (int i = 0; i < c.length; i++) {
					dot += c[i] * b[i];
				}
				for (int i = 0; i < c.length; i++) {
					c[i] -= dot * b[i];
				}
			}
			double norm = 0;
			for (double v : c) {
				norm += v * v;
			}
			norm = Math.sqrt(norm);
			for (int i = 0; i < c.length; i++) {
				c[i] = norm > 1e-300 ? c[i] / norm : 0;
			}
		}
	}
}
