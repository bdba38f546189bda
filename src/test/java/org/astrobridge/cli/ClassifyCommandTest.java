package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsTable;
import org.astrobridge.ij.CatalogOverlay;
import org.astrobridge.ij.CatalogTable;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogReader;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classify command headless (CLI and batch macro) on small simulated fields with the shipped merger model. */
class ClassifyCommandTest {

	static final String MODEL = "models/mergers-sim-to-sdss-dann.zip";

	static Path field(Path dir, String seed, int size) throws Exception {
		Path out = dir.resolve("sim-" + seed);
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "sdss", "mode", "field", "n",
			"6", "fieldSize", String.valueOf(size), "bands", "1", "seed", seed, "outputDir", out.toString(), "contactSheet",
			"false", "threads", "1")));
		return out.resolve("mergers_sdss_field.fits");
	}

	@Test
	void cliWritesCatalogueFilesAndOverlayPng(@TempDir Path dir) throws Exception {
		Path fits = field(dir, "5", 200);
		Path out = dir.resolve("out");
		HeadlessRun run = HeadlessRun.of("classify", fits.toString(), "--model", MODEL, "--output", out.toString(),
			"--threads", "1");
		assertEquals(0, run.exitCode, run.toString());
		Catalog csv = CsvCatalogReader.read(out.resolve("mergers_sdss_field_catalog.csv"));
		FitsTable table = FitsReader.readTable(out.resolve("mergers_sdss_field_catalog.fits"), null);
		assertTrue(csv.rowCount() > 0, run.toString());
		assertEquals(csv.rowCount(), table.rowCount());
		assertEquals(csv.columnNames(), table.columnNames());
		assertTrue(run.stdout.contains("mergers_sdss_field: " + csv.rowCount() + " objects, non_merger="), run.toString());
		String reg = Files.readString(out.resolve("mergers_sdss_field.reg"));
		assertEquals(csv.rowCount(), reg.lines().filter(l -> l.startsWith("ellipse(")).count());
		BufferedImage png = ImageIO.read(out.resolve("mergers_sdss_field_overlay.png").toFile());
		assertEquals(200, png.getWidth());
		assertEquals(200, png.getHeight());
		assertTrue(hasColouredPixels(png), "the overlay is burnt into the PNG");
		assertFalse(Files.list(out).anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temp files left");

		// the ResultsTable the GUI shows: every column, every row
		ResultsTable rt = CatalogTable.of(csv);
		assertEquals(csv.rowCount(), rt.size());
		for (String col : csv.columnNames())
			assertTrue(rt.columnExists(col), col);
		assertEquals(csv.getString("class", 0), rt.getStringValue("class", 0));
		assertEquals(csv.getDouble("ra", 0), rt.getValue("ra", 0), 1e-12);

		// the overlay of that catalogue: one ellipse per object, OOD objects red and dashed
		Overlay overlay = CatalogOverlay.of(csv, 200);
		assertEquals(csv.rowCount(), CatalogOverlay.ellipseCount(overlay));
		assertEquals(2 * csv.rowCount(), overlay.size(), "an ellipse and a label per object");
		for (Roi roi : overlay.toArray()) {
			if (roi.getName().startsWith(CatalogOverlay.ELLIPSE_PREFIX)) {
				int row = rowOf(csv, Integer.parseInt(roi.getName().substring(CatalogOverlay.ELLIPSE_PREFIX.length())));
				boolean ood = csv.getInt("ood", row) == 1;
				assertEquals(ood, Color.RED.equals(roi.getStrokeColor()));
				assertEquals(ood, roi.getStroke() != null && roi.getStroke().getDashArray() != null);
				double[] c = roi.getContourCentroid();
				assertEquals(csv.getDouble("x_ij", row), c[0], 1.0);
				assertEquals(csv.getDouble("y_ij", row), c[1], 1.0);
			}
		}
	}

	/**
	 * The package as written before target latents were kept: unzipped, without latent_target.f32 and its model.json
	 * entry.
	 */
	@SuppressWarnings("unchecked")
	static Path withoutTargetLatents(Path zip, Path folder) throws Exception {
		try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
			for (java.util.zip.ZipEntry e; (e = z.getNextEntry()) != null;) {
				if (e.isDirectory() || e.getName().equals("latent_target.f32")) continue;
				Path p = folder.resolve(e.getName());
				Files.createDirectories(p.getParent());
				Files.copy(z, p);
			}
		}
		Path card = folder.resolve("model.json");
		Map<String, Object> json = (Map<String, Object>) org.astrobridge.model.Json.parse(Files.readString(card));
		Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) json.get("latent")).get("target");
		target.remove("samplesFile");
		target.remove("samples");
		Files.writeString(card, org.astrobridge.model.Json.write(json));
		return folder;
	}

	@Test
	void openSetScoreWithAModelWithoutTargetLatentsFailsNamingTheModel(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("out");
		String model = withoutTargetLatents(Path.of(MODEL), dir.resolve("old-model")).toString();
		HeadlessRun run = HeadlessRun.of("classify", "test-images/arange.fits", "--model", model, "--ood", "open-set",
			"--out", out.toString(), "--threads", "1");
		assertEquals(1, run.exitCode, run.toString());
		assertTrue(run.stderr.contains("model " + model +
			" keeps 0 target latents; the open-set OOD score needs at least 100"), run.toString());
		assertFalse(Files.exists(out.resolve("arange_catalog.csv")), "nothing written");
	}

	@Test
	void stampStackWithEnsembleGivesCatalogueWithoutRegions(@TempDir Path dir) throws Exception {
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "decals", "n", "12",
			"stampSize", "48", "bands", "1", "outputDir", dir.toString(), "contactSheet", "false", "threads", "1")));
		Path out = dir.resolve("out");
		HeadlessRun run = HeadlessRun.of("classify", dir.resolve("mergers_decals_stamps.fits").toString(), "--model", MODEL,
			"--stamps", "--mcpasses", "3", "--ensemble", MODEL, "--output", out.toString(), "--threads", "1");
		assertEquals(0, run.exitCode, run.toString());
		assertTrue(run.stdout.contains("OOD mean over 2 members of (mahalanobis - median) / (threshold - median) > 1"), run
			.toString());
		assertTrue(run.stdout.contains("has 0.262\"/px but the model was trained at 0.396\"/px"), run.toString());
		Catalog csv = CsvCatalogReader.read(out.resolve("mergers_decals_stamps_catalog.csv"));
		assertEquals(12, csv.rowCount());
		assertTrue(csv.hasColumn("p_std") && csv.hasColumn("mutual_info"), csv.columnNames().toString());
		assertEquals(12, FitsReader.readTable(out.resolve("mergers_decals_stamps_catalog.fits"), null).rowCount());
		assertFalse(Files.exists(out.resolve("mergers_decals_stamps.reg")));
		assertFalse(Files.exists(out.resolve("mergers_decals_stamps_overlay.png")));
	}

	@Test
	void batchMacroFinishesGoodFilesAndReportsTheBadOne(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(field(dir, "7", 128), in.resolve("a.fits"));
		Files.copy(field(dir, "8", 128), in.resolve("b.fits"));
		Files.write(in.resolve("broken.fits"), "SIMPLE  =                    T / not really".getBytes());
		Path out = dir.resolve("out");
		String arg = in + "|" + MODEL + "|" + out;
		HeadlessRun first = HeadlessRun.of("macro", "macros/batch-classify.ijm", arg);
		assertEquals(1, first.exitCode, "a failed file makes the run fail at the end: " + first);
		assertTrue(first.stdout.contains("broken.fits: FAILED"), first.toString());
		assertTrue(first.stdout.contains("3 files: 2 classified, 0 already done, 1 failed"), first.toString());
		assertTrue(first.stderr.contains("1 of 3 files failed"), first.toString());
		Catalog a = CsvCatalogReader.read(out.resolve("a_catalog.csv"));
		Catalog b = CsvCatalogReader.read(out.resolve("b_catalog.csv"));
		Catalog merged = CsvCatalogReader.read(out.resolve("merged_catalog.csv"));
		assertEquals(a.rowCount() + b.rowCount(), merged.rowCount());
		assertEquals(List.of("a_catalog.csv", "b_catalog.csv"), List.of(merged.getString("file", 0), merged.getString(
			"file", merged.rowCount() - 1)));
		assertFalse(Files.exists(out.resolve("broken_catalog.csv")));

	}

	@Test
	void resumedRunRedoesNothing(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(field(dir, "9", 96), in.resolve("c.fits"));
		Files.write(in.resolve("empty.fits"), new byte[0]);
		Path out = dir.resolve("out");
		String call = "run(\"Classify Folder...\", \"folder=[" + in + "] model=[" + MODEL + "] out=[" + out +
			"] onerror=log threads=1\");";
		String times = "print(\"times=\" + File.lastModified(\"" + out.resolve("c_catalog.csv") + "\") + \",\" " +
			"+ File.lastModified(\"" + out.resolve("c_catalog.fits") + "\") + \",\" + File.lastModified(\"" + out.resolve(
				"c_overlay.png") + "\") + \",\" + File.lastModified(\"" + out.resolve("c.reg") + "\"));";
		Path macro = dir.resolve("twice.ijm");
		Files.writeString(macro, String.join("\n", call, times, "wait(1100);", call, times, ""));
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, "onerror=log: failures are only logged: " + run);
		assertTrue(run.stdout.contains("2 files: 1 classified, 0 already done, 1 failed"), run.toString());
		assertTrue(run.stdout.contains("2 files: 0 classified, 1 already done, 1 failed"), run.toString());
		List<String> stamps = run.stdout.lines().filter(l -> l.startsWith("times=")).toList();
		assertEquals(2, stamps.size(), run.toString());
		assertFalse(stamps.get(0).contains("times=0"), run.toString());
		assertEquals(stamps.get(0), stamps.get(1), "nothing was rewritten: " + run);
	}

	private static int rowOf(Catalog c, int id) {
		for (int r = 0; r < c.rowCount(); r++) {
			if (c.getInt("id", r) == id) return r;
		}
		throw new AssertionError("no row with id " + id);
	}

	private static boolean hasColouredPixels(BufferedImage img) {
		for (int y = 0; y < img.getHeight(); y++) {
			for (int x = 0; x < img.getWidth(); x++) {
				int rgb = img.getRGB(x, y);
				int r = (rgb >> 16) & 255;
				int g = (rgb >> 8) & 255;
				int b = rgb & 255;
				if (r != g || g != b) return true;
			}
		}
		return false;
	}
}
