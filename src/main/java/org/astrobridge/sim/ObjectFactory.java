package org.astrobridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws labelled objects for a task. Everything is in arcsec and AB magnitudes, independent of any domain, and object
 * {@code index} of a seed is always the same object, whichever domain renders it and however many threads run: its
 * random stream is derived from (seed, index) only.
 */
public final class ObjectFactory {

	private static final double[] RED = { 0.78, 0.40 }, DISK = { 0.55, 0.28 }, BLUE = { 0.30, 0.12 }, SOURCE = { 0.15,
		0.05 };

	private final Task task;
	private final double lensFraction;
	private final double starFraction;
	private final double neighbourFraction;

	/**
	 * @param lensFraction fraction of morphology objects that are strong lenses (class {@code lens}); 0 for none
	 * @param starFraction probability that a stamp also holds a foreground star
	 * @param neighbourFraction probability that a non-merger has an unrelated, non-interacting neighbour in view
	 */
	public ObjectFactory(Task task, double lensFraction, double starFraction, double neighbourFraction) {
		if (lensFraction < 0 || lensFraction > 1) throw new IllegalArgumentException("lensFraction must lie in 0..1, got " +
			lensFraction);
		if (lensFraction > 0 && task != Task.MORPHOLOGY) throw new IllegalArgumentException(
			"lenses exist only in the morphology task");
		if (starFraction < 0 || starFraction > 1) throw new IllegalArgumentException("starFraction must lie in 0..1, got " +
			starFraction);
		if (neighbourFraction < 0 || neighbourFraction > 1) throw new IllegalArgumentException(
			"neighbourFraction must lie in 0..1, got " + neighbourFraction);
		this.task = task;
		this.lensFraction = lensFraction;
		this.starFraction = starFraction;
		this.neighbourFraction = neighbourFraction;
	}

	public Task task() {
		return task;
	}

	/** A random stream that depends only on (seed, index, stream). */
	public static SplittableRandom stream(long seed, long index, long stream) {
		return new SplittableRandom(mix(mix(seed ^ 0x5DEECE66DL) + index * 0x9E3779B97F4A7C15L + stream *
			0xD1B54A32D192ED03L));
	}

	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** Label of object index: classes in turn (exactly balanced), lenses replacing a random lensFraction. */
	public int label(long seed, int index) {
		if (lensFraction > 0 && stream(seed, index, 7).nextDouble() < lensFraction) return Task.LENS;
		return index % task.baseClassCount();
	}

	public SimObject create(long seed, int index) {
		return create(label(seed, index), stream(seed, index, 1));
	}

	/** Creates an object of the given label from the random stream. */
	public SimObject create(int label, SplittableRandom rng) {
		Builder b = new Builder(rng, task.sizeScale(), task.magOffset());
		double mag = u(rng, 16.8, 18.8) + task.magOffset();
		double flux = Bands.nanomaggies(mag);
		b.set("mag_r", mag);
		String name = task.classes().get(label);
		switch (name) {
			case "non_merger" -> b.isolated(flux);
			case "merger" -> {
				if (rng.nextDouble() < 0.75) b.pair(flux, true);
				else b.postMerger(flux);
			}
			case "disturbed" -> b.disturbed(flux);
			case "merging" -> b.pair(flux, true);
			case "round_smooth" -> b.smooth(flux, u(rng, 0.82, 1.0), u(rng, 2.5, 5));
			case "in_between_round_smooth" -> b.smooth(flux, u(rng, 0.5, 0.75), u(rng, 2, 4.5));
			case "cigar_shaped_smooth" -> b.smooth(flux, u(rng, 0.2, 0.4), u(rng, 1, 3));
			case "round" -> b.smooth(flux, u(rng, 0.85, 1.0), u(rng, 1, 4));
			case "elongated" -> b.smooth(flux, u(rng, 0.4, 0.65), u(rng, 1, 4));
			case "barred_spiral" -> b.spiral(flux, true, u(rng, 15, 28));
			case "unbarred_tight_spiral" -> b.spiral(flux, false, u(rng, 8, 14));
			case "unbarred_loose_spiral" -> b.spiral(flux, false, u(rng, 24, 38));
			case "edge_on_without_bulge" -> b.edgeOn(flux, false);
			case "edge_on_with_bulge" -> b.edgeOn(flux, true);
			case "lens" -> b.lens();
			default -> throw new IllegalStateException(name);
		}
		if (rng.nextDouble() < starFraction) b.star(rng);
		return new SimObject(label, name, b.out, b.p, String.join("+", b.features));
	}

