package org.astrobridge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artefacts of simulated fields lie where their truth rows say, and a field without the new options is unchanged. */
class FieldArtefactsTest {

	private static final int SIZE = 512;

	@TempDir
	Path tmp;

	private SimulationSpec spec(String dir, String... options) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("mode", "field");
		m.put("domain", "sdss");
		m.put("fieldSize", Integer.toString(SIZE));
		m.put("n", "20");
		m.put("bands", "1");
		m.put("seed", "3");
		m.put("contactSheet", "false");
		m.put("outputDir", tmp.resolve(dir).toString());
		for (String o : options) {
			String[] kv = o.split("=", 2);
			m.put(kv[0], kv[1]);
		}
		return SimulationSpec.fromOptions(m);
	}

	private static final String[] ALL = { "cosmicRays=300", "badColumns=4", "artefactTruth=true", "satelliteTrails=1",
		"ghosts=1", "bleedTrails=true", "brightStars=2", "lenses=3" };

	@Test
	void truthRowsOnlyAddRowsAndTheDefaultsAddNothing() throws Exception {
		assertEquals(FieldArtefacts.NONE, spec("x").artefacts());
		BenchmarkWriter.write(spec("plain", "cosmicRays=300", "badColumns=4"));
		BenchmarkWriter.write(spec("truth", "cosmicRays=300", "badColumns=4", "artefactTruth=true"));
		Path plain = tmp.resolve("plain/mergers_sdss_field.fits"), truth = tmp.resolve("truth/mergers_sdss_field.fits");
		assertArrayEquals(FitsReader.readImage(plain, null).plane(0), FitsReader.readImage(truth, null).plane(0),
			"truth rows must not change a pixel");
		FitsTable a = FitsReader.readTable(plain, "TRUTH"), b = FitsReader.readTable(truth, "TRUTH");
		int[] la = a.intColumn("label"), lb = b.intColumn("label");
		assertTrue(Arrays.stream(la).allMatch(l -> l >= -1), "without artefactTruth only galaxies and stars");
		assertTrue(lb.length > la.length + 10, "cosmic rays and bad columns listed: " + lb.length + " vs " + la.length);
		assertArrayEquals(a.doubleColumn("x"), Arrays.copyOf(b.doubleColumn("x"), la.length));
		for (int i = la.length; i < lb.length; i++)
			assertTrue(lb[i] == -2 || lb[i] == -3, "row " + i + " label " + lb[i]);
	}

	@Test
	void artefactsLieAtTheirTruthPositions() throws Exception {
		BenchmarkWriter.write(spec("all", ALL));
		Path fits = tmp.resolve("all/mergers_sdss_field.fits");
		FitsImage img = FitsReader.readImage(fits, null);
		float[] p = img.plane(0);
		double sigma = img.header().getDouble("SKYSIG1", 0);
		assertTrue(sigma > 0);
		FitsTable t = FitsReader.readTable(fits, "TRUTH");
		double[] x = t.doubleColumn("x"), y = t.doubleColumn("y"), pa = t.doubleColumn("pa_deg"), re = t.doubleColumn(
			"re_arcsec");
		int[] label = t.intColumn("label");
		String[] name = t.stringColumn("class_name");
		Map<String, Integer> count = new HashMap<>();
		float full = max(p);
		for (int i = 0; i < x.length; i++) {
			count.merge(name[i], 1, Integer::sum);
			int expected = switch (name[i]) {
				case "star", "saturated_star" -> -1;
				case "cosmic_ray" -> -2;
				case "bad_column" -> -3;
				case "satellite_trail" -> -4;
				case "ghost" -> -5;
				case "lens" -> -6;
				default -> label[i] >= 0 ? label[i] : Integer.MIN_VALUE;
			};
			assertEquals(expected, label[i], name[i]);
			int ci = (int) Math.round(x[i]), cj = (int) Math.round(y[i]);
			switch (name[i]) {
				case "cosmic_ray" -> assertTrue(max3x3(p, ci, cj) > 5 * sigma, "hit " + i + " at " + ci + "," + cj);
				case "bad_column" -> {
					// every pixel of the piece has the column's one value, far from the sky: hot (+20 sigma) or dead
					float v = p[cj * SIZE + ci];
					assertTrue(Math.abs(v) > 5 * sigma, "column " + ci + " value " + v);
					for (int j = Math.max(0, cj - 20); j <= Math.min(SIZE - 1, cj + 20); j++)
						assertEquals(v, p[j * SIZE + ci], 0);
				}
				case "satellite_trail" -> {
					double a = Math.toRadians(pa[i]);
					double[] along = new double[41];
					for (int s = -20; s <= 20; s++) {
						int ii = clamp(Math.round(x[i] + s * Math.cos(a))), jj = clamp(Math.round(y[i] + s * Math.sin(a)));
						along[s + 20] = p[jj * SIZE + ii];
					}
					assertTrue(median(along) > 1.5 * sigma, "trail piece " + i + ": median " + median(along) / sigma + " sigma");
				}
				case "ghost" -> {
					double r = re[i] / 0.396;
					double[] ring = new double[72];
					int k = 0;
					for (int s = 0; s < 72; s++) {
						int ii = (int) Math.round(x[i] + r * Math.cos(s * Math.PI / 36)), jj = (int) Math.round(y[i] + r * Math.sin(
							s * Math.PI / 36));
						if (ii >= 0 && ii < SIZE && jj >= 0 && jj < SIZE) ring[k++] = p[jj * SIZE + ii];
					}
					assertTrue(k > 10 && median(Arrays.copyOf(ring, k)) > 0.8 * sigma, "ghost ring " + i);
				}
				case "saturated_star" -> {
					// the core is clipped at the full well and the excess has bled along the column
					int atFull = 0;
					for (int j = Math.max(0, cj - 60); j <= Math.min(SIZE - 1, cj + 60); j++)
						if (p[j * SIZE + ci] >= full) atFull++;
					assertTrue(atFull >= 3, "saturated star " + i + ": " + atFull + " pixels at the full well");
				}
				case "lens" -> assertTrue(t.doubleColumn("theta_e_arcsec")[i] > 0, "lens " + i);
				default -> {}
			}
		}
		assertEquals(3, count.get("lens"));
		assertEquals(1, count.get("ghost"));
		assertTrue(count.get("saturated_star") >= 2, "both bright stars saturate: " + count);
		assertTrue(count.get("satellite_trail") >= 1 && count.get("cosmic_ray") > 10 && count.get("bad_column") >= 1, count
			.toString());
	}

	@Test
	void sameBytesWithAnyThreadCount() throws Exception {
		String[] one = Arrays.copyOf(ALL, ALL.length + 1), three = Arrays.copyOf(ALL, ALL.length + 1);
		one[ALL.length] = "threads=1";
		three[ALL.length] = "threads=3";
		BenchmarkWriter.write(spec("t1", one));
		BenchmarkWriter.write(spec("t3", three));
		for (String f : new String[] { "mergers_sdss_field.fits", "mergers_sdss_truth.csv" }) {
			assertArrayEquals(Files.readAllBytes(tmp.resolve("t1").resolve(f)), Files.readAllBytes(tmp.resolve("t3").resolve(
				f)), f);
		}
	}

	private static int clamp(long v) {
		return (int) Math.max(0, Math.min(SIZE - 1, v));
	}

	private static float max(float[] p) {
		float m = Float.NEGATIVE_INFINITY;
		for (float v : p)
			m = Math.max(m, v);
		return m;
	}

	private static float max3x3(float[] p, int ci, int cj) {
		float m = Float.NEGATIVE_INFINITY;
		for (int j = Math.max(0, cj - 1); j <= Math.min(SIZE - 1, cj + 1); j++)
			for (int i = Math.max(0, ci - 1); i <= Math.min(SIZE - 1, ci + 1); i++)
				m = Math.max(m, p[j * SIZE + i]);
		return m;
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}
}
