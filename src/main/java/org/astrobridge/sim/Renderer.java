package org.astrobridge.sim;

import java.util.List;

/**
 * Renders components, noise-free, into float planes (nanomaggies per pixel) for one domain. Every Gaussian is convolved
 * analytically with every Gaussian of the PSF and integrated over the pixel by adding the box variance of 1/12 pixel^2,
 * then evaluated with a running product (three exp calls per row), so the cost does not depend on a supersampling
 * factor. Lensed sources are ray-traced on a supersampled grid instead. Thread-safe: instances hold only immutable
 * state.
 */
public final class Renderer {

	/**
	 * Each Gaussian is evaluated out to k sigma, with k chosen so that the flux it leaves out is at most this fraction of
	 * its object's r flux: faint wings of faint pieces cost little time and lose almost nothing.
	 */
	private static final double LOST_FLUX = 1e-5;

	private final Domain domain;
	private final int[] bands;
	private final double pixel;
	private final double[] psfWeights;
	private final double[] psfVar; // arcsec^2
	private final double mergeVar; // source Gaussians narrower than this are merged (arcsec^2)
	private final double mergeBlur; // variance of the PSF's main Gaussian plus the pixel (arcsec^2)
	/** Blobs merge while their centres spread by less than this fraction of (finest blob variance + blur). */
	private static final double MERGE_TOLERANCE = 0.05;

	/** @param bands indices into g, r, i of the planes this renderer fills (see {@link Bands#select}) */
	public Renderer(Domain domain, int[] bands) {
		this.domain = domain;
		this.bands = bands.clone();
		this.pixel = domain.pixelScale();
		GaussianMixture psf = domain.psf();
		psfWeights = psf.weights().clone();
		psfVar = new double[psf.size()];
		double minVar = Double.MAX_VALUE;
		for (int i = 0; i < psfVar.length; i++) {
			psfVar[i] = psf.sigmas()[i] * psf.sigmas()[i];
			minVar = Math.min(minVar, psfVar[i]);
		}
		double blur = minVar + pixel * pixel / 12;
		mergeVar = 0.04 * blur;
		int main = 0;
		for (int i = 1; i < psfVar.length; i++)
			if (psfWeights[i] > psfWeights[main]) main = i;
		mergeBlur = psfVar[main] + pixel * pixel / 12;
	}

	public Domain domain() {
		return domain;
	}

	/** Renders components anchored at pixel (cx, cy) into planes of width w and height h. */
	public void render(List<Component> components, double cx, double cy, float[][] planes, int w, int h) {
		render(components, cx, cy, planes, w, h, 0, h);
	}

	/**
	 * As {@link #render(List, double, double, float[][], int, int)} but touching only rows row0 (incl.) to row1 (excl.).
	 */
	public void render(List<Component> components, double cx, double cy, float[][] planes, int w, int h, int row0,
		int row1)
	{
		double total = 0;
		for (Component c : components)
			total += Math.abs(c.flux()[Bands.R]);
		double tiny = LOST_FLUX * total;
		BlobGroup group = new BlobGroup(); // not shared: render() may run on many threads
		for (Component c : components) {
			if (c instanceof Component.Blob b) {
				if (!group.tryAdd(b)) {
					group.flush(cx, cy, planes, w, row0, row1, tiny);
					group.tryAdd(b);
				}
				continue;
			}
			group.flush(cx, cy, planes, w, row0, row1, tiny);
			if (c instanceof Component.Sersic s) {
				addSersic(s, cx, cy, planes, w, row0, row1, tiny);
			}
			else if (c instanceof Component.LensedSource l) {
				traceLens(l, cx, cy).addTo(planes, w, row0, row1, bands, l.flux());
			}
		}
		group.flush(cx, cy, planes, w, row0, row1, tiny);
	}

	/**
	 * Consecutive blobs (beads of one arm or tail) that the PSF cannot tell apart are drawn as one Gaussian with the same
	 * flux, centroid and second moments: a level of detail that follows the domain's resolution.
	 */
	private final class BlobGroup {

		private final double[] f = new double[3];
		private double w, sx, sy, sxx, sxy, syy, own, minVar;
		private int count;
		private Component.Blob first;

		/** Adds b unless the spread of the centres would exceed a fraction of the finest blob's variance plus the blur. */
		boolean tryAdd(Component.Blob b) {
			double bw = Math.abs(b.flux()[Bands.R]) + 1e-30;
			double nw = w + bw, nx = sx + bw * b.x(), ny = sy + bw * b.y();
			double nxx = sxx + bw * (b.cxx() + b.x() * b.x()), nyy = syy + bw * (b.cyy() + b.y() * b.y());
			double nOwn = own + bw * (b.cxx() + b.cyy());
			double nMin = count == 0 ? Math.min(b.cxx(), b.cyy()) : Math.min(minVar, Math.min(b.cxx(), b.cyy()));
			if (count > 0) {
				double mx = nx / nw, my = ny / nw;
				double scatter = (nxx - nw * mx * mx + nyy - nw * my * my - nOwn) / nw;
				if (scatter > MERGE_TOLERANCE * (nMin + mergeBlur)) return false;
			}
			else {
				first = b;
			}
			w = nw;
			sx = nx;
			sy = ny;
			sxx = nxx;
			syy = nyy;
			own = nOwn;
			minVar = nMin;
			sxy += bw * (b.cxy() + b.x() * b.y());
			for (int k = 0; k < 3; k++)
				f[k] += b.flux()[k];
			count++;
			return true;
		}