	/**
	 * A strong lens drawn at this task's brightness and size, labelled as a class the task does not have
	 * ({@link FieldArtefacts#LENS}, {@code lens}): an unseen class for a field of this task.
	 */
	public SimObject unseenLens(SplittableRandom rng) {
		Builder b = new Builder(rng, task.sizeScale(), task.magOffset());
		b.lens();
		return new SimObject(FieldArtefacts.LENS, "lens", b.out, b.p, String.join("+", b.features));
	}

	static double u(SplittableRandom rng, double a, double b) {
		return a + (b - a) * rng.nextDouble();
	}

	/** Collects components and parameters while one object is drawn. */
	private static final class Builder {

		final SplittableRandom rng;
		final double s; // size scale of the task
		final double magOffset;
		final List<Component> out = new ArrayList<>();
		final double[] p = SimObject.emptyParams();
		final List<String> features = new ArrayList<>();

		Builder(SplittableRandom rng, double sizeScale, double magOffset) {
			this.rng = rng;
			this.s = sizeScale;
			this.magOffset = magOffset;
		}

		void set(String key, double v) {
			p[SimObject.PARAMS.indexOf(key)] = v;
		}

		double[] colour(double[] base, double fluxR) {
			double gr = base[0] + 0.05 * rng.nextGaussian(), ri = base[1] + 0.03 * rng.nextGaussian();
			return Bands.fluxes(Bands.magnitude(fluxR), gr, ri);
		}

		void recordColour(double[] f) {
			set("g_r", Bands.magnitude(f[0]) - Bands.magnitude(f[1]));
			set("r_i", Bands.magnitude(f[1]) - Bands.magnitude(f[2]));
		}

		void smooth(double flux, double q, double n) {
			double re = u(rng, 0.8, 2.2) * s, pa = rng.nextDouble() * Math.PI;
			double[] f = colour(RED, flux);
			out.add(new Component.Sersic(0, 0, re, n, q, pa, f));
			recordColour(f);
			set("re_arcsec", re);
			set("sersic_n", n);
			set("axis_ratio", q);
			set("pa_deg", Math.toDegrees(pa));
			set("bulge_frac", 1);
		}

		/** Bulge + exponential disk + optional bar + logarithmic spiral arms, centred at (x, y). */
		void disk(double x, double y, double flux, double rd, double q, double pa, double bt, boolean bar, double pitchDeg,
			boolean record)
		{
			double armFrac = pitchDeg > 0 ? u(rng, 0.45, 0.6) : 0, barFrac = bar ? u(rng, 0.08, 0.15) : 0;
			double diskFlux = flux * (1 - bt - barFrac), bulgeN = u(rng, 1.5, 3.5), bulgeRe = rd * u(rng, 0.25, 0.45);
			double[] fd = colour(DISK, diskFlux * (1 - armFrac));
			out.add(new Component.Sersic(x, y, 1.678 * rd, 1, q, pa, fd));
			if (bt > 0) {
				out.add(new Component.Sersic(x, y, bulgeRe, bulgeN, Math.max(q, u(rng, 0.7, 0.9)), pa, colour(RED, flux * bt)));
			}
			double barLen = rd * u(rng, 0.9, 1.4), barAngle = rng.nextDouble() * Math.PI;
			if (bar) {
				double[] cov = Component.Blob.oriented(0, 0, barLen / 2, barLen / 2 * u(rng, 0.2, 0.3), barAngle, null)
					.covariance();
				out.add(projected(x, y, 0, 0, cov, q, pa, colour(RED, flux * barFrac)));
				features.add("bar");
			}
			int arms = 0;
			if (pitchDeg > 0) {
				arms = pitchDeg > 22 && !bar && rng.nextDouble() < 0.3 ? 3 : 2;
				double r0 = bar ? barLen : rd * u(rng, 0.3, 0.5), theta0 = bar ? barAngle : rng.nextDouble() * 2 * Math.PI;
				double chirality = rng.nextBoolean() ? 1 : -1;
				for (int a = 0; a < arms; a++) {
					spiralArm(x, y, rd, r0, theta0 + 2 * Math.PI * a / arms, Math.toRadians(pitchDeg), chirality, q, pa,
						diskFlux * armFrac / arms);
				}
				features.add("arms");
			}
			if (record) {
				recordColour(Bands.scale(fd, 1));
				set("re_arcsec", 1.678 * rd);
				set("sersic_n", 1);
				set("axis_ratio", q);
				set("pa_deg", Math.toDegrees(pa));
				set("bulge_frac", bt);
				set("bar", bar ? 1 : 0);
				set("arms", arms);
				if (pitchDeg > 0) set("pitch_deg", pitchDeg);
			}
		}

