package org.astrobridge.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.astrobridge.classify.TruthComparison;
import org.astrobridge.detect.DetectedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every catalogue format written through STIL and read back through STIL and (FITS) nom-tam-fits. */
public class CatalogFormatsTest {

	@TempDir
	Path dir;

	/** A path longer than a FITS card, so the header needs CONTINUE cards. */
	static final String LONG_PATH = "/data/survey/" + "deep_field_".repeat(8) + "it's.fits";

	public static Catalog classified() {
		CatalogBuilder b = CatalogBuilder.forDetections(new String[] { "spiral", "elliptical" }, 100, false);
		b.add(CatalogMergerTest.object(1, 9.0, 19.5), new float[] { 0.3f, 0.7f }, 0, 1.5, false);
		b.add(CatalogMergerTest.object(2, 40.25, 60.0), new float[] { 0.9f, 0.1f }, 0, 7.5, true);
		Catalog c = b.catalog();
		Provenance.stamp(c);
		c.putMetadata(Provenance.IMAGE_PATH, LONG_PATH);
		c.putMetadata(Provenance.IMAGE_SHA256, "ab".repeat(32));
		c.putMetadata(Provenance.IMAGE_HDU, "SCI,1");
		c.putMetadata(Provenance.MODEL, "models/mergers");
		c.putMetadata(Provenance.MODEL_CLASSES, "spiral,elliptical");
		c.putMetadata(Provenance.OOD_METHOD, "mahalanobis");
		c.putMetadata(Provenance.OOD_THRESHOLD, "3.25");
		c.putMetadata(Provenance.OOD_KEEP, "0.95");
		c.putMetadata(Provenance.UNCERTAINTY, "none");
		c.putMetadata(Catalog.WCS_WARNING, "WCS not used, coordinates are in pixels only: projection TNX is not supported");
		return c;
	}

	@Test
	void everyFormatReadsBackWithUnitsUcdsAndProvenance() throws IOException {
		Catalog orig = classified();
		for (CatalogFormat f : List.of(CatalogFormat.FITS, CatalogFormat.VOTABLE, CatalogFormat.ECSV)) {
			Path file = dir.resolve("cat" + f.extension());
			CatalogFiles.write(orig, file);
			Catalog back = CatalogFiles.read(file);
			assertEquals(orig.columnNames(), back.columnNames(), f.toString());
			assertEquals(2, back.rowCount(), f.toString());
			assertEquals("pixel", back.column("x_image").unit(), f.toString());
			assertEquals("deg", back.column("ra").unit(), f.toString());
			assertEquals("pos.eq.ra;meta.main", back.column("ra").ucd(), f.toString());
			assertEquals("src.class", back.column("class").ucd(), f.toString());
			assertEquals("stat.probability", back.column("p_elliptical").ucd(), f.toString());
			assertTrue(back.column("x_image").description().contains("SExtractor X_IMAGE"), f.toString());
			assertEquals(Catalog.Type.INT, back.column("ood").type(), f.toString());
			assertArrayEquals(new int[] { 0, 1 }, back.intColumn("ood"), f.toString());
			assertArrayEquals(orig.doubleColumn("x_image"), back.doubleColumn("x_image"), 0, f.toString());
			assertArrayEquals(orig.doubleColumn("p_spiral"), back.doubleColumn("p_spiral"), 0, f.toString());
			assertArrayEquals(new String[] { "elliptical", "spiral" }, back.stringColumn("class"), f.toString());
			assertTrue(Double.isNaN(back.getDouble("ra", 0)), f + ": missing ra stays missing");
			for (String key : List.of(Provenance.SOFTWARE, Provenance.SOFTWARE_VERSION, Provenance.DATE,
				Provenance.IMAGE_PATH, Provenance.IMAGE_SHA256, Provenance.IMAGE_HDU, Provenance.MODEL,
				Provenance.MODEL_CLASSES, Provenance.OOD_METHOD, Provenance.OOD_THRESHOLD, Provenance.OOD_KEEP,
				Provenance.UNCERTAINTY))
			{
				assertEquals(orig.metadata().get(key), back.metadata().get(key), f + ": " + key);
			}
			if (f != CatalogFormat.FITS) {
				assertEquals(orig.metadata().get(Catalog.WCS_WARNING), back.metadata().get(Catalog.WCS_WARNING));
			}
		}
	}