		void flush(double cx, double cy, float[][] planes, int width, int row0, int row1, double tiny) {
			if (count == 1) {
				addBlob(first.x(), first.y(), first.cxx(), first.cxy(), first.cyy(), first.flux(), cx, cy, planes, width, row0,
					row1, tiny);
			}
			else if (count > 1) {
				double mx = sx / w, my = sy / w;
				addBlob(mx, my, sxx / w - mx * mx, sxy / w - mx * my, syy / w - my * my, f.clone(), cx, cy, planes, width, row0,
					row1, tiny);
			}
			count = 0;
			w = sx = sy = sxx = sxy = syy = own = 0;
			java.util.Arrays.fill(f, 0);
		}
	}

	private void addSersic(Component.Sersic s, double cx, double cy, float[][] planes, int w, int row0, int row1,
		double tiny)
	{
		GaussianMixture mix = GaussianMixture.sersic(s.n());
		double c = Math.cos(s.pa()), sn = Math.sin(s.pa()), q2 = s.q() * s.q();
		// unit-variance shape: R diag(1, q^2) R^T
		double uxx = c * c + q2 * sn * sn, uxy = (1 - q2) * c * sn, uyy = sn * sn + q2 * c * c;
		double mw = 0, mv = 0;
		double[] f = s.flux();
		for (int k = 0; k < mix.size(); k++) {
			double var = mix.sigmas()[k] * mix.sigmas()[k] * s.re() * s.re();
			if (var < mergeVar) {
				// far below the resolution: fold into one moment-matched Gaussian (same flux, same second moment)
				mw += mix.weights()[k];
				mv += mix.weights()[k] * var;
			}
			else {
				double wk = mix.weights()[k];
				addBlob(s.x(), s.y(), var * uxx, var * uxy, var * uyy, new double[] { f[0] * wk, f[1] * wk, f[2] * wk }, cx, cy,
					planes, w, row0, row1, tiny);
			}
		}
		if (mw > 0) {
			double var = mv / mw;
			addBlob(s.x(), s.y(), var * uxx, var * uxy, var * uyy, new double[] { f[0] * mw, f[1] * mw, f[2] * mw }, cx, cy,
				planes, w, row0, row1, tiny);
		}
	}

	private void addBlob(double x, double y, double cxx, double cxy, double cyy, double[] flux, double cx, double cy,
		float[][] planes, int w, int row0, int row1, double tiny)
	{
		double inv = 1 / pixel, inv2 = inv * inv, box = 1.0 / 12;
		double px = cx + x * inv, py = cy + y * inv;
		for (int p = 0; p < psfVar.length; p++) {
			double a = (cxx + psfVar[p]) * inv2 + box, b = cxy * inv2, c = (cyy + psfVar[p]) * inv2 + box;
			double wgt = psfWeights[p];
			// lost flux outside k sigma is f exp(-k^2/2); keep it below `tiny`
			double f = Math.abs(flux[Bands.R]) * wgt;
			double k = f > tiny ? Math.sqrt(2 * Math.log(f / tiny)) : 0;
			k = Math.max(2.5, Math.min(4.5, k));
			gaussian(px, py, a, b, c, flux, wgt, k, planes, w, row0, row1);
		}
	}

