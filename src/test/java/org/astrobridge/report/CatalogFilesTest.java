package org.astrobridge.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFilesTest {

	@TempDir
	Path dir;

	static Catalog sample() {
		Catalog c = new Catalog();
		c.addInt("id", "", "running number").addDouble("flux", "adu", "flux").addString("class", "predicted class")
			.addDouble("p_spiral", "", "probability");
		c.addRow(1, 0.1, "spiral, barred", 1e-5);
		c.addRow(2, Double.NaN, "say \"hi\"\nthere", Double.POSITIVE_INFINITY);
		c.addRow(-3, 12345678.9, "", 0.5);
		c.addRow(4, -0.0, "007", 1.0 / 3);
		return c;
	}

	@Test
	void csvRoundTrip() throws IOException {
		Path f = dir.resolve("cat.csv");
		CsvCatalogWriter.write(sample(), f);
		String text = Files.readString(f, StandardCharsets.UTF_8);
		assertTrue(text.startsWith("id,flux,class,p_spiral\r\n1,0.1,\"spiral, barred\",1.0E-5\r\n" +
			"2,,\"say \"\"hi\"\"\nthere\",inf\r\n"), text);
		Catalog back = CsvCatalogReader.read(f);
		assertEquals(List.of("id", "flux", "class", "p_spiral"), back.columnNames());
		assertEquals(Catalog.Type.INT, back.column("id").type());
		assertEquals(Catalog.Type.DOUBLE, back.column("flux").type());
		assertEquals(Catalog.Type.STRING, back.column("class").type());
		Catalog orig = sample();
		assertArrayEquals(orig.intColumn("id"), back.intColumn("id"));
		assertArrayEquals(orig.doubleColumn("flux"), back.doubleColumn("flux"), 0);
		assertArrayEquals(orig.doubleColumn("p_spiral"), back.doubleColumn("p_spiral"), 0);
		assertArrayEquals(orig.stringColumn("class"), back.stringColumn("class"));
		assertEquals(1.0 / 3, back.getDouble("p_spiral", 3), 0); // round-trip precision
	}

	@Test
	void fitsTableReadsBackWithUnits() throws IOException {
		Path f = dir.resolve("cat.fits");
		FitsCatalogWriter.write(sample(), f);
		FitsTable t = FitsReader.readTable(f, null);
		assertEquals(FitsCatalogWriter.EXTNAME, t.extname());
		assertEquals(4, t.rowCount());
		assertEquals("adu", t.unit("flux"));
		assertArrayEquals(new int[] { 1, 2, -3, 4 }, t.intColumn("id"));
		assertArrayEquals(sample().doubleColumn("flux"), t.doubleColumn("flux"), 0);
		assertEquals("spiral, barred", t.stringColumn("class")[0]);
		Catalog back = FitsCatalogWriter.read(f);
		assertEquals(sample().columnNames(), back.columnNames());
		assertEquals(Catalog.Type.INT, back.column("id").type());
		assertEquals("adu", back.column("flux").unit());
		// FITS strings are printable ASCII: STIL writes the line end as '?'
		String[] expected = sample().stringColumn("class");
		expected[1] = expected[1].replace('\n', '?');
		assertArrayEquals(expected, back.stringColumn("class"));
	}

	@Test
	void refusesToOverwriteAnInput() throws IOException {
		Path input = dir.resolve("field.fits");
		Files.writeString(input, "original");
		Path alias = dir.resolve("sub/../field.fits");
		assertThrows(IOException.class, () -> CsvCatalogWriter.write(sample(), alias, input));
		assertThrows(IOException.class, () -> FitsCatalogWriter.write(sample(), input, input));
		assertThrows(IOException.class, () -> new Ds9RegionWriter().write(Ds9RegionWriterTest.twoObjects(), input, Path.of(
			"x.fits"), input));
		assertEquals("original", Files.readString(input));
	}

	@Test
	void failedWritesLeaveNothingBehind() throws IOException {
		Path out = dir.resolve("partial.csv");
		IOException e = assertThrows(IOException.class, () -> SafeOutput.write(out, new Path[0], "test", w -> {
			w.write("half a catalogue");
			throw new IOException("disk full");
		}));
		assertTrue(e.getMessage().contains("partial.csv") && e.getMessage().contains("disk full"), e.getMessage());
		assertEquals(List.of(), listing());

		// A target that is a non-empty folder cannot be replaced: every writer fails at the final rename.
		Path blocked = dir.resolve("blocked");
		Files.createDirectories(blocked.resolve("inside"));
		assertThrows(IOException.class, () -> CsvCatalogWriter.write(sample(), blocked));
		assertThrows(IOException.class, () -> FitsCatalogWriter.write(sample(), blocked));
		assertThrows(IOException.class, () -> new Ds9RegionWriter().write(Ds9RegionWriterTest.twoObjects(), blocked));
		assertEquals(List.of("blocked"), listing());

		// A catalogue lacking the columns DS9 needs fails before anything is written.
		assertThrows(IllegalArgumentException.class, () -> new Ds9RegionWriter().write(sample(), out));
		assertEquals(List.of("blocked"), listing());

		// A successful write replaces an older file completely.
		Files.writeString(out, "old content that is longer than nothing");
		CsvCatalogWriter.write(sample(), out);
		assertEquals(CsvCatalogReader.read(out).rowCount(), 4);
		assertEquals(List.of("blocked", "partial.csv"), listing());
	}

	private List<String> listing() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