		/** A log spiral r = r0 exp(theta tan(pitch)) in the disk plane, as a chain of clumpy elongated beads. */
		void spiralArm(double x, double y, double rd, double r0, double theta0, double pitch, double chirality, double q,
			double pa, double flux)
		{
			double width = 0.12 * rd, ds = 0.25 * rd, rEnd = 3 * rd, tan = Math.tan(pitch);
			List<double[]> beads = new ArrayList<>();
			double total = 0;
			for (double th = 0;;) {
				double r = r0 * Math.exp(th * tan);
				if (r > rEnd) break;
				double ang = theta0 + chirality * th;
				double bx = r * Math.cos(ang), by = r * Math.sin(ang);
				double tx = tan * Math.cos(ang) - chirality * Math.sin(ang), ty = tan * Math.sin(ang) + chirality * Math.cos(
					ang);
				double wgt = Math.exp(-r / rd) * Math.exp(0.35 * rng.nextGaussian());
				beads.add(new double[] { bx, by, Math.atan2(ty, tx), wgt });
				total += wgt;
				th += ds * Math.cos(pitch) / r;
			}
			for (double[] bd : beads) {
				double[] cov = Component.Blob.oriented(0, 0, 0.8 * ds, width, bd[2], null).covariance();
				out.add(projected(x, y, bd[0], bd[1], cov, q, pa, colour(BLUE, flux * bd[3] / total)));
			}
		}

		/** A disk-plane Gaussian at (bx, by) with covariance cov, seen at axis ratio q and position angle pa. */
		static Component.Blob projected(double x, double y, double bx, double by, double[] cov, double q, double pa,
			double[] f)
		{
			double c = Math.cos(pa), sn = Math.sin(pa);
			// A = R(pa) diag(1, q)
			double a11 = c, a12 = -sn * q, a21 = sn, a22 = c * q;
			double px = a11 * bx + a12 * by, py = a21 * bx + a22 * by;
			double m11 = a11 * cov[0] + a12 * cov[1], m12 = a11 * cov[1] + a12 * cov[2];
			double m21 = a21 * cov[0] + a22 * cov[1], m22 = a21 * cov[1] + a22 * cov[2];
			return new Component.Blob(x + px, y + py, m11 * a11 + m12 * a12, m11 * a21 + m12 * a22, m21 * a21 + m22 * a22, f);
		}

		void spiral(double flux, boolean bar, double pitch) {
			double rd = u(rng, 0.9, 1.7) * s;
			disk(0, 0, flux, rd, u(rng, 0.55, 1.0), rng.nextDouble() * Math.PI, u(rng, 0.08, 0.3), bar, pitch, true);
		}