	/** Adds weight * flux[band] times a unit-flux Gaussian of pixel covariance (a, b; b, c) centred at (px, py). */
	private void gaussian(double px, double py, double a, double b, double c, double[] flux, double weight, double kSigma,
		float[][] planes, int w, int row0, int row1)
	{
		double det = a * c - b * b;
		double pxx = c / det, pxy = -b / det;
		double norm = weight / (2 * Math.PI * Math.sqrt(det));
		double hy = kSigma * Math.sqrt(c);
		int j0 = Math.max(row0, (int) Math.ceil(py - hy)), j1 = Math.min(row1 - 1, (int) Math.floor(py + hy));
		if (j0 > j1) return;
		int nb = bands.length;
		double f0 = flux[bands[0]] * norm;
		double f1 = nb > 1 ? flux[bands[1]] * norm : 0, f2 = nb > 2 ? flux[bands[2]] * norm : 0;
		float[] p0 = planes[0], p1 = nb > 1 ? planes[1] : null, p2 = nb > 2 ? planes[2] : null;
		double decay = Math.exp(-pxx), k2 = kSigma * kSigma;
		for (int j = j0; j <= j1; j++) {
			double dy = j - py;
			double rem = k2 - dy * dy / c;
			if (rem <= 0) continue;
			double half = Math.sqrt(rem / pxx);
			double xc = px - pxy * dy / pxx; // where this row peaks
			int i0 = Math.max(0, (int) Math.ceil(xc - half)), i1 = Math.min(w - 1, (int) Math.floor(xc + half));
			if (i0 > i1) continue;
			int is = (int) Math.round(xc);
			if (is < i0) is = i0;
			if (is > i1) is = i1;
			// completing the square: exponent = -0.5 dy^2 / c - 0.5 pxx (i - xc)^2
			double d = is - xc;
			double g = Math.exp(-0.5 * (dy * dy / c + pxx * d * d));
			double up = Math.exp(-pxx * (d + 0.5)); // g(i+1)/g(i)
			double down = decay / up; // g(i-1)/g(i) = exp(pxx (d - 1/2))
			int row = j * w;
			double v = g, r = up;
			for (int i = is; i <= i1; i++) {
				p0[row + i] += (float) (v * f0);
				if (p1 != null) {
					p1[row + i] += (float) (v * f1);
					p2[row + i] += (float) (v * f2);
				}
				v *= r;
				r *= decay;
			}
			v = g * down;
			r = down * decay;
			for (int i = is - 1; i >= i0; i--) {
				p0[row + i] += (float) (v * f0);
				if (p1 != null) {
					p1[row + i] += (float) (v * f1);
					p2[row + i] += (float) (v * f2);
				}
				v *= r;
				r *= decay;
			}
		}
	}

	/** Ray-traces the lensed source (unit unlensed flux) and convolves it with the PSF, on a local patch. */
	LocalImage traceLens(Component.LensedSource l, double cx, double cy) {
		double inv = 1 / pixel;
		double reach = l.thetaE() * 1.6 + Math.hypot(l.srcX(), l.srcY()) + 5 * l.srcRe() + 4 * Math.sqrt(
			psfVar[psfVar.length - 1]);
		int half = (int) Math.ceil(reach * inv) + 2;
		int lx = (int) Math.round(cx + l.x() * inv), ly = (int) Math.round(cy + l.y() * inv);
		int x0 = lx - half, y0 = ly - half, n = 2 * half + 1;
		int s = Math.max(2, Math.min(8, (int) Math.ceil(pixel / Math.min(0.08, l.srcRe() / 3))));
		double fine = pixel / s;
		double lc = Math.cos(l.lensPa()), ls = Math.sin(l.lensPa());
		double sc = Math.cos(l.srcPa()), ss = Math.sin(l.srcPa());
		double q = l.lensQ(), e = Math.sqrt(Math.max(1e-12, 1 - q * q));
		double bn = GaussianMixture.sersicB(1);
		double norm = 2 * Math.PI * l.srcRe() * l.srcRe() * l.srcQ() * Math.exp(bn) / (bn * bn);
		double scale = fine * fine / norm;
		double[] img = new double[n * n];
		for (int j = 0; j < n * s; j++) {
			double ty = ((y0 + (j + 0.5) / s - 0.5) - cy) * pixel - l.y();
			for (int i = 0; i < n * s; i++) {
				double tx = ((x0 + (i + 0.5) / s - 0.5) - cx) * pixel - l.x();
				// rotate into the lens frame (major axis along x')
				double xr = tx * lc + ty * ls, yr = -tx * ls + ty * lc;
				double psi = Math.sqrt(q * q * xr * xr + yr * yr);
				double ax, ay;
				if (psi < 1e-9) {
					ax = 0;
					ay = 0;
				}
				else if (e < 1e-4) {
					ax = l.thetaE() * xr / psi;
					ay = l.thetaE() * yr / psi;
				}
				else {
					double f = l.thetaE() * q / e;
					ax = f * Math.atan(e * xr / psi);
					ay = f * atanh(e * yr / psi);
				}
				double bx = xr - ax, by = yr - ay; // source plane, lens frame
				double bxs = bx * lc - by * ls - l.srcX(), bys = bx * ls + by * lc - l.srcY(); // sky frame, from the source
				double u = bxs * sc + bys * ss, v = (-bxs * ss + bys * sc) / l.srcQ();
				double r = Math.sqrt(u * u + v * v) / l.srcRe();
				if (r > 12) continue;
				img[(j / s) * n + i / s] += Math.exp(bn * (1 - r)) * scale;
			}
		}
		return LocalImage.convolve(x0, y0, n, img, psfWeights, psfVar, pixel);
	}

	private static double atanh(double x) {
		return 0.5 * Math.log((1 + x) / (1 - x));
	}
}
