package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.PixelConvention;
import org.junit.jupiter.api.Test;

class FitsImagePlusTest {

	private static final Path DIR = Path.of("test-images");

	@Test
	void firstStoredPixelIsBottomLeft() throws IOException {
		// comp.fits: first stored pixel 7, last 65 (EXPECTED.txt)
		FitsImage img = FitsReader.readImage(DIR.resolve("comp.fits"), null);
		ImagePlus imp = FitsImagePlus.toImagePlus(img, "comp");
		assertEquals(32, imp.getBitDepth());
		assertEquals(7f, imp.getProcessor().getf(0, imp.getHeight() - 1));
		assertEquals(65f, imp.getProcessor().getf(imp.getWidth() - 1, 0));
		double[] fits = PixelConvention.imagejToFits(0.5, imp.getHeight() - 0.5, imp.getHeight());
		assertArrayEquals(new double[] { 0, 0 }, fits, 0);
		assertEquals("arcsec", imp.getCalibration().getUnit());
		assertEquals(7.0, imp.getCalibration().pixelWidth, 1e-6);
		assertTrue(((String) imp.getProperty("Info")).contains("RA---SIN"));
		assertTrue(imp.getProperty(FitsImagePlus.HEADER_PROPERTY) instanceof FitsHeader);
	}

	@Test
	void cubeAnd4dBecomeSlicesAndChannels() throws IOException {
		ImagePlus cube = FitsImagePlus.toImagePlus(FitsReader.readImage(DIR.resolve("arange.fits"), null), null);
		assertEquals(7, cube.getNSlices());
		assertEquals(1, cube.getNChannels());
		// arange: value = k*110 + j*11 + i; ImageJ slice 3, bottom-left = FITS (0,0,2)
		assertEquals(220f, cube.getStack().getProcessor(3).getf(0, 9));

		FitsImage four = FitsReader.readImage(DIR.resolve("fourd.fits"), null);
		ImagePlus hyper = FitsImagePlus.toImagePlus(four, "4d");
		assertEquals(3, hyper.getNSlices());
		assertEquals(2, hyper.getNChannels());
		// channel 2, slice 3 = FITS plane k3=2, k4=1 -> p = 2 + 3*1
		int index = hyper.getStackIndex(2, 3, 1);
		assertEquals(four.plane(5)[0], hyper.getStack().getProcessor(index).getf(0, four.height() - 1));

		FitsImage back = FitsImagePlus.fromImagePlus(hyper);
		assertArrayEquals(four.extraAxes(), back.extraAxes());
		for (int p = 0; p < four.planeCount(); p++) {
			assertArrayEquals(four.plane(p), back.plane(p));
		}
	}

	@Test
	void roundTripKeepsHeaderAndWcs() throws IOException {
		FitsImage img = FitsReader.readImage(DIR.resolve("dss.14.29.56-62.41.05.fits.gz"), null);
		ImagePlus imp = FitsImagePlus.toImagePlus(img, "dss");
		FitsImage back = FitsImagePlus.fromImagePlus(imp);
		assertArrayEquals(img.plane(0), back.plane(0));
		assertEquals(img.header().toText(), back.header().toText());
		assertArrayEquals(img.wcs().pixelToSky(12, 34), back.wcs().pixelToSky(12, 34), 1e-12);

		imp.setProperty(FitsImagePlus.HEADER_PROPERTY, null);
		FitsImage fromInfo = FitsImagePlus.fromImagePlus(imp);
		assertEquals(img.header().getString("PLTLABEL"), fromInfo.header().getString("PLTLABEL"));
		assertArrayEquals(img.wcs().pixelToSky(1, 2), fromInfo.wcs().pixelToSky(1, 2), 1e-12);
		assertSame(null, FitsImagePlus.fromImagePlus(new ImagePlus("x", new ij.process.ByteProcessor(3, 2))).wcs());
	}
}
