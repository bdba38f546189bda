package org.astrobridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.ood.Uncertainty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogMergerTest {

	static DetectedObject object(int id, double x, double y) {
		return new DetectedObject(id, x, y, Double.NaN, Double.NaN, 100, 10, 10, 20, (int) x, (int) y, 12, 2, 1, 15, 0.5,
			1.5, 0, 0, 0, 5, 5);
	}

	@Test
	void builderMakesTheStandardColumns() {
		CatalogBuilder b = CatalogBuilder.forDetections(new String[] { "spiral", "elliptical" }, 100, false);
		b.add(object(1, 9.0, 19.5), new float[] { 0.3f, 0.7f }, 0, 1.5, false);
		Catalog c = b.catalog();
		List<String> names = c.columnNames();
		assertEquals(List.of("id", "x_fits", "y_fits", "x_image", "y_image", "x_ij", "y_ij", "ra"), names.subList(0, 8));
		assertEquals(10.0, c.getDouble("x_image", 0), 1e-12); // FITS convention: 0-based x + 1
		assertEquals(20.5, c.getDouble("y_image", 0), 1e-12);
		assertEquals("pos.eq.ra;meta.main", c.column("ra").ucd());
		assertEquals("stat.probability", c.column("p_spiral").ucd());
		assertTrue(names.containsAll(List.of("class", "class_id", "p_spiral", "p_elliptical", "ood_score", "ood")));
		assertEquals(9.5, c.getDouble("x_ij", 0), 1e-12); // x + 0.5
		assertEquals(80.0, c.getDouble("y_ij", 0), 1e-12); // 100 - 0.5 - 19.5
		assertEquals("elliptical", c.getString("class", 0));
		assertEquals(1, c.getInt("class_id", 0));
		assertEquals(0.3, c.getDouble("p_spiral", 0), 0);
		assertEquals(Catalog.Type.INT, c.column("area").type());
		assertEquals("pixel", c.column("a").unit());

		Uncertainty u = Uncertainty.of(new float[][][] { { { 0.9f, 0.1f } }, { { 0.7f, 0.3f } } });
		Catalog s = CatalogBuilder.forStamps(new String[] { "spiral", "elliptical" }, true).addStamp(1, u, 0, 2.0, true)
			.catalog();
		assertEquals("spiral", s.getString("class", 0));
		assertEquals(0.1, s.getDouble("p_std", 0), 1e-6);
		assertEquals(1, s.getInt("ood", 0));
	}

	@Test
	void mergesDifferentClassSets(@TempDir Path dir) throws IOException {
		Catalog a = CatalogBuilder.forDetections(new String[] { "spiral", "elliptical" }, 50, false).add(object(1, 5, 5),
			new float[] { 0.8f, 0.2f }, 0, 1, false).catalog();
		Catalog b = CatalogBuilder.forDetections(new String[] { "spiral", "elliptical", "lens" }, 50, false).add(object(1,
			6, 6), new float[] { 0.1f, 0.2f, 0.7f }, 0, 9, true).add(object(2, 7, 7), new float[] { 0.5f, 0.3f, 0.2f }, 0, 2,
				false).catalog();
		Map<String, Catalog> in = new LinkedHashMap<>();
		in.put("a.fits", a);
		in.put("b.fits", b);
		Catalog m = CatalogMerger.merge(in);
		assertEquals(3, m.rowCount());
		List<String> names = m.columnNames();
		assertEquals("file", names.get(0));
		assertEquals(names.indexOf("p_elliptical") + 1, names.indexOf("p_lens"));
		assertEquals(List.of("a.fits", "b.fits", "b.fits"), List.of(m.stringColumn("file")));
		assertTrue(Double.isNaN(m.getDouble("p_lens", 0)));
		assertEquals(0.7, m.getDouble("p_lens", 1), 0);
		assertEquals(Catalog.Type.INT, m.column("ood").type());
		assertEquals("lens", m.getString("class", 1));

		// The same through files, one CSV and one FITS; a column missing from one file turns int -> double.
		Catalog c = new Catalog().addInt("id", "", "").addInt("extra", "", "").addDouble("p_spiral", "", "");
		c.addRow(7, 3, 0.25);
		Path fa = dir.resolve("a.csv");
		Path fb = dir.resolve("b.fits");
		Path fc = dir.resolve("c.csv");
		CsvCatalogWriter.write(a, fa);
		FitsCatalogWriter.write(b, fb);
		CsvCatalogWriter.write(c, fc);
		Catalog f = CatalogMerger.mergeFiles(List.of(fa, fb, fc));
		assertEquals(4, f.rowCount());
		assertEquals(List.of("a.csv", "b.fits", "b.fits", "c.csv"), List.of(f.stringColumn("file")));
		assertEquals(Catalog.Type.DOUBLE, f.column("extra").type());
		assertEquals(Catalog.Type.DOUBLE, f.column("area").type());
		assertEquals(3, f.getDouble("extra", 3), 0);
		assertTrue(Double.isNaN(f.getDouble("extra", 0)));
		assertEquals(Catalog.Type.INT, f.column("id").type());
		assertEquals("pixel", f.column("a").unit()); // from the FITS file's TUNIT
		assertEquals(0.25, f.getDouble("p_spiral", 3), 0);
		assertEquals("", f.getString("class", 3));
		// Merging a merged catalogue keeps its file column.
		Catalog again = CatalogMerger.merge(Map.of("merged.csv", f));
		assertEquals(List.of(f.stringColumn("file")), List.of(again.stringColumn("file")));
	}
}
