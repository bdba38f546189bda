package org.astrobridge.detect;

/**
 * Bicubic interpolation of a mesh grid as SExtractor does it: a natural spline along y through each mesh column, and
 * for every image row a natural spline along x through the column splines' values at that row.
 * <p>
 * The per-row work depends on the number of mesh columns, not on the rectangle asked for, and every tile repeats it for
 * its rows; it is therefore laid out to be cheap: the column splines are stored by mesh row so that one row's column
 * values are a single pass over four arrays, the y segment is found once per row instead of once per column, and the x
 * solve reuses everything that depends only on the mesh centres ({@link Spline.Solver}). The arithmetic of each value
 * is unchanged, so the maps are bit-identical whatever the rectangle.
 */
final class SplineSurface {

	private final double[] xc;
	private final double[] yc;
	private final int nx;
	private final int ny;
	/** values[m][k]: the mesh value in mesh row m, column k. */
	private final double[][] values;
	/** curv[m][k]: second derivative along y of column k's spline at mesh row m. */
	private final double[][] curv;
	/** Per column, the slopes of the linear continuation below the first and above the last mesh row. */
	private final double[] slopeBelow;
	private final double[] slopeAbove;
	private final Spline.Solver rowSolver;

	/** @param grid mesh values, row-major (index m * xc.length + k) */
	SplineSurface(double[] xc, double[] yc, float[] grid) {
		this.xc = xc;
		this.yc = yc;
		nx = xc.length;
		ny = yc.length;
		values = new double[ny][nx];
		curv = new double[ny][nx];
		slopeBelow = new double[nx];
		slopeAbove = new double[nx];
		double[] col = new double[ny];
		for (int k = 0; k < nx; k++) {
			for (int m = 0; m < ny; m++) {
				col[m] = grid[m * nx + k];
				values[m][k] = col[m];
			}
			double[] col2 = Spline.secondDerivatives(yc, col);
			for (int m = 0; m < ny; m++) {
				curv[m][k] = col2[m];
			}
			if (ny >= 2) {
				slopeBelow[k] = Spline.slopeLeft(yc, col, col2);
				slopeAbove[k] = Spline.slopeRight(yc, col, col2);
			}
		}
		rowSolver = new Spline.Solver(xc);
	}

	/**
	 * The row splines (column values and their second derivatives along x) of one band of image rows, kept by one thread
	 * for its next rectangle in the same band: the tiles of a tile row all ask for the same rows, and solving a row's
	 * spline through every mesh column costs about 40 % as much as evaluating it over a tile's width (16384 px wide
	 * image, 64 px meshes, 2304 px wide tiles), so without this the interpolation cost per pixel would grow with the
	 * image width.
	 */
	static final class Band {

		private SplineSurface surface;
		private int y0;
		private int rows;
		private int columns;
		private double[][] node = new double[0][];
		private double[][] node2 = new double[0][];
	}

	/**
	 * Values for the rectangle [x0, x0+rw) x [y0, y0+rh) into out, row-major with rw values per row.
	 *
	 * @param band the row splines of the last band asked for with it (reused when it is this band, else replaced); null
	 *          to compute them row by row without keeping them
	 */
	void fill(int x0, int y0, int rw, int rh, float[] out, Band band) {
		double[] scratch = new double[nx];
		if (band == null) {
			double[] node = new double[nx];
			double[] node2 = new double[nx];
			for (int r = 0; r < rh; r++) {
				columnsAt(y0 + r, node);
				rowSolver.secondDerivatives(node, node2, scratch);
				Spline.evalRange(xc, node, node2, x0, rw, out, r * rw);
			}
			return;
		}
		if (band.surface != this || band.y0 != y0 || band.rows != rh) {
			if (band.node.length < rh || band.columns != nx) {
				band.columns = nx;
				band.node = new double[rh][nx];
				band.node2 = new double[rh][nx];
			}
			for (int r = 0; r < rh; r++) {
				columnsAt(y0 + r, band.node[r]);
				rowSolver.secondDerivatives(band.node[r], band.node2[r], scratch);
			}
			band.surface = this;
			band.y0 = y0;
			band.rows = rh;
		}
		for (int r = 0; r < rh; r++) {
			Spline.evalRange(xc, band.node[r], band.node2[r], x0, rw, out, r * rw);
		}
	}

	/** Every column spline at row t (the same expressions as {@link Spline}'s 1-D evaluation). */
	private void columnsAt(double t, double[] node) {
		if (ny == 1) {
			System.arraycopy(values[0], 0, node, 0, nx);
			return;
		}
		if (t <= yc[0]) {
			double[] v = values[0];
			for (int k = 0; k < nx; k++) {
				node[k] = v[k] + slopeBelow[k] * (t - yc[0]);
			}
			return;
		}
		if (t >= yc[ny - 1]) {
			double[] v = values[ny - 1];
			for (int k = 0; k < nx; k++) {
				node[k] = v[k] + slopeAbove[k] * (t - yc[ny - 1]);
			}
			return;
		}
		int lo = 0;
		int hi = ny - 1;
		while (hi - lo > 1) {
			int mid = (lo + hi) >>> 1;
			if (yc[mid] > t) {
				hi = mid;
			}
			else {
				lo = mid;
			}
		}
		double h = yc[lo + 1] - yc[lo];
		double a = (yc[lo + 1] - t) / h;
		double b = (t - yc[lo]) / h;
		double a3 = a * a * a - a;
		double b3 = b * b * b - b;
		double hh = h * h;
		double[] v0 = values[lo];
		double[] v1 = values[lo + 1];
		double[] c0 = curv[lo];
		double[] c1 = curv[lo + 1];
		for (int k = 0; k < nx; k++) {
			node[k] = a * v0[k] + b * v1[k] + (a3 * c0[k] + b3 * c1[k]) * hh / 6.0;
		}
	}
}
