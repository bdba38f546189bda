package org.astrobridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Artefacts of a field that are not objects: satellite trails, ghosts and bleed trails, painted into the noise-free
 * image (nanomaggies) before the camera observes it, so that they get the same photon noise as the sky. Trails and
 * ghosts are drawn up front from their own random streams and painted strip by strip; bleeding needs whole columns and
 * runs between rendering and observing. None of it uses a random number while painting, so the bytes do not depend on
 * the thread count.
 */
final class FieldPainter {

	private FieldPainter() {}

	/**
	 * A straight trail through (x, y) in direction {@code angle} (radians), a Gaussian of the PSF's sigma across, peaking
	 * at {@code peakSigmas} times the band's sky noise per pixel.
	 */
	record Trail(double x, double y, double angle, double sigmaPx, double peakSigmas) {}

	/**
	 * A ring of radius {@code radiusPx} and Gaussian width {@code widthPx}, peaking at {@code peakSigmas} x sky noise.
	 */
	record Ghost(double x, double y, double radiusPx, double widthPx, double peakSigmas) {}

	/** Trails through uniform points at uniform angles, 3-30 sky sigmas at their ridge. */
	static Trail[] trails(SplittableRandom rng, int count, int size, Domain d) {
		Trail[] t = new Trail[count];
		double sigma = d.psfFwhm() / d.pixelScale() / (2 * Math.sqrt(2 * Math.log(2)));
		for (int k = 0; k < count; k++) {
			t[k] = new Trail(rng.nextDouble() * (size - 1), rng.nextDouble() * (size - 1), rng.nextDouble() * Math.PI, sigma,
				ObjectFactory.u(rng, 3, 30));
		}
		return t;
	}

	/**
	 * Ghosts of the given stars (brightest first; reused in turn when there are fewer stars than ghosts): rings of 6-15
	 * arcsec radius and 15-30 % of it in width, 1.5-4 sky sigmas at their ridge, their centre 30-100 pixels from the
	 * star, away from the field centre (where a reflection off the optics would put them).
	 */
	static Ghost[] ghosts(SplittableRandom rng, int count, int size, Domain d, double[] starX, double[] starY) {
		if (starX.length == 0) return new Ghost[0];
		Ghost[] g = new Ghost[count];
		double c = (size - 1) / 2.0;
		for (int k = 0; k < count; k++) {
			double sx = starX[k % starX.length], sy = starY[k % starY.length];
			double dir = Math.atan2(sy - c, sx - c) + ObjectFactory.u(rng, -0.3, 0.3);
			double off = ObjectFactory.u(rng, 30, 100);
			double r = ObjectFactory.u(rng, 6, 15) / d.pixelScale();
			g[k] = new Ghost(sx + off * Math.cos(dir), sy + off * Math.sin(dir), r, r * ObjectFactory.u(rng, 0.15, 0.3),
				ObjectFactory.u(rng, 1.5, 4));
		}
		return g;
	}

	/** Sky noise per pixel of each band in nanomaggies, as if noise were on (the unit of trail and ghost brightness). */
	static double[] skySigmas(Domain d, int[] bands) {
		double[] s = new double[bands.length];
		for (int b = 0; b < bands.length; b++) {
			s[b] = Math.sqrt(d.skyElectrons(bands[b]) + d.readNoise() * d.readNoise()) / d.electronsPerNanomaggy(bands[b]);
		}
		return s;
	}

