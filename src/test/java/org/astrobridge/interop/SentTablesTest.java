package org.astrobridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.astrobridge.detect.DetectedObject;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogBuilder;
import org.junit.jupiter.api.Test;

/** Which catalogue, rows and objects a client's row selection names. */
public class SentTablesTest {

	/** Three classified objects, ids 7, 8, 9 (not their row numbers), in a 100 x 100 field. */
	public static Catalog field() {
		CatalogBuilder b = CatalogBuilder.forDetections(new String[] { "spiral", "elliptical" }, 100, false);
		double[][] at = { { 20, 30 }, { 60, 40 }, { 80, 80 } };
		for (int i = 0; i < at.length; i++) {
			b.add(new DetectedObject(7 + i, at[i][0], at[i][1], Double.NaN, Double.NaN, 100, 10, 10, 20, (int) at[i][0],
				(int) at[i][1], 12, 2, 1, 15, 0.5, 1.5, 0, 0, 0, 5, 5), new float[] { 0.8f, 0.2f }, 0, 1.0, false);
		}
		return b.catalog();
	}

	private final Path file = Path.of("/data/run/f_catalog.vot");
	private final String url = file.toUri().toString();

	private SentTables sent() {
		SentTables t = new SentTables();
		t.add("astrobridge:" + file, url, file, field(), Path.of("/data/f.fits"));
		return t;
	}

	@Test
	void aHighlightedRowIsThatRowsObject() {
		SentTables.Selection s = sent().selection(SentTables.HIGHLIGHT_ROW, Map.of("table-id", "astrobridge:" + file, "url",
			url, "row", "1"));
		assertEquals(List.of(1), s.rows());
		assertEquals(List.of(8), s.objectIds());
		assertEquals(Path.of("/data/f.fits"), s.table().image());
		assertEquals("TOPCAT highlights row 1 of f_catalog.vot: object 8 at x_image 61.00, y_image 41.00, class spiral", s
			.describe("TOPCAT"));
	}

	@Test
	void aRowListNamesItsObjects() {
		SentTables.Selection s = sent().selection(SentTables.SELECT_ROW_LIST, Map.of("table-id", "astrobridge:" + file,
			"row-list", List.of("2", "0")));
		assertEquals(List.of(2, 0), s.rows());
		assertEquals(List.of(9, 7), s.objectIds());
		assertEquals("Aladin selects 2 rows of f_catalog.vot: objects [9, 7]", s.describe("Aladin"));
		SentTables.Selection none = sent().selection(SentTables.SELECT_ROW_LIST, Map.of("url", url, "row-list", List.of()));
		assertEquals(List.of(), none.objectIds());
		assertEquals("a SAMP client selects 0 rows of f_catalog.vot", none.describe(null));
	}

	@Test
	void theTableIsFoundByUrlInEitherFileUrlSpelling() {
		SentTables t = sent();
		// a client that kept only the URL, written as java.net.URL writes it (file:/path)
		assertEquals(file, t.find("some-other-id", "file:" + file).orElseThrow().file());
		assertEquals(file, t.find(null, url).orElseThrow().file());
		assertTrue(t.find("other", "file:/data/run/other.vot").isEmpty());
		assertTrue(t.find(null, "http://example.org/f_catalog.vot").isEmpty());
		// the file sent again (a re-run rewrote it): its URL now means the latest send
		t.add("astrobridge:again", url, file, field(), null);
		assertEquals("astrobridge:again", t.find(null, url).orElseThrow().tableId());
	}

	@Test
	void badSelectionsAreOneLine() {
		SentTables t = sent();
		String id = "astrobridge:" + file;
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.selection(
			SentTables.HIGHLIGHT_ROW, Map.of("table-id", "x", "url", "file:/elsewhere.vot", "row", "0")));
		assertTrue(e.getMessage().startsWith("no table sent from here has table-id x"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> t.selection(SentTables.HIGHLIGHT_ROW, Map.of("table-id", id,
			"row", "3")));
		assertEquals("row 3 is outside the 3 rows of f_catalog.vot", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> t.selection(SentTables.HIGHLIGHT_ROW, Map.of("table-id", id,
			"row", "first")));
		assertEquals("row 'first' is not a row index", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> t.selection(SentTables.SELECT_ROW_LIST, Map.of("table-id",
			id)));
		assertEquals("table.select.rowList without a row-list", e.getMessage());
	}
}