	@Test
	void fitsHeaderCarriesProvenanceForNomTamFits() throws Exception {
		Path file = dir.resolve("cat.fits");
		FitsCatalogWriter.write(classified(), file);
		try (Fits fits = new Fits(file.toFile())) {
			BinaryTableHDU hdu = (BinaryTableHDU) fits.getHDU(1);
			Header h = hdu.getHeader();
			assertEquals(FitsCatalogWriter.EXTNAME, h.getStringValue("EXTNAME"));
			assertEquals(LONG_PATH, h.getStringValue("IMGPATH")); // long string over CONTINUE cards
			assertEquals("ab".repeat(32), h.getStringValue("IMGSHA"));
			assertEquals("SCI,1", h.getStringValue("IMGHDU"));
			assertEquals("mahalanobis", h.getStringValue("OODMETH"));
			assertEquals("3.25", h.getStringValue("OODTHR"));
			assertEquals("AstroBridge", h.getStringValue("SOFTWARE"));
			assertTrue(h.getStringValue("DATE").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
			int xImage = hdu.findColumn("x_image") + 1;
			assertTrue(xImage > 0);
			assertEquals("pixel", h.getStringValue("TUNIT" + xImage));
			assertEquals("pos.cartesian.x;instr.det;meta.main", h.getStringValue("TUCD" + xImage));
		}
		String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.US_ASCII);
		assertTrue(text.replaceAll("COMMENT ", "").replaceAll(" {2,}", "").contains(
			"WCS not used, coordinates are in pixels only: projection TNX is not supported"));
	}

	@Test
	void mergeAndTruthReadAnyFormat() throws IOException {
		Path a = dir.resolve("a_catalog.vot");
		Path b = dir.resolve("b_catalog.ecsv");
		Path c = dir.resolve("c_catalog.fits");
		CatalogFiles.write(classified(), a);
		CatalogFiles.write(classified(), b);
		CatalogFiles.write(classified(), c, CatalogFormat.FITS);
		Catalog merged = CatalogMerger.mergeFiles(List.of(a, b, c));
		assertEquals(6, merged.rowCount());
		assertEquals(List.of("a_catalog.vot", "a_catalog.vot", "b_catalog.ecsv", "b_catalog.ecsv", "c_catalog.fits",
			"c_catalog.fits"), List.of(merged.stringColumn(CatalogMerger.FILE_COLUMN)));
		assertEquals("pos.eq.ra;meta.main", merged.column("ra").ucd());
		assertEquals("models/mergers", merged.metadata().get(Provenance.MODEL));

		Catalog truth = new Catalog().addDouble("x", "pixel", "").addDouble("y", "pixel", "").addInt("label", "", "")
			.addString("class_name", "");
		truth.addRow(9.2, 19.4, 1, "elliptical");
		truth.addRow(40.0, 60.0, -1, "star");
		Path t = dir.resolve("truth.ecsv");
		CatalogFiles.write(truth, t);
		TruthComparison cmp = TruthComparison.compare(classified(), TruthComparison.readTruth(t), 2);
		assertEquals(1, cmp.correct());
		assertEquals(1, cmp.starsFlaggedOod());
	}

	@Test
	void badFilesGiveOneLineNamingTheFile() throws IOException {
		Path junk = dir.resolve("junk.vot");
		Files.writeString(junk, "not a table");
		IOException e = assertThrows(IOException.class, () -> CatalogFiles.read(junk));
		assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());
		Path input = dir.resolve("field.fits");
		Files.writeString(input, "original");
		assertThrows(IOException.class, () -> CatalogFiles.write(classified(), input, input));
		assertEquals("original", Files.readString(input));
		assertEquals(CatalogFormat.VOTABLE, CatalogFormat.of("votable"));
		assertEquals(CatalogFormat.ECSV, CatalogFormat.ofFile(Path.of("x.ecsv")));
		assertThrows(IllegalArgumentException.class, () -> CatalogFormat.of("xls"));
		assertTrue(DetectedObject.COLUMNS.stream().noneMatch(col -> col.unit().contains("px")));
	}
}
