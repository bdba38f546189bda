package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Projections, SIP and header round trips; accuracy against astropy is in RealFilesTest. */
class WcsTest {

    private static FitsHeader header(String proj, double ra, double dec) {
        return new FitsHeader().set("NAXIS1", 100L, null).set("NAXIS2", 80L, null)
                .set("CTYPE1", "RA---" + proj, null).set("CTYPE2", "DEC--" + proj, null)
                .set("CRPIX1", 50.5, null).set("CRPIX2", 40.0, null).set("CRVAL1", ra, null).set("CRVAL2", dec, null)
                .set("CDELT1", -0.01, null).set("CDELT2", 0.012, null).set("PC1_2", 0.05, null)
                .set("PC2_1", -0.03, null);
    }

    @Test
    void everyProjectionRoundTrips() {
        for (String p : new String[] {"TAN", "SIN", "ARC", "ZEA", "STG", "CAR", "MER", "SFL", "AIT"}) {
            Wcs w = Wcs.fromHeader(header(p, 210.0, p.equals("CAR") || p.equals("MER") ? 0.0 : 35.0));
            assertNotNull(w, p);
            assertEquals(p, w.projection());
            double[] ref = w.pixelToSky(49.5, 39.0);
            assertEquals(210.0, ref[0], 1e-9, p + " CRVAL1 at CRPIX");
            for (double[] xy : new double[][] {{0, 0}, {99, 79}, {10.25, 60.5}}) {
                double[] sky = w.pixelToSky(xy[0], xy[1]);
                assertArrayEquals(xy, w.skyToPixel(sky[0], sky[1]), 1e-7, p);
            }
            FitsHeader copy = new FitsHeader();
            w.writeTo(copy);
            Wcs again = Wcs.fromHeader(copy);
            assertArrayEquals(w.pixelToSky(3, 4), again.pixelToSky(3, 4), 1e-10, p + " writeTo/fromHeader");
        }
    }

    @Test
    void sipMatchesHandComputedValues() {
        // with CRVAL at (0,0) and a tiny field, TAN is linear to 1e-9 deg: sky = CD (u + A, v + B)
        FitsHeader h = new FitsHeader().set("CTYPE1", "RA---TAN-SIP", null).set("CTYPE2", "DEC--TAN-SIP", null)
                .set("CRPIX1", 11.0, null).set("CRPIX2", 21.0, null).set("CRVAL1", 0.0, null).set("CRVAL2", 0.0, null)
                .set("CD1_1", 1e-5, null).set("CD2_2", 1e-5, null).set("A_ORDER", 2L, null).set("A_2_0", 1e-3, null)
                .set("A_0_2", 2e-3, null).set("B_ORDER", 2L, null).set("B_1_1", -3e-3, null);
        Wcs w = Wcs.fromHeader(h);
        assertTrue(w.hasSip());
        double u = 4 + 1 - 11;  // pixel x = 4 (0-based)
        double v = 30 + 1 - 21; // pixel y = 30
        double x = (u + 1e-3 * u * u + 2e-3 * v * v) * 1e-5;
        double y = (v - 3e-3 * u * v) * 1e-5;
        double[] sky = w.pixelToSky(4, 30);
        assertEquals(x < 0 ? 360 + x : x, sky[0], 1e-9);
        assertEquals(y, sky[1], 1e-9);
        assertArrayEquals(new double[] {4, 30}, w.skyToPixel(sky[0], sky[1]), 1e-8);
        FitsHeader copy = new FitsHeader();
        w.writeTo(copy);
        assertEquals("RA---TAN-SIP", copy.getString("CTYPE1"));
        assertEquals(-3e-3, copy.getDouble("B_1_1", 0), 0);
    }

    @Test
    void simpleTanAndCrota() {
        Wcs w = Wcs.tan(51, 41, 150.0, 2.0, 0.5, 0);
        assertEquals(0.5, w.pixelScaleArcsec(), 1e-12);
        assertArrayEquals(new double[] {150.0, 2.0}, w.pixelToSky(50, 40), 1e-12);
        double[] east = w.pixelToSky(49, 40);
        assertTrue(east[0] > 150.0, "east is to the left");
        FitsHeader crota = new FitsHeader().set("CTYPE1", "RA---TAN", null).set("CTYPE2", "DEC--TAN", null)
                .set("CRPIX1", 51.0, null).set("CRPIX2", 41.0, null).set("CRVAL1", 150.0, null)
                .set("CRVAL2", 2.0, null).set("CDELT1", -0.5 / 3600, null).set("CDELT2", 0.5 / 3600, null)
                .set("CROTA2", 30.0, null);
        Wcs rotated = Wcs.tan(51, 41, 150.0, 2.0, 0.5, 30.0);
        assertArrayEquals(Wcs.fromHeader(crota).pixelToSky(3, 7), rotated.pixelToSky(3, 7), 1e-12);
        assertEquals("ICRS", rotated.radesys());
    }

    @Test
    void swappedAxesAndDefaults() {
        FitsHeader h = new FitsHeader().set("CTYPE1", "DEC--TAN", null).set("CTYPE2", "RA---TAN", null)
                .set("CRPIX1", 1.0, null).set("CRPIX2", 1.0, null).set("CRVAL1", -30.0, null)
                .set("CRVAL2", 40.0, null).set("CDELT1", 0.001, null).set("CDELT2", -0.001, null)
                .set("EQUINOX", 1950.0, null);
        Wcs w = Wcs.fromHeader(h);
        assertArrayEquals(new double[] {40.0, -30.0}, w.pixelToSky(0, 0), 1e-12);
        assertEquals("FK4", w.radesys());
        assertNull(Wcs.fromHeader(new FitsHeader().set("CTYPE1", "RA---XYZ", null).set("CTYPE2", "DEC--XYZ", null)));
    }
}
