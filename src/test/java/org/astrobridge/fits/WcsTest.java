package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Projections, SIP, refusals and header round trips; accuracy against astropy is in WcsAstropyTest and RealFilesTest.
 */
class WcsTest {

	private static FitsHeader header(String proj, double ra, double dec) {
		return new FitsHeader().set("NAXIS1", 100L, null).set("NAXIS2", 80L, null).set("CTYPE1", "RA---" + proj, null).set(
			"CTYPE2", "DEC--" + proj, null).set("CRPIX1", 50.5, null).set("CRPIX2", 40.0, null).set("CRVAL1", ra, null).set(
				"CRVAL2", dec, null).set("CDELT1", -0.01, null).set("CDELT2", 0.012, null).set("PC1_2", 0.05, null).set("PC2_1",
					-0.03, null);
	}

	/** PV2_m that give each projection a non-trivial shape (AZP tilted, SZP oblique, conics, ZPN polynomial, ...). */
	private static FitsHeader withParameters(FitsHeader h, String p) {
		switch (p) {
			case "AZP" -> h.set("PV2_1", 2.0, null).set("PV2_2", 30.0, null);
			case "SZP" -> h.set("PV2_1", 2.0, null).set("PV2_2", 180.0, null).set("PV2_3", 60.0, null);
			case "SIN" -> h.set("PV2_1", 0.1, null).set("PV2_2", -0.2, null);
			case "ZPN" -> h.set("PV2_0", 0.0, null).set("PV2_1", 0.975, null).set("PV2_2", -0.807, null).set("PV2_3", 0.337,
				null).set("PV2_4", -0.065, null);
			case "AIR" -> h.set("PV2_1", 45.0, null);
			case "CYP" -> h.set("PV2_1", 1.0, null).set("PV2_2", 0.7071, null);
			case "CEA" -> h.set("PV2_1", 0.5, null);
			case "COP", "COE", "COD", "COO" -> h.set("PV2_1", 45.0, null).set("PV2_2", 25.0, null);
			case "BON" -> h.set("PV2_1", 45.0, null);
			case "HPX" -> h.set("PV2_1", 4.0, null).set("PV2_2", 3.0, null);
			default -> {}
		}
		return h;
	}

	@Test
	void everyProjectionRoundTrips() {
		for (String p : new String[] { "AZP", "SZP", "TAN", "STG", "SIN", "ARC", "ZPN", "ZEA", "AIR", "NCP", "CYP", "CEA",
			"CAR", "MER", "SFL", "PAR", "MOL", "AIT", "COP", "COE", "COD", "COO", "BON", "PCO", "TSC", "CSC", "QSC", "HPX",
			"GLS" })
		{
			for (double dec : new double[] { 35.0, -90.0, 90.0, 0.0 }) {
				if (p.equals("NCP") && dec == 0.0 || p.equals("GLS") && Math.abs(dec) == 90.0) {
					continue; // NCP is undefined on the equator; GLS's pole reference puts corners beyond the pole
				}
				String what = p + " at dec " + dec;
				WcsResult r = Wcs.read(withParameters(header(p, 210.0, dec), p));
				Wcs w = r.wcs();
				assertNotNull(w, what + ": " + r.refusal());
				assertEquals(p, w.projection());
				double[] ref = w.pixelToSky(49.5, 39.0);
				assertTrue(WcsAstropyTest.separationArcsec(210.0, dec, ref[0], ref[1]) < 1e-6, what + ": CRVAL at CRPIX, got " +
					ref[0] + " " + ref[1]);
				for (double[] xy : new double[][] { { 0, 0 }, { 99, 79 }, { 10.25, 60.5 } }) {
					double[] sky = w.pixelToSky(xy[0], xy[1]);
					// CSC is only approximately invertible (its polynomials agree to about 1e-4 of a face)
					assertArrayEquals(xy, w.skyToPixel(sky[0], sky[1]), p.equals("CSC") ? 0.1 : 1e-7, what);
				}
				FitsHeader copy = new FitsHeader();
				w.writeTo(copy);
				Wcs again = Wcs.fromHeader(copy);
				assertNotNull(again, what + " writeTo/fromHeader: " + Wcs.read(copy).refusal());
				assertArrayEquals(w.pixelToSky(3, 4), again.pixelToSky(3, 4), 1e-10, what + " writeTo/fromHeader");
			}
		}
	}

