package org.astrobridge.detect;

/**
 * Natural cubic splines through mesh centres, continued linearly (with the end slope) beyond the first and last node,
 * so a background gradient is followed into the outer half meshes.
 */
final class Spline {

	private Spline() {}

	/** Second derivatives of the natural cubic spline through (x[k], y[k]); all zero for fewer than 3 nodes. */
	static double[] secondDerivatives(double[] x, double[] y) {
		double[] y2 = new double[x.length];
		new Solver(x).secondDerivatives(y, y2, new double[x.length]);
		return y2;
	}

	/**
	 * The tridiagonal solve for the second derivatives with everything that depends only on the nodes' x computed once:
	 * the background solves it for every image row, always through the same mesh centres. Each value comes from the same
	 * operations on the same operands as in the textbook sweep (an interval's slope is divided out once and used for both
	 * its nodes), so the results are bit-identical to it.
	 */
	static final class Solver {

		private final int n;
		private final double[] sig;
		private final double[] p;
		private final double[] w;
		private final double[] dx;
		private final double[] dx2;

		Solver(double[] x) {
			n = x.length;
			sig = new double[n];
			p = new double[n];
			w = new double[n];
			dx = new double[n];
			dx2 = new double[n];
			for (int i = 0; i < n - 1; i++) {
				dx[i] = x[i + 1] - x[i];
			}
			for (int i = 1; i < n - 1; i++) {
				dx2[i] = x[i + 1] - x[i - 1];
				sig[i] = (x[i] - x[i - 1]) / dx2[i];
				p[i] = sig[i] * w[i - 1] + 2.0;
				w[i] = (sig[i] - 1.0) / p[i];
			}
		}

		/** Writes the second derivatives through y into y2; u is scratch of the same length. */
		void secondDerivatives(double[] y, double[] y2, double[] u) {
			if (n < 3) {
				java.util.Arrays.fill(y2, 0, n, 0.0);
				return;
			}
			u[0] = 0;
			// Each interval's slope enters the second difference of both of its nodes: divide once.
			double left = (y[1] - y[0]) / dx[0];
			for (int i = 1; i < n - 1; i++) {
				double right = (y[i + 1] - y[i]) / dx[i];
				double d = right - left;
				u[i] = (6.0 * d / dx2[i] - sig[i] * u[i - 1]) / p[i];
				left = right;
			}
			y2[n - 1] = 0;
			for (int k = n - 2; k >= 0; k--) {
				y2[k] = w[k] * y2[k + 1] + u[k];
			}
		}
	}

	/** Evaluates at t = t0, t0+1, ..., t0+count-1 into out[off...]. */
	static void evalRange(double[] x, double[] y, double[] y2, int t0, int count, float[] out, int off) {
		int n = x.length;
		int c = 0;
		// Left of the first node, then each segment as a cubic in u = t - x[k], then right of the last node. Each
		// piece's end is counted up front (for an integer t, t <= x is t < floor(x) + 1 and t < x is t < ceil(x)) so
		// that the per-pixel loops have plain integer bounds.
		int end = n == 1 ? count : Math.min(count, (int) Math.floor(x[0]) + 1 - t0);
		for (; c < end; c++) {
			out[off + c] = (float) outside(x, y, y2, t0 + c);
		}
		for (int k = 0; k < n - 1 && c < count; k++) {
			double xk = x[k];
			double h = x[k + 1] - xk;
			double c1 = (y[k + 1] - y[k]) / h - h * (2 * y2[k] + y2[k + 1]) / 6.0;
			double c2 = 0.5 * y2[k];
			double c3 = (y2[k + 1] - y2[k]) / (6.0 * h);
			double yk = y[k];
			end = Math.min(count, (int) Math.ceil(x[k + 1]) - t0);
			for (; c < end; c++) {
				double u = t0 + c - xk;
				out[off + c] = (float) (yk + u * (c1 + u * (c2 + u * c3)));
			}
		}
		for (; c < count; c++) {
			out[off + c] = (float) outside(x, y, y2, t0 + c);
		}
	}

	/** Slope of the linear continuation left of x[0] (n >= 2). */
	static double slopeLeft(double[] x, double[] y, double[] y2) {
		double h = x[1] - x[0];
		return (y[1] - y[0]) / h - h * (2 * y2[0] + y2[1]) / 6.0;
	}

	/** Slope of the linear continuation right of x[n-1] (n >= 2). */
	static double slopeRight(double[] x, double[] y, double[] y2) {
		int n = x.length;
		double h = x[n - 1] - x[n - 2];
		return (y[n - 1] - y[n - 2]) / h + h * (y2[n - 2] + 2 * y2[n - 1]) / 6.0;
	}

	private static double outside(double[] x, double[] y, double[] y2, double t) {
		int n = x.length;
		if (n == 1) {
			return y[0];
		}
		if (t <= x[0]) {
			return y[0] + slopeLeft(x, y, y2) * (t - x[0]);
		}
		return y[n - 1] + slopeRight(x, y, y2) * (t - x[n - 1]);
	}
}
