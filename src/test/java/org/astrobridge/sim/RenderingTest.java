package org.astrobridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Measures the properties that define the domains and classes on rendered images. */
class RenderingTest {

	private static float[] renderR(Domain d, List<Component> comps, int size, double cx, double cy) {
		float[][] p = new float[1][size * size];
		new Renderer(d, Bands.select(1)).render(comps, cx, cy, p, size, size);
		return p[0];
	}

	private static double sum(float[] a) {
		double s = 0;
		for (float v : a)
			s += v;
		return s;
	}

	@Test
	void sersicMixturesKeepTheirHalfLightRadius() {
		for (double n : new double[] { 0.5, 1, 2, 4, 6 }) {
			assertEquals(1.0, GaussianMixture.sersic(n).halfLightRadius(), 1e-6, "n=" + n);
		}
		assertEquals(1.0, GaussianMixture.moffat(3.5).fwhm(), 1e-6);
	}

	@Test
	void emptySkyNoiseMatchesTheDomain() {
		for (String name : Domain.NAMES) {
			Domain d = Domain.preset(name);
			int size = 200;
			float[][] p = new float[3][size * size];
			new Camera(d, Bands.select(3)).observe(p, size, 0, size, new SplittableRandom(5), new Camera.BadColumn[0]);
			for (int b = 0; b < 3; b++) {
				double s2 = 0, m = 0;
				for (float v : p[b]) {
					m += v;
					s2 += v * (double) v;
				}
				m /= p[b].length;
				double rms = Math.sqrt(s2 / p[b].length - m * m);
				assertEquals(d.skyNoise(b), rms, 0.02 * d.skyNoise(b), name + " band " + b);
				assertEquals(0, m, 0.02 * d.skyNoise(b), name + " sky must be subtracted");
			}
		}
		double y1 = Domain.preset("lsst-y1").skyNoise(Bands.R), y10 = Domain.preset("lsst-y10").skyNoise(Bands.R);
		assertEquals(Math.sqrt(10), y1 / y10, 0.05);
		assertTrue(Domain.preset("sim").skyNoise(Bands.R) < 0.01 * Domain.preset("sdss").skyNoise(Bands.R));
	}