		void edgeOn(double flux, boolean bulge) {
			double rd = u(rng, 1.0, 1.8) * s, pa = rng.nextDouble() * Math.PI, q = u(rng, 0.08, 0.18);
			double bt = bulge ? u(rng, 0.25, 0.5) : 0;
			double[] fd = colour(DISK, flux * (1 - bt));
			out.add(new Component.Sersic(0, 0, 1.678 * rd, 1, q, pa, fd));
			if (bulge) out.add(new Component.Sersic(0, 0, rd * u(rng, 0.4, 0.7), u(rng, 2, 4), u(rng, 0.6, 0.85), pa, colour(
				RED, flux * bt)));
			recordColour(fd);
			set("re_arcsec", 1.678 * rd);
			set("sersic_n", 1);
			set("axis_ratio", q);
			set("pa_deg", Math.toDegrees(pa));
			set("bulge_frac", bt);
		}

		/** A single galaxy of any normal type, used for non-mergers and as the members of pairs. */
		void galaxy(double x, double y, double flux, boolean record) {
			double t = rng.nextDouble();
			double pa = rng.nextDouble() * Math.PI;
			if (t < 0.4) {
				double re = u(rng, 0.8, 2.2) * s, n = u(rng, 2, 5), q = u(rng, 0.35, 1);
				double[] f = colour(RED, flux);
				out.add(new Component.Sersic(x, y, re, n, q, pa, f));
				if (record) {
					recordColour(f);
					set("re_arcsec", re);
					set("sersic_n", n);
					set("axis_ratio", q);
					set("pa_deg", Math.toDegrees(pa));
					set("bulge_frac", 1);
				}
			}
			else {
				double rd = u(rng, 0.9, 1.7) * s;
				boolean edge = t > 0.88;
				double q = edge ? u(rng, 0.1, 0.2) : u(rng, 0.45, 1);
				double pitch = edge ? 0 : u(rng, 8, 38);
				disk(x, y, flux, rd, q, pa, u(rng, 0.05, 0.4), !edge && rng.nextDouble() < 0.35, pitch, record);
			}
		}

		void isolated(double flux) {
			galaxy(0, 0, flux, true);
			if (rng.nextDouble() < 0.15) {
				// a chance projection: a fainter galaxy nearby but without any tidal features
				double dm = u(rng, 1, 3), r = u(rng, 4, 7) * s, a = rng.nextDouble() * 2 * Math.PI;
				galaxy(r * Math.cos(a), r * Math.sin(a), flux * Math.pow(10, -0.4 * dm), false);
				set("neighbour_mag_r", p[0] + dm);
				features.add("neighbour");
			}
		}

		/** Two interacting galaxies, flux-weighted centre at the origin, with tails, a bridge or shells. */
		void pair(double flux, boolean tidal) {
			double sep = u(rng, 1.0, 6.0) * s, ratio = u(rng, 0.25, 1), a = rng.nextDouble() * 2 * Math.PI;
			double tidalFrac = tidal ? u(rng, 0.08, 0.25) : 0;
			double body = flux * (1 - tidalFrac), f1 = body / (1 + ratio), f2 = body - f1;
			double x1 = -sep * ratio / (1 + ratio) * Math.cos(a), y1 = -sep * ratio / (1 + ratio) * Math.sin(a);
			double x2 = x1 + sep * Math.cos(a), y2 = y1 + sep * Math.sin(a);
			galaxy(x1, y1, f1, true);
			galaxy(x2, y2, f2, false);
			set("sep_arcsec", sep);
			set("flux_ratio", ratio);
			set("tidal_frac", tidalFrac);
			if (tidalFrac > 0) tidal(x1, y1, x2, y2, flux * tidalFrac, sep);
		}