	@Test
	void ncpIsSinWithItsSlant() {
		Wcs ncp = Wcs.fromHeader(header("NCP", 30.0, 60.0));
		Wcs sin = Wcs.fromHeader(header("SIN", 30.0, 60.0).set("PV2_1", 0.0, null).set("PV2_2", 1.0 / Math.tan(Math
			.toRadians(60.0)), null));
		assertArrayEquals(sin.pixelToSky(5, 70), ncp.pixelToSky(5, 70), 1e-12);
	}

	@Test
	void outsideTheProjectionIsNaNNotWrapped() {
		// an Aitoff map of the whole sky at 1 deg/px: beyond the ellipse there is no sky
		FitsHeader h = new FitsHeader().set("CTYPE1", "GLON-AIT", null).set("CTYPE2", "GLAT-AIT", null).set("CRPIX1", 181.0,
			null).set("CRPIX2", 91.0, null).set("CDELT1", -1.0, null).set("CDELT2", 1.0, null);
		Wcs w = Wcs.fromHeader(h);
		assertTrue(Double.isNaN(w.pixelToSky(0, 0)[0]), "corner of the map");
		assertTrue(Double.isFinite(w.pixelToSky(180, 90)[0]));
		// TAN: the far hemisphere has no pixel
		Wcs tan = Wcs.tan(51, 41, 150.0, 2.0, 0.5, 0);
		assertTrue(Double.isNaN(tan.skyToPixel(330.0, -2.0)[0]));
	}

	@Test
	void unrepresentableHeadersAreRefusedNamingTheKeyword() {
		assertEquals("CTYPE1 = 'RA---TNX': TNX distortion (IRAF) is not supported", Wcs.read(header("TNX", 10, 20))
			.refusal());
		assertEquals("CTYPE1 = 'RA---ZPX': ZPX distortion (IRAF) is not supported", Wcs.read(header("ZPX", 10, 20))
			.refusal());
		assertEquals("CTYPE1 = 'RA---XYZ': projection XYZ is not one of FITS WCS paper II", Wcs.read(header("XYZ", 10, 20))
			.refusal());
		assertEquals("COE needs PV2_1 (theta_a, the latitude of the cone's standard parallel)", Wcs.read(header("COE", 10,
			20)).refusal());
		assertEquals("CUNIT1 = 'rad': only degrees are supported for celestial axes", Wcs.read(header("TAN", 10, 20).set(
			"CUNIT1", "rad", null)).refusal());
		assertEquals("CPDIS1 = 'Lookup': its table WCSDVARR,1 is in another HDU, which was not read with this header", Wcs
			.read(header("TAN", 10, 20).set("CPDIS1", "Lookup", null)).refusal());
		assertEquals("CTYPE1 = 'RA---TAN' and CTYPE2 = 'DEC--SIN' name different projections", Wcs.read(header("TAN", 10,
			20).set("CTYPE2", "DEC--SIN", null)).refusal());
		assertEquals("CTYPE1 = 'RA' has no projection code (linear celestial axes are not supported)", Wcs.read(header(
			"TAN", 10, 20).set("CTYPE1", "RA", null).set("CTYPE2", "DEC", null)).refusal());
		// the reference point cannot be reached: CAR with LONPOLE = 90 keeps the reference on the native equator
		assertTrue(Wcs.read(header("CAR", 10, 20).set("LONPOLE", 90.0, null)).refusal().startsWith(
			"|LONPOLE - phi0| = 90 with theta0 = 0 needs CRVAL of latitude = 0"));
		// astropy refuses this one too: an Aitoff reference at -65 cannot be reached with the native pole this way
		assertEquals("the reference latitude (CRVAL) -65 cannot be reached with LONPOLE 135 (|latitude| <= 45.000 is " +
			"needed)", Wcs.read(header("AIT", 80, -65).set("LONPOLE", 135.0, null).set("LATPOLE", 10.0, null)).refusal());
		// no celestial axes at all is not a problem to report
		WcsResult none = Wcs.read(new FitsHeader().set("CTYPE1", "FREQ", null).set("CTYPE2", "STOKES", null));
		assertNull(none.wcs());
		assertFalse(none.isRefused());
		assertFalse(Wcs.read(new FitsHeader()).isRefused());
	}

