package org.astrobridge.latent;

import java.util.SplittableRandom;

/**
 * Principal component analysis of row vectors by block power (subspace) iteration on X^T X, X the centred data: no d x
 * d covariance is formed, so it is linear in n d per iteration and fine for latent vectors of a few thousand
 * dimensions. The start block is seeded; iteration stops when the leading subspace no longer turns (change of the
 * orthonormal block below 1e-10) or after 500 iterations. Component signs are fixed so that the largest-magnitude entry
 * of each axis is positive, which makes the embedding reproducible.
 */
public final class Pca {

	private final double[] mean;
	private final double[][] axes;
	private final double[] variances;

	private Pca(double[] mean, double[][] axes, double[] variances) {
		this.mean = mean;
		this.axes = axes;
		this.variances = variances;
	}

	/** Fits {@code k} components to n rows of dimension d stored row-major in {@code x}. */
	public static Pca fit(float[] x, int n, int d, int k, long seed) {
		if (n < 1 || d < 1) throw new IllegalArgumentException("PCA needs at least one vector of dimension >= 1");
		if (x.length != (long) n * d) throw new IllegalArgumentException(x.length + " values do not make " + n +
			" vectors of dimension " + d);
		if (k < 1 || k > d) throw new IllegalArgumentException("PCA: " + k + " components requested for dimension " + d);
		double[] mean = new double[d];
		for (int r = 0; r < n; r++)
			for (int i = 0; i < d; i++)
				mean[i] += x[r * d + i];
		for (int i = 0; i < d; i++)
			mean[i] /= n;
		double[][] c = new double[n][d];
		for (int r = 0; r < n; r++)
			for (int i = 0; i < d; i++)
				c[r][i] = x[r * d + i] - mean[i];

		SplittableRandom random = new SplittableRandom(seed);
		double[][] q = new double[k][d];
		for (double[] v : q)
			for (int i = 0; i < d; i++)
				v[i] = random.nextDouble() - 0.5;
		orthonormalise(q);
		for (int it = 0; it < 500; it++) {
			double[][] next = new double[k][];
			for (int a = 0; a < k; a++)
				next[a] = gram(c, q[a]);
			orthonormalise(next);
			double change = 0;
			for (int a = 0; a < k; a++)
				for (int i = 0; i < d; i++)
					change = Math.max(change, Math.abs(Math.abs(next[a][i]) - Math.abs(q[a][i])));
			q = next;
			if (change < 1e-10) break;
		}
		// Rayleigh-Ritz within the block so that the axes come out ordered by variance and not mixed
		double[][] b = new double[k][k];
		double[][] cq = new double[k][];
		for (int a = 0; a < k; a++)
			cq[a] = gram(c, q[a]);
		for (int a = 0; a < k; a++)
			for (int e = 0; e < k; e++)
				b[a][e] = dot(q[a], cq[e]);
		double[][] rot = jacobi(b);
		double[][] axes = new double[k][d];
		double[] variances = new double[k];
		for (int a = 0; a < k; a++) {
			for (int e = 0; e < k; e++)
				for (int i = 0; i < d; i++)
					axes[a][i] += rot[a][e] * q[e][i];
			variances[a] = dot(axes[a], gram(c, axes[a])) / Math.max(1, n - 1);
			int big = 0;
			for (int i = 1; i < d; i++)
				if (Math.abs(axes[a][i]) > Math.abs(axes[a][big])) big = i;
			if (axes[a][big] < 0) for (int i = 0; i < d; i++)
				axes[a][i] = -axes[a][i];
		}
		return new Pca(mean, axes, variances);
	}

	/** Unit principal axes, largest variance first. */
	public double[][] axes() {
		double[][] out = new double[axes.length][];
		for (int a = 0; a < axes.length; a++)
			out[a] = axes[a].clone();
		return out;
	}

	/** Variance of the data along each axis (divided by n - 1). */
	public double[] variances() {
		return variances.clone();
	}

	/** Coordinates of n rows along the axes: out[r][a]. */
	public double[][] project(float[] x, int n) {
		int d = mean.length;
		if (x.length != (long) n * d) throw new IllegalArgumentException(x.length + " values do not make " + n +
			" vectors of dimension " + d);
		double[][] out = new double[n][axes.length];
		for (int r = 0; r < n; r++)
			for (int a = 0; a < axes.length; a++) {
				double s = 0;
				for (int i = 0; i < d; i++)
					s += (x[r * d + i] - mean[i]) * axes[a][i];
				out[r][a] = s;
			}
		return out;
	}

	/** C^T (C v) for the centred rows C. */
	private static double[] gram(double[][] c, double[] v) {
		double[] out = new double[v.length];
		for (double[] row : c) {
			double s = dot(row, v);
			for (int i = 0; i < v.length; i++)
				out[i] += s * row[i];
		}
		return out;
	}

	private static double dot(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++)
			s += a[i] * b[i];
		return s;
	}

	private static void orthonormalise(double[][] v) {
		for (int a = 0; a < v.length; a++) {
			for (int e = 0; e < a; e++) {
				double p = dot(v[a], v[e]);
				for (int i = 0; i < v[a].length; i++)
					v[a][i] -= p * v[e][i];
			}
			double norm = Math.sqrt(dot(v[a], v[a]));
			for (int i = 0; i < v[a].length; i++)
				v[a][i] = norm > 1e-300 ? v[a][i] / norm : 0;
		}
	}

	/** Eigenvectors (rows, descending eigenvalue) of a small symmetric matrix by cyclic Jacobi rotations. */
	private static double[][] jacobi(double[][] input) {
		int k = input.length;
		double[][] a = new double[k][];
		for (int i = 0; i < k; i++)
			a[i] = input[i].clone();
		double[][] v = new double[k][k];
		for (int i = 0; i < k; i++)
			v[i][i] = 1;
		for (int sweep = 0; sweep < 50; sweep++)
			for (int p = 0; p < k; p++)
				for (int r = p + 1; r < k; r++) {
					if (Math.abs(a[p][r]) < 1e-300) continue;
					double theta = 0.5 * Math.atan2(2 * a[p][r], a[r][r] - a[p][p]), cs = Math.cos(theta), sn = Math.sin(theta);
					for (int i = 0; i < k; i++) {
						double ip = a[i][p], ir = a[i][r];
						a[i][p] = cs * ip - sn * ir;
						a[i][r] = sn * ip + cs * ir;
					}
					for (int i = 0; i < k; i++) {
						double pi = a[p][i], ri = a[r][i];
						a[p][i] = cs * pi - sn * ri;
						a[r][i] = sn * pi + cs * ri;
					}
					for (int i = 0; i < k; i++) {
						double ip = v[i][p], ir = v[i][r];
						v[i][p] = cs * ip - sn * ir;
						v[i][r] = sn * ip + cs * ir;
					}
				}
		Integer[] order = new Integer[k];
		for (int i = 0; i < k; i++)
			order[i] = i;
		java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
		double[][] out = new double[k][k];
		for (int r = 0; r < k; r++)
			for (int i = 0; i < k; i++)
				out[r][i] = v[i][order[r]];
		return out;
	}
}
