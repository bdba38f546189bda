package org.astrobridge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.astrobridge.fits.Wcs;
import org.junit.jupiter.api.Test;

class DetectorTest {

	private static final DetectionSettings WHOLE = DetectionSettings.defaults().withTiles(0, 0).withThreads(1);

	private static DetectedObject nearest(List<DetectedObject> objects, double x, double y) {
		DetectedObject best = null;
		double bd = Double.POSITIVE_INFINITY;
		for (DetectedObject o : objects) {
			double d = Math.hypot(o.x() - x, o.y() - y);
			if (d < bd) {
				bd = d;
				best = o;
			}
		}
		assertTrue(bd < 2, "no object near (" + x + ", " + y + "), nearest at " + bd);
		return best;
	}

	/** x, y, flux, sa, sb, theta of blobs well apart from each other and the edges. */
	private static final double[][] BLOBS = { { 40.3, 50.7, 20000, 2.5, 1.5, 30 }, { 120.6, 45.2, 15000, 3.0, 1.8, -60 },
		{ 60.0, 140.4, 12000, 2.0, 2.0, 0 }, { 150.25, 150.8, 25000, 3.5, 1.6, 90 }, { 100.9, 100.1, 18000, 2.8, 1.4,
			-15 }, };

	private static SyntheticImage blobs(long seed) {
		SyntheticImage im = new SyntheticImage(200, 200, 100);
		for (double[] b : BLOBS) {
			im.gaussian(b[0], b[1], b[2], b[3], b[4], b[5]);
		}
		return im.noise(1.0, seed);
	}

	@Test
	void recoversPositionsFluxesAndShapes() {
		// Without a matched filter, 1.5 sigma single pixels of noise make footprints of 5 pixels; use 3 sigma.
		for (double fwhm : new double[] { 0, 2 }) {
			DetectionSettings s = fwhm > 0 ? WHOLE : WHOLE.withFilterFwhm(0).withThreshold(3);
			DetectionResult r = new Detector(s).detect(blobs(1).pixels, 200, 200, null);
			assertEquals(BLOBS.length, r.objects().size(), "objects with filterFwhm " + fwhm);
			for (double[] b : BLOBS) {
				DetectedObject o = nearest(r.objects(), b[0], b[1]);
				assertEquals(b[0], o.x(), 0.1, "x of " + o);
				assertEquals(b[1], o.y(), 0.1, "y of " + o);
				assertEquals(b[2], o.flux(), 0.03 * b[2], "flux of " + o);
				assertEquals(b[3], o.a(), 0.07 * b[3], "a of " + o);
				assertEquals(b[4], o.b(), 0.07 * b[4], "b of " + o);
				assertEquals(1 - b[4] / b[3], o.ellipticity(), 0.05, "ellipticity of " + o);
				if (b[3] != b[4]) {
					double dt = Math.IEEEremainder(o.theta() - b[5], 180);
					assertEquals(0, dt, 2.0, "theta of " + o);
				}
				assertEquals(Math.sqrt(b[3] * b[4] * 2 * Math.log(2)), o.rHalf(), 0.12 * b[3], "r_half of " + o);
				assertEquals(0, o.flags(), "flags of " + o);
				assertTrue(Double.isNaN(o.ra()) && Double.isNaN(o.dec()), "no WCS, no sky coordinates");
				assertTrue(o.snr() > 100, "snr of " + o);
			}
		}
	}

	@Test
	void thetaRangeAndSign() {
		// +45 deg: major axis along x = y, counter-clockwise from +x with y up (FITS rows).
		SyntheticImage im = new SyntheticImage(80, 80, 0).gaussian(40, 40, 10000, 4, 1.5, 45).noise(0.5, 2);
		DetectedObject o = new Detector(WHOLE).detect(im.pixels, 80, 80, null).objects().get(0);
		assertEquals(45, o.theta(), 1.5);
		im = new SyntheticImage(80, 80, 0).gaussian(40, 40, 10000, 4, 1.5, -80).noise(0.5, 3);
		o = new Detector(WHOLE).detect(im.pixels, 80, 80, null).objects().get(0);
		assertEquals(-80, o.theta(), 1.5);
		assertTrue(o.theta() > -90 && o.theta() <= 90);
	}

	@Test
	void splitsTouchingBlobs() {
		SyntheticImage im = new SyntheticImage(100, 100, 10).gaussian(45, 50, 10000, 2, 2, 0).gaussian(53, 51, 6000, 2, 2,
			0).noise(1, 4);
		List<DetectedObject> split = new Detector(WHOLE).detect(im.pixels, 100, 100, null).objects();
		assertEquals(2, split.size());
		DetectedObject left = nearest(split, 45, 50);
		DetectedObject right = nearest(split, 53, 51);
		// Each part keeps the other's wing on its side of the watershed, which pulls the barycentres together.
		assertEquals(45, left.x(), 0.5);
		assertEquals(53, right.x(), 0.5);
		// Isophotal fluxes of a blend split along the watershed: the brighter part takes the fainter's far wing.
		assertEquals(10000, left.flux(), 0.15 * 10000);
		assertEquals(6000, right.flux(), 0.15 * 6000);
		assertEquals(16000, left.flux() + right.flux(), 0.03 * 16000);
		assertEquals(ObjectFlags.BLENDED, left.flags());
		assertEquals(ObjectFlags.BLENDED, right.flags());
		assertEquals(left.area() + right.area(), new Detector(WHOLE.withDeblend(1, 0.005)).detect(im.pixels, 100, 100, null)
			.objects().get(0).area(), "the split shares the blend's pixels");
		assertEquals(1, new Detector(WHOLE.withDeblend(1, 0.005)).detect(im.pixels, 100, 100, null).objects().size());
		assertEquals(1, new Detector(WHOLE.withDeblend(32, 0.5)).detect(im.pixels, 100, 100, null).objects().size(),
			"a branch with less than the contrast is not split off");
	}

