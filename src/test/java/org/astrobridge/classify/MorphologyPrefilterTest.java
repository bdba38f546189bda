package org.astrobridge.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.astrobridge.classify.MorphologyPrefilter.Verdict;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.detect.DetectionResult;
import org.astrobridge.detect.Detector;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.Wcs;
import org.astrobridge.report.Catalog;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The morphology pre-filter on a simulated SDSS-like field (Moffat PSF, noise) against the simulator's truth, with a
 * cosmic-ray hit and a bad column put in at known places.
 */
class MorphologyPrefilterTest {

	private static final int HIT_X = 300;
	private static final int HIT_Y = 700;
	private static final int COLUMN_X = 901;

	@TempDir
	static Path dir;
	static FitsImage field;
	static Catalog truth;
	static List<DetectedObject> objects;
	static MorphologyPrefilter.Result result;

	@BeforeAll
	static void simulateAndTest() throws Exception {
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "sdss", "mode", "field", "n",
			"120", "fieldSize", "1024", "bands", "1", "seed", "7", "outputDir", dir.toString(), "contactSheet", "false",
			"threads", "1")));
		field = FitsReader.readImage(dir.resolve("mergers_sdss_field.fits"), null);
		truth = TruthComparison.readTruth(dir.resolve("mergers_sdss_field.fits"));
		float[] px = field.plane(0);
		double sky = field.header().getDouble("SKYSIG1", 0.02);
		px[HIT_Y * field.width() + HIT_X] += (float) (400 * sky);
		for (int y = 100; y < 400; y++) {
			px[y * field.width() + COLUMN_X] += (float) (30 * sky);
		}
		DetectionResult d = detect(px, field.width(), field.height(), field.wcs());
		objects = d.objects();
		result = MorphologyPrefilter.test(px, field.width(), field.height(), d.background(), objects);
	}

	@Test
	void findsThePsfFromTheFieldsOwnStars() {
		assertTrue(result.hasLocus(), result.description());
		double fwhmPx = field.header().getDouble("PSFFWHM", 0) / field.header().getDouble("PIXSCALE", 1);
		double fitted = result.psfSigma() * 2 * Math.sqrt(2 * Math.log(2));
		// a Gaussian fitted to a Moffat core is a little wider than the Moffat's FWHM
		assertTrue(fitted > 0.9 * fwhmPx && fitted < 1.35 * fwhmPx, "fitted FWHM " + fitted + " px, PSF " + fwhmPx + " px");
	}

	@Test
	void flagsStarsAndLeavesGalaxies() {
		double[] tx = truth.doubleColumn("x");
		double[] ty = truth.doubleColumn("y");
		int[] label = truth.intColumn("label");
		int stars = 0;
		int starsFlagged = 0;
		int galaxies = 0;
		int galaxiesFlagged = 0;
		for (int t = 0; t < tx.length; t++) {
			int i = nearest(tx[t], ty[t], 2.0);
			if (i < 0) {
				continue;
			}
			boolean flagged = result.verdicts()[i] != Verdict.GALAXY;
			if (label[t] < 0) {
				stars++;
				starsFlagged += flagged ? 1 : 0;
			}
			else {
				galaxies++;
				galaxiesFlagged += flagged ? 1 : 0;
			}
		}
		assertTrue(stars >= 20 && galaxies >= 60, stars + " stars, " + galaxies + " galaxies matched");
		assertTrue(starsFlagged >= 0.9 * stars, starsFlagged + " of " + stars + " stars flagged");
		assertTrue(galaxiesFlagged <= 0.03 * galaxies, galaxiesFlagged + " of " + galaxies + " galaxies flagged");
	}

	@Test
	void callsAHitSharpAndABadColumnLinear() {
		int hit = nearest(HIT_X, HIT_Y, 1.0);
		assertTrue(hit >= 0, "the hit is detected");
		assertEquals(Verdict.SHARP, result.verdicts()[hit], "spread " + result.spread()[hit]);
		assertTrue(result.spread()[hit] < result.zeroPoint() - 10 * result.spreadErr()[hit]);
		// the deblender cuts the column into pieces; each piece must be called linear
		int pieces = 0;
		for (int i = 0; i < objects.size(); i++) {
			DetectedObject o = objects.get(i);
			if (Math.abs(o.x() - COLUMN_X) < 1 && o.yMin() >= 95 && o.yMax() <= 405) {
				assertEquals(Verdict.LINEAR, result.verdicts()[i], o.toString());
				pieces++;
			}
		}
		assertTrue(pieces > 0, "the bad column is detected");
	}

	@Test
	void withoutStarsThereIsNoLocusAndNothingIsFlagged() {
		int w = 200;
		float[] px = new float[w * w];
		SplittableRandom r = new SplittableRandom(1);
		for (int i = 0; i < px.length; i++) {
			px[i] = (float) r.nextGaussian();
		}
		// two round exponential galaxies: too few for a locus
		for (int[] c : new int[][] { { 60, 60 }, { 140, 130 } }) {
			for (int y = 0; y < w; y++) {
				for (int x = 0; x < w; x++) {
					px[y * w + x] += (float) (200 * Math.exp(-Math.hypot(x - c[0], y - c[1]) / 3.0));
				}
			}
		}
		DetectionResult d = detect(px, w, w, null);
		MorphologyPrefilter.Result none = MorphologyPrefilter.test(px, w, w, d.background(), d.objects());
		assertFalse(none.hasLocus());
		assertTrue(none.description().contains("no stellar locus"), none.description());
		for (Verdict v : none.verdicts()) {
			assertEquals(Verdict.GALAXY, v);
		}
	}

	@Test
	void aFlatTopIsSaturatedWithoutAHeaderLevel() throws Exception {
		// bright stars clipped at the full well, some with bleed trails; the detection is told no saturation level
		Path sub = dir.resolve("saturated");
		simulate(sub, "n", "120", "seed", "8", "brightStars", "8", "bleedTrails", "true");
		FitsImage img = FitsReader.readImage(sub.resolve("mergers_sdss_field.fits"), null);
		Catalog t = TruthComparison.readTruth(sub.resolve("mergers_sdss_field.fits"));
		DetectionResult d = detect(img.plane(0), img.width(), img.height(), img.wcs());
		MorphologyPrefilter.Result r = MorphologyPrefilter.test(img.plane(0), img.width(), img.height(), d.background(), d
			.objects());
		String[] name = t.stringColumn("class_name");
		int[] label = t.intColumn("label");
		int saturated = 0;
		int galaxies = 0;
		for (int k = 0; k < name.length; k++) {
			int i = nearest(d.objects(), t.doubleColumn("x")[k], t.doubleColumn("y")[k], 3.0);
			if (i < 0) {
				continue;
			}
			assertEquals(0, d.objects().get(i).flags() & org.astrobridge.detect.ObjectFlags.SATURATED, "no detection flag 4");
			if (name[k].equals("saturated_star")) {
				assertEquals(Verdict.SATURATED, r.verdicts()[i], "saturated star " + k);
				saturated++;
			}
			else if (label[k] >= 0) {
				assertTrue(r.verdicts()[i] != Verdict.SATURATED, "galaxy " + k);
				galaxies++;
			}
		}
		assertTrue(saturated >= 6 && galaxies >= 60, saturated + " saturated stars, " + galaxies + " galaxies matched");
	}

	@Test
	void quantisedUnsaturatedFieldsHaveNoFlatTops() throws Exception {
		// lossy quantisation puts neighbouring pixels on the same values; bright stars without a full well must not
		// look saturated, nor any galaxy, even in steps of one sky sigma
		for (String q : new String[] { "1", "4" }) {
			Path sub = dir.resolve("quantised" + q);
			simulate(sub, "n", "150", "seed", "9", "brightStars", "8", "saturation", "0", "quantize", q);
			FitsImage img = FitsReader.readImage(sub.resolve("mergers_sdss_field.fits"), null);
			DetectionResult d = detect(img.plane(0), img.width(), img.height(), img.wcs());
			MorphologyPrefilter.Result r = MorphologyPrefilter.test(img.plane(0), img.width(), img.height(), d.background(), d
				.objects());
			assertTrue(r.hasLocus(), r.description());
			for (int i = 0; i < r.verdicts().length; i++) {
				assertTrue(r.verdicts()[i] != Verdict.SATURATED, "quantize=" + q + ": " + d.objects().get(i));
			}
		}
	}

	@Test
	void moreLensesThanStarsOfOneSizeDoNotTakeTheLocus() throws Exception {
		// on a small field with 50 lenses and the field artefacts, a population of one larger size outnumbers the bright
		// round stars (the densest window had a PSF FWHM of 6.96 px, twice the true one): the locus stays the stars'
		Path sub = dir.resolve("lenses");
		simulate(sub, "n", "150", "seed", "1", "lenses", "50", "cosmicRays", "40", "badColumns", "2", "satelliteTrails",
			"4", "ghosts", "6", "bleedTrails", "true", "brightStars", "10");
		FitsImage img = FitsReader.readImage(sub.resolve("mergers_sdss_field.fits"), null);
		DetectionResult d = detect(img.plane(0), img.width(), img.height(), img.wcs());
		MorphologyPrefilter.Result r = MorphologyPrefilter.test(img.plane(0), img.width(), img.height(), d.background(), d
			.objects());
		assertTrue(r.hasLocus(), r.description());
		double fwhmPx = img.header().getDouble("PSFFWHM", 0) / img.header().getDouble("PIXSCALE", 1);
		double fitted = r.psfSigma() * 2 * Math.sqrt(2 * Math.log(2));
		assertTrue(fitted > 0.9 * fwhmPx && fitted < 1.35 * fwhmPx, "fitted FWHM " + fitted + " px, PSF " + fwhmPx + " px");
	}

	/** A 1024x1024 one-band sdss mergers field with these options besides. */
	/** Detection with the settings classification uses by default. */
	private static DetectionResult detect(float[] px, int width, int height, Wcs wcs) {
		return new Detector(ClassifySettings.defaults().detection()).detect(px, width, height, wcs);
	}

	private static void simulate(Path sub, String... options) throws Exception {
		Map<String, String> m = new java.util.HashMap<>(Map.of("task", "mergers", "domain", "sdss", "mode", "field",
			"fieldSize", "1024", "bands", "1", "outputDir", sub.toString(), "contactSheet", "false", "threads", "1"));
		for (int k = 0; k < options.length; k += 2) {
			m.put(options[k], options[k + 1]);
		}
		BenchmarkWriter.write(SimulationSpec.fromOptions(m));
	}

	private static int nearest(double x, double y, double radius) {
		return nearest(objects, x, y, radius);
	}

	private static int nearest(List<DetectedObject> objects, double x, double y, double radius) {
		int best = -1;
		double bestD = radius * radius;
		for (int i = 0; i < objects.size(); i++) {
			double dx = objects.get(i).x() - x;
			double dy = objects.get(i).y() - y;
			if (dx * dx + dy * dy <= bestD) {
				bestD = dx * dx + dy * dy;
				best = i;
			}
		}
		return best;
	}
}
