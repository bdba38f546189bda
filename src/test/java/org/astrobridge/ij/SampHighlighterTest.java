package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.EllipseRoi;
import ij.gui.Roi;
import ij.process.FloatProcessor;

import org.astrobridge.interop.SentTables;
import org.astrobridge.interop.SentTablesTest;
import org.junit.jupiter.api.Test;

/** A selection becomes the image's selection when the image is known, else one log line. */
class SampHighlighterTest {

	private static SentTables.Selection select(SentTables tables, String mtype, Object rows) {
		return tables.selection(mtype, SentTables.HIGHLIGHT_ROW.equals(mtype) ? Map.of("table-id", "t", "row", rows) : Map
			.of("table-id", "t", "row-list", rows));
	}

	@Test
	void withoutAnImageEachSelectionIsOneLogLine() {
		SentTables tables = new SentTables();
		tables.add("t", "file:///d/f_catalog.vot", Path.of("/d/f_catalog.vot"), SentTablesTest.field(), null);
		PrintStream out = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			new SampHighlighter().accept("TOPCAT", select(tables, SentTables.HIGHLIGHT_ROW, "2"));
		}
		finally {
			System.setOut(out);
		}
		assertEquals(
			"AstroBridge SAMP: TOPCAT highlights row 2 of f_catalog.vot: object 9 at x_image 81.00, y_image 81.00, " +
				"class spiral", captured.toString(StandardCharsets.UTF_8).strip());
	}

	@Test
	void theImageSelectionFollowsTheRows() {
		SentTables tables = new SentTables();
		tables.add("t", "file:///d/f_catalog.vot", Path.of("/d/f_catalog.vot"), SentTablesTest.field(), null);
		ImagePlus imp = new ImagePlus("f", new FloatProcessor(100, 100));
		SampHighlighter h = new SampHighlighter();
		h.showOn("t", imp);
		h.accept("TOPCAT", select(tables, SentTables.HIGHLIGHT_ROW, "0"));
		Roi roi = imp.getRoi();
		assertTrue(roi instanceof EllipseRoi, String.valueOf(roi));
		assertEquals("object 7", roi.getName());
		// the overlay's ellipse: semi-axes 3 x (a, b) = 6 x 3 px around x_fits 20, y_fits 30 (ImageJ y = 100 - 30 - 0.5)
		assertTrue(roi.containsPoint(20.5, 69.5) && !roi.containsPoint(20.5, 60.5), roi.getBounds().toString());
		h.accept("TOPCAT", select(tables, SentTables.SELECT_ROW_LIST, List.of("1", "2")));
		assertEquals("2 objects", imp.getRoi().getName());
		h.accept("TOPCAT", select(tables, SentTables.SELECT_ROW_LIST, List.of()));
		assertNull(imp.getRoi());
	}
}
