package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Written files read back identically: pixels, header cards, WCS and tables. */
class WriteReadTest {

	@TempDir
	Path tmp;

	private static float[][] planes(int n, int size, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[][] p = new float[n][size];
		for (float[] plane : p) {
			for (int i = 0; i < size; i++) {
				plane[i] = (float) r.nextDouble(-1e3, 1e3);
			}
		}
		p[0][3] = Float.NaN;
		return p;
	}

	@Test
	void realImageRoundTripKeepsHeaderAndWcs() throws IOException {
		FitsImage in = FitsReader.readImage(ExpectedValues.DIR.resolve("multi.fits"), "SCI,3");
		Path out = tmp.resolve("sci3.fits");
		FitsWriter.write(out, in);
		FitsImage back = FitsReader.readImage(out, null);
		assertArrayEquals(in.plane(0), back.plane(0));
		assertEquals(-32, back.header().getLong("BITPIX", 0));
		assertFalse(back.header().contains("BZERO"), "scaling keywords dropped: values are physical");
		assertEquals(in.header().getString("OBJECT"), back.header().getString("OBJECT"));
		double[] a = in.wcs().pixelToSky(10, 20);
		double[] b = back.wcs().pixelToSky(10, 20);
		assertArrayEquals(a, b, 1e-12);
		assertEquals(List.of(out.getFileName()), Files.list(tmp).map(Path::getFileName).toList(), "no temp files");
	}

	@Test
	void cubeAnd4dRoundTrip() throws IOException {
		FitsHeader h = new FitsHeader().set("OBJECT", "it's a cube", "with a quote").addHistory("made by a test")
			.addComment("second line");
		FitsImage cube = new FitsImage(7, 5, new int[] { 3 }, planes(3, 35, 1), h);
		FitsWriter.write(tmp.resolve("cube.fits"), cube);
		FitsImage c = FitsReader.readImage(tmp.resolve("cube.fits"), "0");
		assertArrayEquals(new int[] { 3 }, c.extraAxes());
		for (int p = 0; p < 3; p++) {
			assertArrayEquals(cube.plane(p), c.plane(p));
		}
		assertEquals("it's a cube", c.header().getString("OBJECT"));
		assertTrue(c.header().cards().contains(new FitsHeader.Card("HISTORY", null, " made by a test")) || c.header()
			.toText().contains("HISTORY made by a test"), c.header().toText());

		FitsImage four = new FitsImage(4, 3, new int[] { 2, 3 }, planes(6, 12, 2), new FitsHeader());
		FitsWriter.write(tmp.resolve("four.fits"), four);
		FitsImage f = FitsReader.readImage(tmp.resolve("four.fits"), null);
		assertArrayEquals(new int[] { 2, 3 }, f.extraAxes());
		assertEquals(4, f.header().getLong("NAXIS", 0));
		for (int p = 0; p < 6; p++) {
			assertArrayEquals(four.plane(p), f.plane(p));
		}
	}

	@Test
	void tablesRoundTrip() throws IOException {
		FitsTable t = new FitsTable("CATALOG").addColumn("ra", new double[] { 1.5, -2.25, 1e300 }, "deg").addColumn("id",
			new int[] { 1, -7, Integer.MAX_VALUE }, null).addColumn("label", new String[] { "merger", "", "lens" });
		FitsTable u = new FitsTable("EMPTYISH").addColumn("x", new double[0], null);
		FitsWriter.writeTables(tmp.resolve("t.fits"), t, u);
		FitsTable back = FitsReader.readTable(tmp.resolve("t.fits"), "CATALOG");
		assertEquals(t.columnNames(), back.columnNames());
		assertArrayEquals(t.doubleColumn("ra"), back.doubleColumn("ra"));
		assertArrayEquals(t.intColumn("id"), back.intColumn("id"));
		assertArrayEquals(t.stringColumn("label"), back.stringColumn("label"));
		assertEquals("deg", back.unit("ra"));
		assertEquals(0, FitsReader.readTable(tmp.resolve("t.fits"), "2").rowCount());

		FitsImage img = new FitsImage(3, 2, null, planes(1, 6, 3), new FitsHeader());
		FitsWriter.write(tmp.resolve("both.fits"), img, t);
		List<HduInfo> l = FitsReader.list(tmp.resolve("both.fits"));
		assertEquals(Stream.of("IMAGE", "BINTABLE").toList(), l.stream().map(HduInfo::type).toList());
		assertArrayEquals(t.intColumn("id"), FitsReader.readTable(tmp.resolve("both.fits"), null).intColumn("id"));
	}

	@Test
	void failedWriteLeavesNothingBehind() throws IOException {
		Path blocker = Files.writeString(tmp.resolve("file"), "x");
		FitsImage img = new FitsImage(2, 2, null, planes(1, 4, 4), new FitsHeader());
		FitsException e = assertThrows(FitsException.class, () -> FitsWriter.write(blocker.resolve("x.fits"), img));
		assertTrue(e.getMessage().contains("x.fits"), e.getMessage());
		Path existing = Files.writeString(tmp.resolve("keep.fits"), "old");
		FitsWriter.write(existing, img);
		assertEquals(2, FitsReader.readImage(existing, null).width(), "replaced atomically");
		assertEquals(2, Files.list(tmp).count());
	}
}
