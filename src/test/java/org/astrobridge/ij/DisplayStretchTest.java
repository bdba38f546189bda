package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;

import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.junit.jupiter.api.Test;

/**
 * zscale against astropy's ZScaleInterval (test-images/EXPECTED-zscale.txt, from make_zscale.py), and the stretches.
 */
class DisplayStretchTest {

	private static final Path DIR = Path.of("test-images");

	@Test
	void zscaleMatchesAstropyOnRealFiles() throws IOException {
		List<String> rows = Files.readAllLines(DIR.resolve("EXPECTED-zscale.txt")).stream().filter(l -> !l.startsWith("#"))
			.toList();
		assertEquals(4, rows.size());
		for (String row : rows) {
			String[] f = row.split(" ");
			FitsImage img = FitsReader.readImage(DIR.resolve(f[0]), f[1]);
			double[] limits = ZScale.limits(img.plane(0));
			double vmin = Double.parseDouble(f[2]);
			double vmax = Double.parseDouble(f[3]);
			// float32 samples; astropy takes the median in float32, so allow its rounding
			double tol = 1e-5 * Math.max(1, Math.abs(vmax - vmin)) + 1e-6 * Math.abs(vmax);
			assertEquals(vmin, limits[0], tol, row);
			assertEquals(vmax, limits[1], tol, row);
		}
	}

	@Test
	void zscaleOfNothingFiniteIsAbsent() {
		assertNull(ZScale.limits(new float[] { Float.NaN, Float.POSITIVE_INFINITY }));
	}

	@Test
	void openFitsStretchesTheDisplayNotThePixels() throws IOException {
		Path dss = DIR.resolve("dss.14.29.56-62.41.05.fits.gz");
		FitsImage fits = FitsReader.readImage(dss, null);
		float[] original = (float[]) FitsImagePlus.toImagePlus(fits, "raw").getProcessor().getPixels();

		ImagePlus z = FitsImagePlus.toImagePlus(fits, "z");
		DisplayStretch.parse("zscale").apply(z);
		assertEquals(3199, z.getDisplayRangeMin(), 1e-3); // EXPECTED-zscale.txt
		assertEquals(8059.026306, z.getDisplayRangeMax(), 0.05);
		assertArrayEquals(original, (float[]) z.getProcessor().getPixels(), "pixel values untouched");

		ImagePlus a = FitsImagePlus.toImagePlus(fits, "a");
		DisplayStretch.ASINH.apply(a);
		assertArrayEquals(original, (float[]) a.getProcessor().getPixels());
		float min = Float.MAX_VALUE;
		float max = -Float.MAX_VALUE;
		for (float v : original) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		assertEquals(min, a.getDisplayRangeMin(), 0);
		assertEquals(max, a.getDisplayRangeMax(), 0);
		// asinh lifts faint levels: a tenth of the range shows at asinh(1)/asinh(10) = 29.6% grey, not 10%
		byte[] reds = new byte[256];
		a.getProcessor().getLut().getReds(reds);
		assertEquals(Math.round(255 * Math.log(1 + Math.sqrt(2)) / Math.log(10 + Math.sqrt(101))), reds[26] & 0xff, 1);
		assertEquals(255, reds[255] & 0xff);
		assertEquals(0, reds[0] & 0xff);

		ImagePlus m = FitsImagePlus.toImagePlus(fits, "m");
		DisplayStretch.MINMAX.apply(m);
		assertEquals(min, m.getDisplayRangeMin(), 0);
		assertNotEquals(z.getDisplayRangeMax(), m.getDisplayRangeMax());
		assertThrows(IllegalArgumentException.class, () -> DisplayStretch.parse("log"));
	}
}
