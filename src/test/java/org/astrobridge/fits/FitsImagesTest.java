package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;

import org.junit.jupiter.api.Test;

/** FITS planes as ImgLib2 images: FITS axes, astropy's values (test-images/EXPECTED.txt), and no copy. */
class FitsImagesTest {

	private static final Path IMAGES = Path.of("test-images");

	@Test
	void planeOfACubeHasFitsAxesAndValues() throws Exception {
		// arange.fits: NAXIS1 = 11, NAXIS2 = 10, NAXIS3 = 7, pixel value = its index in storage order
		FitsImage cube = FitsReader.readImage(IMAGES.resolve("arange.fits"), "");
		ArrayImg<FloatType, FloatArray> plane = FitsImages.plane(cube, 3);
		assertArrayEquals(new long[] { 11, 10 }, Intervals.dimensionsAsLongArray(plane));
		RandomAccess<FloatType> ra = plane.randomAccess();
		for (int y = 0; y < 10; y++) {
			for (int x = 0; x < 11; x++) {
				ra.setPosition(new int[] { x, y });
				assertEquals(3 * 110 + y * 11 + x, ra.get().get(), "pixel " + x + "," + y);
			}
		}
		assertArrayEquals(new long[] { 10, 9 }, Intervals.maxAsLongArray(FitsImages.bounds(cube)));
	}

	@Test
	void planeIsAViewOverTheReadersPixels() throws Exception {
		FitsImage cube = FitsReader.readImage(IMAGES.resolve("arange.fits"), "");
		ArrayImg<FloatType, FloatArray> plane = FitsImages.plane(cube, 6);
		assertSame(cube.plane(6), plane.update(null).getCurrentStorageArray());
		RandomAccess<FloatType> ra = plane.randomAccess();
		ra.setPosition(new int[] { 2, 5 });
		ra.get().set(-1f);
		assertEquals(-1f, cube.plane(6)[5 * 11 + 2]);
	}

	@Test
	void extensionPlaneSumsAsAstropy() throws Exception {
		// multi.fits hdu=2 (SCI,2): sum=72508112, first stored pixel 631 (astropy, EXPECTED.txt)
		ArrayImg<FloatType, FloatArray> sci2 = FitsImages.plane(IMAGES.resolve("multi.fits"), "SCI,2", 0);
		double sum = 0;
		for (FloatType t : sci2)
			sum += t.get();
		assertEquals(72508112, sum);
		assertEquals(631f, sci2.firstElement().get());
		assertArrayEquals(new long[] { 132, 288 }, Intervals.dimensionsAsLongArray(sci2));
	}

	@Test
	void missingPlaneNamesTheRange() throws Exception {
		FitsImage cube = FitsReader.readImage(IMAGES.resolve("arange.fits"), "");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitsImages.plane(cube, 7));
		org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("outside 0 .. 6"), e.getMessage());
	}
}