		void tidal(double x1, double y1, double x2, double y2, double flux, double sep) {
			double a = Math.atan2(y2 - y1, x2 - x1), re = 1.5 * s;
			double pTails = 0.75, pBridge = 0.4, pShell = 0.2;
			boolean tails = rng.nextDouble() < pTails, bridge = rng.nextDouble() < pBridge, shells = rng
				.nextDouble() < pShell;
			if (!tails && !bridge && !shells) tails = true;
			int parts = (tails ? 2 : 0) + (bridge ? 1 : 0) + (shells ? 1 : 0);
			double each = flux / parts, bend = rng.nextBoolean() ? 1 : -1;
			if (tails) {
				// tails leave each galaxy away from its companion and curl the same way (the orbital sense)
				tail(x1, y1, a + Math.PI + u(rng, -0.5, 0.5), bend * u(rng, 0.6, 1.6), re * u(rng, 2.5, 5), each * 1.3);
				tail(x2, y2, a + u(rng, -0.5, 0.5), bend * u(rng, 0.6, 1.6), re * u(rng, 2, 4), each * 0.7);
				features.add("tails");
			}
			if (bridge) {
				int n = Math.max(3, (int) Math.ceil(sep / (0.25 * s)));
				List<double[]> pts = new ArrayList<>();
				double sag = bend * sep * u(rng, 0.1, 0.3);
				for (int k = 1; k < n; k++) {
					double t = k / (double) n;
					double sg = 4 * t * (1 - t) * sag;
					pts.add(new double[] { x1 + t * (x2 - x1) - sg * Math.sin(a), y1 + t * (y2 - y1) + sg * Math.cos(a), 0.25 * s,
						1 });
				}
				chain(pts, each, BLUE);
				features.add("bridge");
			}
			if (shells) {
				shells(x1, y1, each, re);
			}
		}

		/** A curving tidal tail starting at (x, y) heading at angle dir, widening and fading outwards. */
		void tail(double x, double y, double dir, double curl, double length, double flux) {
			int n = Math.max(4, (int) Math.ceil(length / (0.25 * s)));
			List<double[]> pts = new ArrayList<>();
			double px = x, py = y, step = length / n;
			for (int k = 0; k < n; k++) {
				double t = (k + 0.5) / n;
				double ang = dir + curl * t;
				px += step * Math.cos(ang);
				py += step * Math.sin(ang);
				pts.add(new double[] { px, py, (0.2 + 0.35 * t) * s, Math.exp(-1.5 * t) });
			}
			chain(pts, flux, BLUE);
		}

		void shells(double x, double y, double flux, double re) {
			int count = 2 + rng.nextInt(3);
			List<double[]> pts = new ArrayList<>();
			double axis = rng.nextDouble() * 2 * Math.PI;
			for (int c = 0; c < count; c++) {
				double r = re * (1.2 + 0.8 * c + 0.3 * rng.nextDouble());
				double side = c % 2 == 0 ? 0 : Math.PI, span = u(rng, 1.6, 2.6);
				int n = Math.max(5, (int) Math.ceil(r * span / (0.22 * s)));
				for (int k = 0; k < n; k++) {
					double th = axis + side - span / 2 + span * k / (n - 1.0);
					pts.add(new double[] { x + r * Math.cos(th), y + r * Math.sin(th), 0.15 * s, 1 / (1 + c) });
				}
			}
			chain(pts, flux, RED);
			features.add("shells");
		}

		/** Beads through points {x, y, width, weight}, each elongated along the chain; total r flux = flux. */
		void chain(List<double[]> pts, double flux, double[] colour) {
			double total = 0;
			for (double[] q : pts)
				total += q[3];
			for (int k = 0; k < pts.size(); k++) {
				double[] q = pts.get(k), nb = pts.get(k == pts.size() - 1 ? k - 1 : k + 1);
				double dx = nb[0] - q[0], dy = nb[1] - q[1], len = Math.hypot(dx, dy);
				double ang = Math.atan2(dy, dx);
				Component.Blob b = Component.Blob.oriented(q[0], q[1], Math.max(q[2], 0.8 * len), q[2], ang, colour(colour,
					flux * q[3] / total));
				out.add(b);
			}
		}