	@Test
	void flagsEdgeNanAndSaturation() {
		SyntheticImage im = new SyntheticImage(100, 100, 0).gaussian(1, 50, 5000, 2, 2, 0).gaussian(50, 50, 5000, 2, 2, 0)
			.gaussian(80, 20, 50000, 2, 2, 0).noise(1, 5);
		im.pixels[52 * 100 + 51] = Float.NaN;
		List<DetectedObject> objs = new Detector(WHOLE.withSaturation(1000)).detect(im.pixels, 100, 100, null).objects();
		assertEquals(3, objs.size());
		assertEquals(ObjectFlags.EDGE, nearest(objs, 1.5, 50).flags());
		DetectedObject masked = nearest(objs, 50, 50);
		assertEquals(ObjectFlags.NAN, masked.flags());
		assertEquals(50, masked.x(), 0.2);
		assertEquals(ObjectFlags.SATURATED, nearest(objs, 80, 20).flags());
		assertEquals("edge+saturated", ObjectFlags.describe(ObjectFlags.EDGE | ObjectFlags.SATURATED));
	}

	@Test
	void thresholdAndMinimumArea() {
		SyntheticImage im = new SyntheticImage(120, 120, 5).gaussian(30, 30, 60, 1.2, 1.2, 0).gaussian(90, 90, 3000, 2, 2,
			0).noise(1, 6);
		Detector lenient = new Detector(WHOLE.withThreshold(3).withMinArea(3));
		assertEquals(2, lenient.detect(im.pixels, 120, 120, null).objects().size());
		DetectedObject faint = nearest(lenient.detect(im.pixels, 120, 120, null).objects(), 30, 30);
		assertEquals(1, new Detector(WHOLE.withThreshold(3).withMinArea(faint.area() + 1)).detect(im.pixels, 120, 120, null)
			.objects().size(), "minArea drops the small footprint");
		assertEquals(1, new Detector(WHOLE.withThreshold(40)).detect(im.pixels, 120, 120, null).objects().size(),
			"a high threshold keeps only the bright object");
		SyntheticImage noise = new SyntheticImage(200, 200, 50).noise(2, 7);
		assertEquals(0, new Detector(WHOLE.withThreshold(5)).detect(noise.pixels, 200, 200, null).objects().size(),
			"pure noise gives nothing at 5 sigma");
		assertTrue(new Detector(WHOLE.withThreshold(0.5).withMinArea(1).withFilterFwhm(0)).detect(noise.pixels, 200, 200,
			null).objects().size() > 100, "pure noise at 0.5 sigma");
	}

	@Test
	void skyCoordinatesComeFromTheWcs() {
		Wcs wcs = Wcs.tan(101, 101, 150.0, 2.2, 0.2, 0);
		List<DetectedObject> objs = new Detector(WHOLE).detect(blobs(8).pixels, 200, 200, wcs).objects();
		assertEquals(BLOBS.length, objs.size());
		for (DetectedObject o : objs) {
			double[] sky = wcs.pixelToSky(o.x(), o.y());
			assertEquals(sky[0], o.ra(), 0.0);
			assertEquals(sky[1], o.dec(), 0.0);
			double[] back = wcs.skyToPixel(o.ra(), o.dec());
			assertEquals(o.x(), back[0], 1e-6);
			assertEquals(o.y(), back[1], 1e-6);
		}
		// CRPIX (101, 101) is 1-based: the 0-based pixel (100, 100) is the reference point.
		DetectedObject centre = nearest(objs, 100.9, 100.1);
		assertEquals(150.0 - 0.9 * 0.2 / 3600 / Math.cos(Math.toRadians(2.2)), centre.ra(), 0.05 * 0.2 / 3600);
		assertEquals(2.2 + 0.1 * 0.2 / 3600, centre.dec(), 0.05 * 0.2 / 3600);
	}

	@Test
	void detectionBandOfACube() {
		float[][] planes = { blobs(9).pixels, new SyntheticImage(200, 200, 3).gaussian(70, 70, 9000, 2, 2, 0).noise(1,
			10).pixels };
		Detector d = new Detector(WHOLE);
		assertEquals(d.detect(planes[1], 200, 200, null).objects(), d.detect(planes, 1, 200, 200, null).objects());
		assertEquals(1, d.detect(planes, 1, 200, 200, null).objects().size());
		assertThrows(IllegalArgumentException.class, () -> d.detect(planes, 2, 200, 200, null));
		assertThrows(IllegalArgumentException.class, () -> d.detect(planes[0], 199, 200, null));
	}

	@Test
	void handlesTinyBlankAndMaskedImages() {
		Detector d = new Detector(WHOLE);
		assertEquals(0, d.detect(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 2, null).objects().size());
		assertEquals(0, d.detect(new float[100 * 100], 100, 100, null).objects().size(), "a constant image");
		float[] nan = new float[50 * 40];
		java.util.Arrays.fill(nan, Float.NaN);
		assertEquals(0, d.detect(nan, 50, 40, null).objects().size(), "a fully masked image");
	}

	@Test
	void rejectsBadSettings() {
		assertThrows(IllegalArgumentException.class, () -> DetectionSettings.defaults().withThreshold(-1));
		assertThrows(IllegalArgumentException.class, () -> DetectionSettings.defaults().withBackground(64, 2));
		assertThrows(IllegalArgumentException.class, () -> DetectionSettings.defaults().withTiles(10, 5));
	}
}
