package org.astrobridge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CutoutMakerTest {

	private static float[] ramp(int w, int h, int band) {
		float[] p = new float[w * h];
		for (int k = 0; k < p.length; k++) {
			p[k] = 1000 * band + k;
		}
		return p;
	}

	@Test
	void copiesPixelsAroundTheObjectInEveryBand() {
		int w = 50;
		int h = 40;
		float[][] planes = { ramp(w, h, 0), ramp(w, h, 1), ramp(w, h, 2) };
		CutoutMaker maker = new CutoutMaker(planes, w, h, Double.NaN, CutoutSettings.of(5));
		Cutout c = maker.cut(7, 20.4, 10.6);
		assertEquals(1.0, c.imagePixelsPerStampPixel());
		assertEquals(3, c.bands().length);
		assertEquals(0, c.filledPixels());
		assertEquals(11 * w + 20, c.bands()[0][2 * 5 + 2], 0.0, "centre pixel is round(x), round(y)");
		assertEquals(1000 + 9 * w + 18, c.bands()[1][0], 0.0, "stamp row 0 is the lowest image row");
		assertEquals(2000 + 13 * w + 22, c.bands()[2][24], 0.0);
	}

	@Test
	void fillsWhereTheStampLeavesTheImage() {
		int w = 30;
		int h = 30;
		float[] p = ramp(w, h, 0);
		p[5 * w + 5] = Float.NaN;
		CutoutMaker maker = new CutoutMaker(new float[][] { p }, w, h, 0.2, new CutoutSettings(9, 0.2, -1, true));
		Cutout c = maker.cut(1, 1, 5);
		assertEquals(1.0, maker.factor(), "equal scales copy pixels");
		assertEquals(3 * 9 + 1, c.filledPixels(), "three columns outside plus the masked pixel");
		assertTrue(c.filled());
		assertEquals(-1f, c.bands()[0][0]);
		assertEquals(-1f, c.bands()[0][4 * 9 + 8], "masked pixel (5,5) at stamp (8,4)");
		assertEquals(5 * w + 4, c.bands()[0][4 * 9 + 7], 0.0);
	}

	@Test
	void resamplingKeepsFluxAndCentre() {
		SyntheticImage im = new SyntheticImage(120, 120, 0).gaussian(60.3, 59.6, 10000, 4, 3, 20);
		CutoutMaker maker = new CutoutMaker(new float[][] { im.pixels }, 120, 120, 0.25, new CutoutSettings(41, 0.5, 0,
			true));
		assertEquals(2.0, maker.factor(), 1e-12);
		Cutout c = maker.cut(1, 60.3, 59.6);
		double sum = 0;
		double sx = 0;
		double sy = 0;
		for (int v = 0; v < 41; v++) {
			for (int u = 0; u < 41; u++) {
				double val = c.bands()[0][v * 41 + u];
				sum += val;
				sx += val * u;
				sy += val * v;
			}
		}
		assertEquals(10000, sum, 100, "flux is conserved when downsampling by 2");
		assertEquals(20, sx / sum, 0.05, "object at the stamp centre");
		assertEquals(20, sy / sum, 0.05);
		CutoutMaker up = new CutoutMaker(new float[][] { im.pixels }, 120, 120, 0.5, new CutoutSettings(81, 0.25, 0,
			false));
		Cutout u = up.cut(1, 60.3, 59.6);
		assertEquals(0.5, u.imagePixelsPerStampPixel(), 1e-12);
		float[] q = im.pixels;
		double expected = 0.4 * (0.7 * q[59 * 120 + 60] + 0.3 * q[59 * 120 + 61]) + 0.6 * (0.7 * q[60 * 120 + 60] + 0.3 *
			q[60 * 120 + 61]);
		assertEquals(expected, u.bands()[0][40 * 81 + 40], 1e-3, "bilinear, surface brightness kept without scaling");
	}

	@Test
	void takesTheImageScaleFromTheWcs() {
		float[][] planes = { ramp(40, 40, 0) };
		org.astrobridge.fits.Wcs wcs = org.astrobridge.fits.Wcs.tan(20, 20, 10, 20, 0.25, 0);
		assertEquals(2.0, new CutoutMaker(planes, 40, 40, wcs, new CutoutSettings(9, 0.5, 0, true)).factor(), 1e-6);
		assertEquals(1.0, new CutoutMaker(planes, 40, 40, null, new CutoutSettings(9, 0.5, 0, true)).factor(),
			"no WCS, no resampling");
	}

	@Test
	void cutsEveryObjectAndChecksSizes() {
		float[][] planes = { ramp(20, 20, 0) };
		CutoutMaker maker = new CutoutMaker(planes, 20, 20, Double.NaN, CutoutSettings.of(3));
		DetectedObject o = new DetectedObject(4, 10, 10, Double.NaN, Double.NaN, 1, 1, 1, 1, 10, 10, 1, 1, 1, 0, 0, 1, 0,
			10, 10, 10, 10);
		List<Cutout> all = maker.cutAll(List.of(o, o.withId(5)));
		assertEquals(List.of(4, 5), all.stream().map(Cutout::objectId).toList());
		assertThrows(IllegalArgumentException.class, () -> new CutoutSettings(0, Double.NaN, 0, true));
		assertThrows(IllegalArgumentException.class, () -> new CutoutMaker(planes, 21, 20, Double.NaN, CutoutSettings.of(
			3)));
	}
}
