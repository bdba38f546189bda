package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsWriter;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field whose WCS cannot be represented (IRAF's TNX) is classified headless: the reason, naming the keyword, is in
 * the log, in fits-info, in both catalogue files and in the region file, which is then in image coordinates.
 */
class WcsRefusalReportTest {

	private static final String REASON = "CTYPE1 = 'RA---TNX': TNX distortion (IRAF) is not supported";

	@Test
	void tnxIsReportedInEveryOutput(@TempDir Path dir) throws Exception {
		Path sim = ClassifyCommandTest.field(dir, "7", 200);
		FitsImage image = FitsReader.readImage(sim, null);
		FitsHeader h = new FitsHeader(image.header());
		h.set("CTYPE1", "RA---TNX", null).set("CTYPE2", "DEC--TNX", null).set("WAT1_001",
			"wtype=tnx axtype=ra lngcor = \"3. 4. 4. 2.\"", null);
		Path tnx = dir.resolve("tnx.fits");
		FitsWriter.write(tnx, new FitsImage(image.width(), image.height(), image.extraAxes(), image.planes(), h));

		HeadlessRun info = HeadlessRun.of("fits-info", tnx.toString());
		assertEquals(0, info.exitCode, info.toString());
		assertTrue(info.stdout.contains("refused: " + REASON), info.toString());

		Path out = dir.resolve("out");
		HeadlessRun run = HeadlessRun.of("classify", tnx.toString(), "--model", ClassifyCommandTest.MODEL, "--out", out
			.toString(), "--threads", "1");
		assertEquals(0, run.exitCode, run.toString());
		assertTrue((run.stdout + run.stderr).contains("warning: tnx.fits[0]: WCS not used, coordinates are in pixels " +
			"only: " + REASON), run.toString());

		Path csvFile = out.resolve("tnx_catalog.csv");
		String firstLine = Files.readAllLines(csvFile).get(0);
		assertEquals("# WCS not used, coordinates are in pixels only: " + REASON, firstLine);
		Catalog csv = CsvCatalogReader.read(csvFile);
		assertTrue(csv.rowCount() > 0, run.toString());
		for (int r = 0; r < csv.rowCount(); r++) {
			assertTrue(Double.isNaN(csv.getDouble("ra", r)) && Double.isNaN(csv.getDouble("dec", r)), "row " + r);
		}

		String fitsText = new String(Files.readAllBytes(out.resolve("tnx_catalog.fits")), StandardCharsets.US_ASCII);
		assertTrue(fitsText.replaceAll("COMMENT ", "").replaceAll(" {2,}", "").contains(
			"WCS not used, coordinates are in pixels only: " + REASON), "FITS catalogue COMMENT cards");

		String reg = Files.readString(out.resolve("tnx.reg"));
		assertTrue(reg.contains("\n# wcs_warning: WCS not used, coordinates are in pixels only: " + REASON + "\n"), reg);
		assertTrue(reg.contains("\nimage\n"), "regions in image coordinates");
		assertFalse(reg.contains("fk5"), reg);
		reg.lines().filter(l -> l.startsWith("#")).forEach(l -> assertFalse(l.contains(";"), l));
	}
}