	/** Adds the trails and ghosts to rows row0 (incl.) to row1 (excl.) of the planes (width w). */
	static void paint(Trail[] trails, Ghost[] ghosts, float[][] planes, int w, int row0, int row1, double[] sigmas) {
		for (Trail t : trails) {
			double s = Math.sin(t.angle()), c = Math.cos(t.angle()), lim = 5 * t.sigmaPx(), inv = 0.5 / (t.sigmaPx() * t
				.sigmaPx());
			for (int j = row0; j < row1; j++) {
				for (int i = 0; i < w; i++) {
					double dist = (i - t.x()) * s - (j - t.y()) * c;
					if (Math.abs(dist) > lim) continue;
					double v = t.peakSigmas() * Math.exp(-dist * dist * inv);
					for (int b = 0; b < planes.length; b++)
						planes[b][j * w + i] += (float) (v * sigmas[b]);
				}
			}
		}
		for (Ghost g : ghosts) {
			double outer = g.radiusPx() + 4 * g.widthPx(), inv = 0.5 / (g.widthPx() * g.widthPx());
			int j0 = Math.max(row0, (int) Math.floor(g.y() - outer)), j1 = Math.min(row1 - 1, (int) Math.ceil(g.y() + outer));
			int i0 = Math.max(0, (int) Math.floor(g.x() - outer)), i1 = Math.min(w - 1, (int) Math.ceil(g.x() + outer));
			for (int j = j0; j <= j1; j++) {
				for (int i = i0; i <= i1; i++) {
					double dr = Math.hypot(i - g.x(), j - g.y()) - g.radiusPx();
					if (Math.abs(dr) > 4 * g.widthPx()) continue;
					double v = g.peakSigmas() * Math.exp(-dr * dr * inv);
					for (int b = 0; b < planes.length; b++)
						planes[b][j * w + i] += (float) (v * sigmas[b]);
				}
			}
		}
	}

	/**
	 * Bleeds columns col0 (incl.) to col1 (excl.) of a w x h plane as a CCD does: from the bottom row up, a pixel above
	 * {@code full} is set to it and its excess goes half up and half down the column, filling each further pixel up to
	 * {@code full}; charge that reaches the top or bottom edge is lost (as robust.Saturation does for stamps).
	 */
	static void bleed(float[] plane, int w, int h, float full, int col0, int col1) {
		double[] column = new double[h];
		for (int i = col0; i < col1; i++) {
			boolean any = false;
			for (int j = 0; j < h && !any; j++)
				any = plane[j * w + i] > full;
			if (!any) continue;
			for (int j = 0; j < h; j++)
				column[j] = plane[j * w + i];
			for (int j = 0; j < h; j++) {
				if (column[j] <= full) continue;
				double excess = column[j] - full;
				column[j] = full;
				spill(column, j, +1, 0.5 * excess, full);
				spill(column, j, -1, 0.5 * excess, full);
			}
			for (int j = 0; j < h; j++)
				plane[j * w + i] = (float) Math.min(full, column[j]);
		}
	}

	private static void spill(double[] column, int from, int direction, double charge, double full) {
		for (int j = from + direction; charge > 0 && j >= 0 && j < column.length; j += direction) {
			double room = full - column[j];
			if (room <= 0) continue;
			double taken = Math.min(room, charge);
			column[j] += taken;
			charge -= taken;
		}
	}

	/**
	 * Centres of the pieces, at most {@link FieldArtefacts#SEGMENT_PX} long, of the part of the line through (x, y) in
	 * direction {@code angle} that lies in the size x size image; empty when the line misses it.
	 */
	static List<double[]> segments(double x, double y, double angle, int size) {
		double c = Math.cos(angle), s = Math.sin(angle), lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
		double[] dir = { c, s }, p = { x, y };
		for (int k = 0; k < 2; k++) {
			if (Math.abs(dir[k]) < 1e-12) {
				if (p[k] < 0 || p[k] > size - 1) return List.of();
				continue;
			}
			double a = (0 - p[k]) / dir[k], b = (size - 1 - p[k]) / dir[k];
			lo = Math.max(lo, Math.min(a, b));
			hi = Math.min(hi, Math.max(a, b));
		}
		return pieces(x + lo * c, y + lo * s, c, s, hi - lo);
	}

	/** Centres of the pieces, at most {@link FieldArtefacts#SEGMENT_PX} long, of a run of length len from (x0, y0). */
	static List<double[]> pieces(double x0, double y0, double c, double s, double len) {
		List<double[]> out = new ArrayList<>();
		if (!(len > 0)) return out;
		int m = (int) Math.ceil(len / FieldArtefacts.SEGMENT_PX);
		for (int k = 0; k < m; k++) {
			double t = (k + 0.5) * len / m;
			out.add(new double[] { x0 + t * c, y0 + t * s });
		}
		return out;
	}
}
