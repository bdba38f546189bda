package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every image HDU of the files in test-images matches what astropy 5.2 reported (EXPECTED*.txt). */
class RealFilesTest {

	@TestFactory
	Stream<DynamicTest> everyImageHduMatchesAstropy() throws IOException {
		return ExpectedValues.imageRows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> check(row)));
	}

	private static void check(ExpectedValues.Row row) throws IOException {
		FitsImage img = FitsReader.readImage(ExpectedValues.DIR.resolve(row.file()), Integer.toString(row.hdu()));
		int[] n = row.numpyShape();
		// FITS axis order, length-1 axes beyond the second dropped
		int[] all = IntStream.range(0, n.length).map(i -> n[n.length - 1 - i]).toArray();
		int[] fitsOrder = IntStream.concat(IntStream.of(all).limit(2), IntStream.of(all).skip(2).filter(k -> k != 1))
			.toArray();
		int[] ours = IntStream.concat(IntStream.of(img.width(), img.height()), IntStream.of(img.extraAxes())).toArray();
		assertArrayEquals(fitsOrder, ours, "shape of " + row);

		long finite = 0;
		long nan = 0;
		double sum = 0;
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (float[] plane : img.planes()) {
			for (float v : plane) {
				if (Float.isNaN(v)) {
					nan++;
				}
				else {
					finite++;
					sum += v;
					min = Math.min(min, v);
					max = Math.max(max, v);
				}
			}
		}
		assertEquals(row.finite(), finite, "finite pixels of " + row);
		assertEquals(row.nan(), nan, "NaN pixels of " + row);
		assertEquals(row.sum(), sum, 1e-6 * Math.abs(row.sum()) + 1e-2, "sum of " + row);
		if (finite > 0) {
			assertEquals(row.min(), min, 1e-6 * Math.abs(row.min()) + 1e-5, "min of " + row);
			assertEquals(row.max(), max, 1e-6 * Math.abs(row.max()) + 1e-5, "max of " + row);
		}
		float[] last = img.plane(img.planeCount() - 1);
		assertFloat(row.first(), img.plane(0)[0], "first stored pixel of " + row);
		assertFloat(row.last(), last[last.length - 1], "last stored pixel of " + row);

		HduInfo info = FitsReader.list(ExpectedValues.DIR.resolve(row.file())).get(row.hdu());
		// astropy reports the BITPIX of the array it returns: -32 once BSCALE != 1 has been applied
		long stored = img.header().getLong("BITPIX", 0);
		boolean scaled = img.header().getDouble("BSCALE", 1.0) != 1.0;
		assertEquals(row.bitpix(), scaled ? -32 : stored, "BITPIX of " + row);
		assertEquals(stored, info.bitpix(), "listed BITPIX of " + row);
		assertEquals(row.extname(), info.extname(), "EXTNAME of " + row);

		if (row.sky().isEmpty()) {
			return;
		}
		Wcs wcs = img.wcs();
		assertNotNull(wcs, "WCS of " + row);
		for (ExpectedValues.Sky s : row.sky()) {
			double[] radec = wcs.pixelToSky(s.x(), s.y());
			double sep = ExpectedValues.separationArcsec(s.ra(), s.dec(), radec[0], radec[1]);
			assertTrue(sep < 0.01, row + " pixel (" + s.x() + "," + s.y() + ") is " + sep + " arcsec from astropy");
			double[] back = wcs.skyToPixel(radec[0], radec[1]);
			assertEquals(s.x(), back[0], 1e-6, "skyToPixel x round trip of " + row);
			assertEquals(s.y(), back[1], 1e-6, "skyToPixel y round trip of " + row);
		}
	}

	private static void assertFloat(double expected, float actual, String what) {
		if (Double.isNaN(expected)) {
			assertTrue(Float.isNaN(actual), what + " should be NaN, was " + actual);
		}
		else {
			assertEquals(expected, actual, 1e-6 * Math.abs(expected) + 1e-5, what);
		}
	}

	@Test
	void filesWithoutImagesSayWhy() throws IOException {
		for (String f : ExpectedValues.filesWithoutImages()) {
			FitsException e = assertThrows(FitsException.class, () -> FitsReader.readImage(ExpectedValues.DIR.resolve(f),
				null));
			assertTrue(e.getMessage().contains(f) && e.getMessage().contains("no image"), e.getMessage());
		}
	}

	@Test
	void defaultHduIsTheFirstWithData() throws IOException {
		FitsImage img = FitsReader.readImage(ExpectedValues.DIR.resolve("multi.fits"), null);
		assertEquals("multi.fits[SCI,1]", img.source());
		FitsImage byName = FitsReader.readImage(ExpectedValues.DIR.resolve("multi.fits"), "sci,2");
		FitsImage byIndex = FitsReader.readImage(ExpectedValues.DIR.resolve("multi.fits"), "[2]");
		assertArrayEquals(byIndex.plane(0), byName.plane(0));
		assertEquals("SCI", byName.header().getString("EXTNAME"));
		assertEquals(2, byName.header().getLong("EXTVER", 0));
	}

	@Test
	void nonCelestialWcsGivesNull() throws IOException {
		assertNull(FitsReader.readImage(ExpectedValues.DIR.resolve("test0.fits"), "1").wcs());
		assertNull(FitsReader.readImage(ExpectedValues.DIR.resolve("o4sp040b0_raw.fits"), "SCI").wcs());
		assertNull(FitsReader.readImage(ExpectedValues.DIR.resolve("simple.fits"), null).wcs());
		// no celestial axes is not a refusal: nothing to warn about
		assertNull(FitsReader.readImage(ExpectedValues.DIR.resolve("test0.fits"), "1").wcsWarning());
		assertNull(FitsReader.readImage(ExpectedValues.DIR.resolve("o4sp040b0_raw.fits"), "SCI").wcsWarning());
	}

	@Test
	void headerKeepsEveryCardInOrder() throws IOException {
		FitsImage img = FitsReader.readImage(ExpectedValues.DIR.resolve("dss.14.29.56-62.41.05.fits.gz"), null);
		List<FitsHeader.Card> cards = img.header().cards();
		assertEquals("SIMPLE", cards.get(0).key());
		assertEquals("FITS header", cards.get(0).comment());
		assertEquals("UK 48-inch Schmidt", img.header().getString("TELESCOP"));
		assertTrue(cards.stream().anyMatch(c -> c.value() == null && c.comment() != null && c.comment().contains(
			"UK Schmidt Telescope")), "blank-keyword commentary cards kept");
		assertTrue(img.header().toText().lines().allMatch(l -> l.length() == 80));
		assertEquals(-62.685405575038, img.header().getDouble("CRVAL2", 0), 1e-12);
		assertTrue(img.wcs().isDssPlate());
		assertEquals("FK5", img.wcs().radesys());
		assertEquals(2000.0, img.wcs().equinox());
		assertEquals("FK4", FitsReader.readImage(ExpectedValues.DIR.resolve("comp.fits"), null).wcs().radesys());
	}

	@Test
	void tablesReadBack() throws IOException {
		FitsTable t = FitsReader.readTable(ExpectedValues.DIR.resolve("btable.fits"), null);
		assertEquals(List.of("order", "name", "mag", "Sp"), t.columnNames());
		assertEquals(3, t.rowCount());
		FitsTable cal = FitsReader.readTable(ExpectedValues.DIR.resolve("dss.14.29.56-62.41.05.fits.gz"), null);
		assertEquals("Photometric CALTABLE", cal.extname());
		assertEquals(15, cal.rowCount());
		assertEquals(4, cal.columnNames().size());
		assertEquals(15, cal.intColumn("NUMBER_OF_OBJECTS").length);
		assertThrows(FitsException.class, () -> FitsReader.readTable(ExpectedValues.DIR.resolve("comp.fits"), "1"));
	}

	@Test
	void listAndDescribe() throws IOException {
		List<HduInfo> l = FitsReader.list(ExpectedValues.DIR.resolve("comp.fits"));
		assertEquals(2, l.size());
		assertEquals("EMPTY", l.get(0).type());
		assertEquals("COMPRESSED_IMAGE", l.get(1).type());
		assertArrayEquals(new int[] { 440, 300 }, l.get(1).shape());
		assertTrue(l.get(1).wcsSummary().startsWith("SIN, 7.00 arcsec/px, centre RA "), l.get(1).wcsSummary());
		String d = FitsReader.describe(ExpectedValues.DIR.resolve("dss.14.29.56-62.41.05.fits.gz"));
		assertTrue(d.contains("DSS plate, 1.70 arcsec/px, centre RA 217.48 Dec -62.69"), d);
		assertTrue(d.contains("BINTABLE"), d);
	}
}