	@Test
	void psfFwhmOfRenderedStarsMatchesThePreset() {
		for (String name : List.of("sdss", "decals", "lsst-y1")) {
			Domain d = Domain.preset(name);
			// an oversampled profile of the pixelised star: the star rendered at 20 sub-pixel shifts
			int size = 41, steps = 20;
			List<double[]> prof = new ArrayList<>();
			for (int k = 0; k < steps; k++) {
				double shift = k / (double) steps;
				float[] img = renderR(d, List.of(Component.Blob.point(0, 0, new double[] { 1, 1, 1 })), size, 20 + shift, 20);
				for (int i = 0; i < size; i++)
					prof.add(new double[] { i - 20 - shift, img[20 * size + i] });
			}
			prof.sort((a, b) -> Double.compare(a[0], b[0]));
			double peak = 0;
			for (double[] q : prof)
				peak = Math.max(peak, q[1]);
			double left = Double.NaN, right = Double.NaN;
			for (int i = 1; i < prof.size(); i++) {
				double[] a = prof.get(i - 1), b = prof.get(i);
				if (a[1] < peak / 2 && b[1] >= peak / 2) left = a[0] + (peak / 2 - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
				if (a[1] >= peak / 2 && b[1] < peak / 2) right = a[0] + (a[1] - peak / 2) / (a[1] - b[1]) * (b[0] - a[0]);
			}
			double fwhm = (right - left) * d.pixelScale();
			assertEquals(d.psfFwhm(), fwhm, 0.05 * d.psfFwhm(), name);
		}
	}

	@Test
	void renderingConservesFlux() {
		Domain sdss = Domain.preset("sdss");
		double[] f = { 2, 3, 4 };
		List<Component> comps = List.of(new Component.Sersic(0.3, -0.2, 1.5, 4, 0.6, 0.4, f), new Component.Sersic(-1, 1,
			2.0, 1, 0.3, 1.1, f), Component.Blob.point(2, 2, f), Component.Blob.oriented(-2, -1, 0.5, 0.1, 0.3, f));
		assertEquals(12, sum(renderR(sdss, comps, 256, 127.3, 128.6)), 0.12);
		ObjectFactory factory = new ObjectFactory(Task.MORPHOLOGY, 0, 0.3, 0.15);
		for (int i = 0; i < 40; i++) {
			SimObject o = factory.create(9, i);
			double expected = 0;
			for (Component c : o.components())
				expected += c.flux()[Bands.R];
			for (String dn : List.of("sim", "sdss")) {
				Domain d = Domain.preset(dn);
				int size = (int) Math.ceil(60 / d.pixelScale());
				double got = sum(renderR(d, o.components(), size, size / 2.0, size / 2.0));
				assertEquals(expected, got, 0.015 * expected, o.className() + " in " + dn);
			}
		}
	}

	/** Axis ratio sqrt(lambda_min / lambda_max) of the second moments of a noise-free image. */
	private static double momentAxisRatio(float[] img, int size) {
		double s = 0, sx = 0, sy = 0;
		for (int j = 0; j < size; j++)
			for (int i = 0; i < size; i++) {
				double v = img[j * size + i];
				s += v;
				sx += v * i;
				sy += v * j;
			}
		double mx = sx / s, my = sy / s, xx = 0, xy = 0, yy = 0;
		for (int j = 0; j < size; j++) {
			for (int i = 0; i < size; i++) {
				double v = img[j * size + i];
				xx += v * (i - mx) * (i - mx);
				xy += v * (i - mx) * (j - my);
				yy += v * (j - my) * (j - my);
			}
		}
		double tr = (xx + yy) / s, det = (xx * yy - xy * xy) / (s * s), disc = Math.sqrt(tr * tr / 4 - det);
		return Math.sqrt((tr / 2 - disc) / (tr / 2 + disc));
	}

	@Test
	void roundAndCigarGalaxiesHaveTheirAxisRatios() {
		Domain sim = Domain.preset("sim");
		float[] img = renderR(sim, List.of(new Component.Sersic(0, 0, 2, 1, 0.3, 0.7, new double[] { 1, 1, 1 })), 256, 128,
			128);
		assertEquals(0.3, momentAxisRatio(img, 256), 0.03);
		ObjectFactory f = new ObjectFactory(Task.MORPHOLOGY, 0, 0, 0);
		for (int i = 0; i < 30; i++) {
			int label = 2 + 2 * (i % 2); // round_smooth or cigar_shaped_smooth
			SimObject o = f.create(label, ObjectFactory.stream(3, i, 1));
			double q = momentAxisRatio(renderR(sim, o.components(), 128, 64, 64), 128);
			if (label == 2) assertTrue(q > 0.75, "round galaxy measured q=" + q);
			else assertTrue(q < 0.5, "cigar galaxy measured q=" + q);
		}
	}

	/** Local maxima above a fraction of the highest pixel, after a 3x3 box smoothing. */
	private static List<int[]> peaks(float[] img, int size, double fraction) {
		float[] sm = new float[img.length];
		for (int j = 1; j < size - 1; j++)
			for (int i = 1; i < size - 1; i++) {
				float s = 0;
				for (int b = -1; b <= 1; b++)
					for (int a = -1; a <= 1; a++)
						s += img[(j + b) * size + i + a];
				sm[j * size + i] = s / 9;
			}
		float max = 0;
		for (float v : sm)
			max = Math.max(max, v);
		List<int[]> out = new ArrayList<>();
		for (int j = 2; j < size - 2; j++)
			for (int i = 2; i < size - 2; i++) {
				float v = sm[j * size + i];
				if (v < fraction * max) continue;
				boolean top = true;
				for (int b = -1; b <= 1 && top; b++)
					for (int a = -1; a <= 1; a++)
						if ((a != 0 || b != 0) && sm[(j + b) * size + i + a] >= v) top = false;
				if (top) out.add(new int[] { i, j });
			}
		return out;
	}

	@Test
	void closeMergersShowTwoNuclei() {
		Domain sdss = Domain.preset("sdss");
		double[] f = { 1, 1, 1 };
		List<Component> pair = List.of(new Component.Sersic(-1.5, 0, 0.8, 2, 0.8, 0, f), new Component.Sersic(1.5, 0, 0.8,
			2, 0.8, 0, f));
		List<int[]> pk = peaks(renderR(sdss, pair, 64, 31.5, 31.2), 64, 0.2);
		assertEquals(2, pk.size());
		assertEquals(3 / 0.396, Math.abs(pk.get(0)[0] - pk.get(1)[0]), 1.0);
		// drawn mergers: well-separated, comparable pairs show two nuclei even at SDSS resolution
		ObjectFactory factory = new ObjectFactory(Task.MERGERS, 0, 0, 0);
		int tested = 0, two = 0;
		for (int i = 1; tested < 25; i += 2) {
			SimObject o = factory.create(4, i);
			if (!(o.param("sep_arcsec") > 3 && o.param("flux_ratio") > 0.5) || o.features().contains("post_merger")) continue;
			tested++;
			if (peaks(renderR(sdss, o.components(), 64, 31.3, 31.2), 64, 0.1).size() >= 2) two++;
		}
		assertTrue(two >= 20, two + " of 25 pairs show two nuclei");
	}

	@Test
	void lensesShowArcsAtTheEinsteinRadius() {
		Domain sim = Domain.preset("sim");
		ObjectFactory f = new ObjectFactory(Task.MORPHOLOGY, 1, 0, 0);
		for (int i = 0; i < 6; i++) {
			SimObject o = f.create(5, i);
			assertEquals("lens", o.className());
			int size = 96;
			float[] all = renderR(sim, o.components(), size, 47.5, 47.5);
			float[] lensOnly = renderR(sim, o.components().stream().filter(c -> !(c instanceof Component.LensedSource))
				.toList(), size, 47.5, 47.5);
			double te = o.param("theta_e_arcsec") / sim.pixelScale(), inRing = 0, centre = 0, total = 0;
			for (int j = 0; j < size; j++)
				for (int k = 0; k < size; k++) {
					double v = all[j * size + k] - lensOnly[j * size + k], r = Math.hypot(k - 47.5, j - 47.5);
					total += v;
					if (r > 0.4 * te && r < 1.7 * te) inRing += v; // images lie at about thetaE +- beta, beta <= thetaE / 2
					if (r < 0.3 * te) centre += v;
				}
			assertTrue(total > 0);
			assertTrue(inRing > 0.75 * total, "arc flux fraction in the Einstein annulus " + inRing / total);
			assertTrue(centre < 0.05 * total, "lensed flux at the centre " + centre / total);
		}
	}
}
