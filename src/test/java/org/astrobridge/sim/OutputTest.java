package org.astrobridge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a benchmark run writes, their determinism and the option parsing. */
class OutputTest {

	@TempDir
	Path tmp;

	private static SimulationSpec spec(Path out, String... kv) {
		Map<String, String> m = new HashMap<>();
		m.put("outputDir", out.toString());
		for (String s : kv) {
			int i = s.indexOf('=');
			m.put(s.substring(0, i), s.substring(i + 1));
		}
		return SimulationSpec.fromOptions(m);
	}

	private static Map<String, String> hashes(Path dir) throws Exception {
		Map<String, String> h = new TreeMap<>();
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.filter(Files::isRegularFile).toList()) {
				h.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files
					.readAllBytes(p))));
			}
		}
		return h;
	}

	@Test
	void sameSeedGivesIdenticalBytesWhateverTheThreadCount() throws Exception {
		BenchmarkWriter.write(spec(tmp.resolve("a"), "n=24", "stampSize=32", "seed=7", "threads=1", "classFolders=true"));
		BenchmarkWriter.write(spec(tmp.resolve("b"), "n=24", "stampSize=32", "seed=7", "threads=2", "classFolders=true"));
		BenchmarkWriter.write(spec(tmp.resolve("c"), "n=24", "stampSize=32", "seed=8", "threads=2", "classFolders=true"));
		Map<String, String> a = hashes(tmp.resolve("a"));
		assertEquals(a, hashes(tmp.resolve("b")));
		assertNotEquals(a.get("mergers_sdss_stamps.fits"), hashes(tmp.resolve("c")).get("mergers_sdss_stamps.fits"));
		assertTrue(a.containsKey("merger/000001.fits") && a.containsKey("non_merger/000000.fits"), a.keySet().toString());
		BenchmarkWriter.write(spec(tmp.resolve("f1"), "mode=field", "fieldSize=256", "n=20", "bands=1"));
		BenchmarkWriter.write(spec(tmp.resolve("f2"), "mode=field", "fieldSize=256", "n=20", "bands=1", "threads=1"));
		assertEquals(hashes(tmp.resolve("f1")), hashes(tmp.resolve("f2")));
	}

	@Test
	void stampStackCarriesDomainBandsAndLabels() throws Exception {
		BenchmarkWriter.Result r = BenchmarkWriter.write(spec(tmp, "task=morphology", "n=44", "stampSize=24", "seed=2",
			"domain=decals", "lensFraction=0.2"));
		Path fits = tmp.resolve("morphology_decals_stamps.fits");
		FitsImage img = FitsReader.readImage(fits, null);
		assertEquals(24, img.width());
		assertArrayEquals(new int[] { 44, 3 }, img.extraAxes());
		assertEquals(0.262, img.header().getDouble("PIXSCALE", 0), 1e-9);
		assertEquals(1.2, img.header().getDouble("PSFFWHM", 0), 1e-9);
		assertEquals("g", img.header().getString("BAND1"));
		assertEquals("i", img.header().getString("BAND3"));
		assertEquals("lens", img.header().getString("CLASS10"));
		FitsTable labels = FitsReader.readTable(fits, "LABELS");
		assertEquals(44, labels.rowCount());
		assertEquals(List.of("index", "label", "class_name"), labels.columnNames().subList(0, 3));
		int[] lab = labels.intColumn("label");
		String[] names = labels.stringColumn("class_name");
		int lenses = 0;
		for (int i = 0; i < 44; i++) {
			assertEquals(r.classNames().get(lab[i]), names[i]);
			if (lab[i] == Task.LENS) lenses++;
		}
		assertTrue(lenses > 0 && lenses == r.classCounts()[Task.LENS]);
		List<String> csv = Files.readAllLines(tmp.resolve("morphology_decals_labels.csv"));
		assertEquals(45, csv.size());
		assertTrue(csv.get(0).startsWith("index,label,class_name,features,snr_r,mag_r"), csv.get(0));
		assertTrue(Files.size(tmp.resolve("morphology_decals_contact.png")) > 1000);
	}

	@Test
	void fieldHasWcsAndTruthAtTheRightPixels() throws Exception {
		BenchmarkWriter.write(spec(tmp, "mode=field", "fieldSize=300", "n=10", "bands=1", "domain=lsst-y10"));
		Path fits = tmp.resolve("mergers_lsst-y10_field.fits");
		FitsImage img = FitsReader.readImage(fits, null);
		assertEquals(300, img.width());
		assertEquals(0.2, img.wcs().pixelScaleArcsec(), 1e-6);
		FitsTable truth = FitsReader.readTable(fits, "TRUTH");
		double[] x = truth.doubleColumn("x"), y = truth.doubleColumn("y"), mag = truth.doubleColumn("mag_r"), ra = truth
			.doubleColumn("ra"), dec = truth.doubleColumn("dec");
		int[] label = truth.intColumn("label");
		int brightest = -1;
		for (int i = 0; i < x.length; i++)
			if (label[i] == -1 && (brightest < 0 || mag[i] < mag[brightest])) brightest = i;
		// the brightest star's peak pixel is where the truth table says (0-based FITS pixels)
		float[] p = img.plane(0);
		int best = 0;
		for (int j = Math.max(0, (int) y[brightest] - 3); j <= Math.min(299, (int) y[brightest] + 3); j++)
			for (int i = Math.max(0, (int) x[brightest] - 3); i <= Math.min(299, (int) x[brightest] + 3); i++)
				if (p[j * 300 + i] > p[best]) best = j * 300 + i;
		assertEquals(x[brightest], best % 300, 0.51);
		assertEquals(y[brightest], best / 300, 0.51);
		double[] sky = img.wcs().pixelToSky(x[brightest], y[brightest]);
		assertEquals(ra[brightest], sky[0], 1e-9);
		assertEquals(dec[brightest], sky[1], 1e-9);
		assertEquals(x.length + 1, Files.readAllLines(tmp.resolve("mergers_lsst-y10_truth.csv")).size());
	}

	@Test
	void cancellingLeavesNoDataSet() {
		int[] calls = { 0 };
		BenchmarkWriter w = new BenchmarkWriter(spec(tmp, "n=400", "stampSize=16"), p -> {}, () -> ++calls[0] > 50);
		assertThrows(CancellationException.class, w::write);
		assertFalse(Files.exists(tmp.resolve("mergers_sdss_stamps.fits")));
	}

	@Test
	void progressRisesToOne() throws IOException {
		double[] last = { -1 };
		new BenchmarkWriter(spec(tmp, "n=50", "stampSize=16"), p -> {
			assertTrue(p >= last[0]);
			last[0] = p;
		}, null).write();
		assertEquals(1.0, last[0]);
	}

	@Test
	void optionsAreCheckedWithClearMessages() {
		SimulationSpec s = spec(tmp, "Stamp_Size=32", "DOMAIN=lsst-y1", "psf=gaussian", "exposure=100", "task=noise");
		assertEquals(32, s.stampSize());
		assertEquals(0, s.domain().moffatBeta());
		assertEquals(100, s.domain().exposure());
		assertEquals(Task.NOISE, s.task());
		assertMessage("unknown option 'colour'", () -> spec(tmp, "colour=red"));
		assertMessage("unknown domain 'hst'", () -> spec(tmp, "domain=hst"));
		assertMessage("unknown task 'photoz'", () -> spec(tmp, "task=photoz"));
		assertMessage("option 'n' must be an integer, got 'ten'", () -> spec(tmp, "n=ten"));
		assertMessage("bands must be 1 (r) or 3", () -> spec(tmp, "bands=2"));
		assertMessage("option 'classFolders' must be true or false", () -> spec(tmp, "classFolders=maybe"));
		assertMessage("option 'mode' must be stamps or field", () -> spec(tmp, "mode=cube"));
		assertMessage("lenses exist only in the morphology task", () -> spec(tmp, "lensFraction=0.1"));
		assertMessage("missing required option 'outputDir'", () -> SimulationSpec.fromOptions(Map.of("n", "3")));
		assertMessage("pixelScale must be > 0", () -> spec(tmp, "pixelScale=-1"));
	}

	private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
		IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
		assertTrue(ex.getMessage().contains(part), ex.getMessage());
	}

	@Test
	void sameObjectsInEveryDomain() {
		ObjectFactory f = new ObjectFactory(Task.NOISE, 0, 0.12, 0.15);
		StampMaker y1 = new StampMaker(f, Domain.preset("lsst-y1"), 1, 32, 5);
		StampMaker y10 = new StampMaker(f, Domain.preset("lsst-y10"), 1, 32, 5);
		for (int i = 0; i < 10; i++) {
			StampMaker.Stamp a = y1.make(i), b = y10.make(i);
			assertArrayEquals(a.object().params(), b.object().params());
			assertTrue(a.snr() < b.snr());
		}
	}
}