	@Test
	void sipMatchesHandComputedValues() {
		// with CRVAL at (0,0) and a tiny field, TAN is linear to 1e-9 deg: sky = CD (u + A, v + B)
		FitsHeader h = new FitsHeader().set("CTYPE1", "RA---TAN-SIP", null).set("CTYPE2", "DEC--TAN-SIP", null).set(
			"CRPIX1", 11.0, null).set("CRPIX2", 21.0, null).set("CRVAL1", 0.0, null).set("CRVAL2", 0.0, null).set("CD1_1",
				1e-5, null).set("CD2_2", 1e-5, null).set("A_ORDER", 2L, null).set("A_2_0", 1e-3, null).set("A_0_2", 2e-3, null)
			.set("B_ORDER", 2L, null).set("B_1_1", -3e-3, null);
		Wcs w = Wcs.fromHeader(h);
		assertTrue(w.hasSip());
		double u = 4 + 1 - 11; // pixel x = 4 (0-based)
		double v = 30 + 1 - 21; // pixel y = 30
		double x = (u + 1e-3 * u * u + 2e-3 * v * v) * 1e-5;
		double y = (v - 3e-3 * u * v) * 1e-5;
		double[] sky = w.pixelToSky(4, 30);
		assertEquals(x < 0 ? 360 + x : x, sky[0], 1e-9);
		assertEquals(y, sky[1], 1e-9);
		assertArrayEquals(new double[] { 4, 30 }, w.skyToPixel(sky[0], sky[1]), 1e-8);
		FitsHeader copy = new FitsHeader();
		w.writeTo(copy);
		assertEquals("RA---TAN-SIP", copy.getString("CTYPE1"));
		assertEquals(-3e-3, copy.getDouble("B_1_1", 0), 0);
	}

	@Test
	void simpleTanAndCrota() {
		Wcs w = Wcs.tan(51, 41, 150.0, 2.0, 0.5, 0);
		assertEquals(0.5, w.pixelScaleArcsec(), 1e-12);
		assertArrayEquals(new double[] { 150.0, 2.0 }, w.pixelToSky(50, 40), 1e-12);
		double[] east = w.pixelToSky(49, 40);
		assertTrue(east[0] > 150.0, "east is to the left");
		FitsHeader crota = new FitsHeader().set("CTYPE1", "RA---TAN", null).set("CTYPE2", "DEC--TAN", null).set("CRPIX1",
			51.0, null).set("CRPIX2", 41.0, null).set("CRVAL1", 150.0, null).set("CRVAL2", 2.0, null).set("CDELT1", -0.5 /
				3600, null).set("CDELT2", 0.5 / 3600, null).set("CROTA2", 30.0, null);
		Wcs rotated = Wcs.tan(51, 41, 150.0, 2.0, 0.5, 30.0);
		assertArrayEquals(Wcs.fromHeader(crota).pixelToSky(3, 7), rotated.pixelToSky(3, 7), 1e-12);
		assertEquals("ICRS", rotated.radesys());
	}

	@Test
	void swappedAxesAndDefaults() {
		FitsHeader h = new FitsHeader().set("CTYPE1", "DEC--TAN", null).set("CTYPE2", "RA---TAN", null).set("CRPIX1", 1.0,
			null).set("CRPIX2", 1.0, null).set("CRVAL1", -30.0, null).set("CRVAL2", 40.0, null).set("CDELT1", 0.001, null)
			.set("CDELT2", -0.001, null).set("EQUINOX", 1950.0, null);
		Wcs w = Wcs.fromHeader(h);
		assertArrayEquals(new double[] { 40.0, -30.0 }, w.pixelToSky(0, 0), 1e-12);
		assertEquals("FK4", w.radesys());
		assertNull(Wcs.fromHeader(new FitsHeader().set("CTYPE1", "RA---XYZ", null).set("CTYPE2", "DEC--XYZ", null)));
	}
}