		/** A galaxy a few dynamical times after coalescence: one body (sometimes a double core), tails or shells. */
		void postMerger(double flux) {
			double tidalFrac = u(rng, 0.12, 0.3);
			galaxy(0, 0, flux * (1 - tidalFrac) * 0.85, true);
			double a = rng.nextDouble() * 2 * Math.PI, d = u(rng, 0.3, 0.9) * s;
			out.add(new Component.Sersic(d * Math.cos(a), d * Math.sin(a), 0.3 * s, 2, 0.8, a, colour(RED, flux * (1 -
				tidalFrac) * 0.15)));
			set("tidal_frac", tidalFrac);
			set("sep_arcsec", d);
			features.add("post_merger");
			if (rng.nextBoolean()) {
				shells(0, 0, flux * tidalFrac, 1.5 * s);
			}
			else {
				double bend = rng.nextBoolean() ? 1 : -1, dir = rng.nextDouble() * 2 * Math.PI;
				tail(0, 0, dir, bend * u(rng, 0.6, 1.6), u(rng, 3, 7) * s, flux * tidalFrac * 0.6);
				tail(0, 0, dir + Math.PI, bend * u(rng, 0.6, 1.6), u(rng, 3, 6) * s, flux * tidalFrac * 0.4);
				features.add("tails");
			}
		}

		/** One galaxy made irregular: an offset lopsided component, star-forming clumps, sometimes a short plume. */
		void disturbed(double flux) {
			double frac = u(rng, 0.2, 0.35);
			galaxy(0, 0, flux * (1 - frac), true);
			double re = 1.5 * s, a = rng.nextDouble() * 2 * Math.PI, d = u(rng, 0.4, 0.8) * re;
			out.add(new Component.Sersic(d * Math.cos(a), d * Math.sin(a), re * u(rng, 0.5, 0.9), 1, u(rng, 0.4, 0.8), rng
				.nextDouble() * Math.PI, colour(DISK, flux * frac * 0.5)));
			int clumps = 3 + rng.nextInt(5);
			for (int c = 0; c < clumps; c++) {
				double r = u(rng, 0.2, 1.6) * re, t = rng.nextDouble() * 2 * Math.PI, w = u(rng, 0.1, 0.25) * s;
				out.add(Component.Blob.oriented(r * Math.cos(t), r * Math.sin(t), w, w, 0, colour(BLUE, flux * frac * 0.3 /
					clumps)));
			}
			tail(0, 0, a + u(rng, -0.6, 0.6), u(rng, -1, 1), re * u(rng, 1.5, 3), flux * frac * 0.2);
			set("tidal_frac", frac);
			features.add("asymmetry");
		}

		/** A red elliptical (singular isothermal ellipsoid) lensing a small blue background galaxy into arcs or a ring. */
		void lens() {
			double re = u(rng, 0.8, 1.6) * s, q = u(rng, 0.6, 0.95), pa = rng.nextDouble() * Math.PI;
			double mag = u(rng, 17, 18.5) + magOffset;
			double[] f = colour(RED, Bands.nanomaggies(mag));
			out.add(new Component.Sersic(0, 0, re, 4, q, pa, f));
			double thetaE = u(rng, 1.2, 2.5), beta = thetaE * 0.5 * Math.sqrt(rng.nextDouble()), ba = rng.nextDouble() * 2 *
				Math.PI;
			double srcMag = u(rng, 19.8, 21.3) + magOffset;
			double[] fs = colour(SOURCE, Bands.nanomaggies(srcMag));
			out.add(new Component.LensedSource(0, 0, thetaE, q, pa, beta * Math.cos(ba), beta * Math.sin(ba), u(rng, 0.15,
				0.4) * s, u(rng, 0.5, 1), rng.nextDouble() * Math.PI, fs));
			set("mag_r", mag);
			recordColour(f);
			set("re_arcsec", re);
			set("sersic_n", 4);
			set("axis_ratio", q);
			set("pa_deg", Math.toDegrees(pa));
			set("theta_e_arcsec", thetaE);
			set("src_mag_r", srcMag);
			features.add(beta < 0.15 * thetaE ? "ring" : "arcs");
		}

		void star(SplittableRandom r) {
			double mag = u(r, 17, 21) + magOffset, d = u(r, 3, 7) * s, a = r.nextDouble() * 2 * Math.PI;
			double gr = u(r, 0.3, 1.4);
			out.add(Component.Blob.point(d * Math.cos(a), d * Math.sin(a), Bands.fluxes(mag, gr, 0.4 * gr)));
			set("star_mag_r", mag);
			features.add("star");
		}
	}
}
