package org.astrobridge.fits;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Celestial world coordinate system of the first two image axes (FITS WCS papers I and II, SIP distortion).
 * Pixel coordinates are 0-based FITS coordinates (astropy {@code origin=0}); sky coordinates in degrees.
 *
 * <p>Projections: TAN, SIN, ARC, ZEA, STG (zenithal), CAR, MER, SFL (cylindrical and pseudo-cylindrical), AIT.
 * Linear part: CD, or PC with CDELT, or CDELT with CROTA2, in that order of preference when several are given
 * (PC before CD as wcslib does).
 */
public final class Wcs {
    private static final double D2R = Math.PI / 180.0;
    private static final double R2D = 180.0 / Math.PI;
    private static final Set<String> ZENITHAL = Set.of("TAN", "SIN", "ARC", "ZEA", "STG");
    private static final Set<String> SUPPORTED = Set.of("TAN", "SIN", "ARC", "ZEA", "STG", "CAR", "MER", "SFL", "AIT");
    private static final Pattern SIP_KEY = Pattern.compile("(A|B|AP|BP)_(\\d+)_(\\d+)");

    private final String lonType;
    private final String latType;
    private final String projection;
    private final boolean swapped;
    private final double crpix1;
    private final double crpix2;
    private final double crval1;
    private final double crval2;
    private final double[][] cd;
    private final double[][] cdInv;
    private final Sip sip;
    private final double lonpole;
    private final double latpole;
    private final String radesys;
    private final double equinox;
    // celestial coordinates of the native pole and native longitude of the celestial pole (paper II, sect. 2.2)
    private final double alphaP;
    private final double deltaP;
    private final double phiP;
    private final DssPlate dss;

    /** SIP polynomial coefficients (Shupe et al. 2005): {@code a[p][q]} multiplies u^p v^q. */
    private record Sip(int aOrder, double[][] a, int bOrder, double[][] b, int apOrder, double[][] ap, int bpOrder,
            double[][] bp) {
    }

    private Wcs(String lonType, String latType, String projection, boolean swapped, double crpix1, double crpix2,
            double crval1, double crval2, double[][] cd, Sip sip, double lonpole, double latpole, String radesys,
            double equinox) {
        this(lonType, latType, projection, swapped, crpix1, crpix2, crval1, crval2, cd, sip, lonpole, latpole,
                radesys, equinox, null);
    }

    private Wcs(String lonType, String latType, String projection, boolean swapped, double crpix1, double crpix2,
            double crval1, double crval2, double[][] cd, Sip sip, double lonpole, double latpole, String radesys,
            double equinox, DssPlate dss) {
        this.dss = dss;
        this.lonType = lonType;
        this.latType = latType;
        this.projection = projection;
        this.swapped = swapped;
        this.crpix1 = crpix1;
        this.crpix2 = crpix2;
        this.crval1 = crval1;
        this.crval2 = crval2;
        this.cd = cd;
        double det = cd[0][0] * cd[1][1] - cd[0][1] * cd[1][0];
        if (det == 0 || !Double.isFinite(det)) {
            throw new IllegalArgumentException("singular WCS matrix");
        }
        this.cdInv = new double[][] {{cd[1][1] / det, -cd[0][1] / det}, {-cd[1][0] / det, cd[0][0] / det}};
        this.sip = sip;
        this.radesys = radesys;
        this.equinox = equinox;
        double theta0 = ZENITHAL.contains(projection) ? 90.0 : 0.0;
        double alpha0 = swapped ? crval2 : crval1;
        double delta0 = swapped ? crval1 : crval2;
        this.lonpole = Double.isNaN(lonpole) ? (delta0 >= theta0 ? 0.0 : 180.0) : lonpole;
        this.latpole = Double.isNaN(latpole) ? 90.0 : latpole;
        this.phiP = this.lonpole;
        if (theta0 == 90.0) {
            this.deltaP = delta0;
            this.alphaP = alpha0;
        } else {
            this.deltaP = nativePoleLatitude(delta0, theta0, this.phiP, this.latpole);
            // alpha_p follows from requiring the reference point (phi0, theta0) = (0, theta0) to land on alpha0
            double[] ref = nativeToCelestial(0.0, theta0, 0.0, deltaP, phiP);
            this.alphaP = alpha0 - ref[0];
        }
    }

    /** The celestial WCS of a header, or null when it has none this class understands. */
    public static Wcs fromHeader(FitsHeader h) {
        if (h == null) {
            return null;
        }
        DssPlate plate = DssPlate.fromHeader(h);
        if (plate != null) {
            return fromDss(h, plate);
        }
        String c1 = upper(h.getString("CTYPE1"));
        String c2 = upper(h.getString("CTYPE2"));
        if (c1 == null || c2 == null || c1.length() < 8 || c2.length() < 8) {
            return null;
        }
        boolean swapped;
        if (isLon(c1) && isLat(c2)) {
            swapped = false;
        } else if (isLat(c1) && isLon(c2)) {
            swapped = true;
        } else {
            return null;
        }
        String p1 = c1.substring(5, 8);
        String p2 = c2.substring(5, 8);
        if (!p1.equals(p2) || !SUPPORTED.contains(p1)) {
            return null;
        }
        double[][] cd = linearMatrix(h);
        if (cd == null) {
            return null;
        }
        Sip sip = c1.endsWith("-SIP") && c2.endsWith("-SIP") ? readSip(h) : null;
        double lonpole = h.getDouble("LONPOLE", h.getDouble("PV1_3", Double.NaN));
        double latpole = h.getDouble("LATPOLE", h.getDouble("PV1_4", Double.NaN));
        double equinox = h.getDouble("EQUINOX", h.getDouble("EPOCH", Double.NaN));
        String radesys = upper(h.getString("RADESYS"));
        if (radesys == null) {
            radesys = upper(h.getString("RADECSYS"));
        }
        if (radesys == null || radesys.isEmpty()) {
            radesys = Double.isNaN(equinox) ? "ICRS" : equinox < 1984.0 ? "FK4" : "FK5";
        }
        if (Double.isNaN(equinox) && (radesys.equals("FK4") || radesys.equals("FK5"))) {
            equinox = radesys.equals("FK4") ? 1950.0 : 2000.0;
        }
        try {
            return new Wcs(c1.substring(0, 4).replace("-", ""), c2.substring(0, 4).replace("-", ""), p1, swapped,
                    h.getDouble("CRPIX1", 0.0), h.getDouble("CRPIX2", 0.0), h.getDouble("CRVAL1", 0.0),
                    h.getDouble("CRVAL2", 0.0), cd, sip, lonpole, latpole, radesys, equinox);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A DSS plate solution, with a TAN approximation (tangent at the image centre) for its linear part, which is
     * what {@link #writeTo} and {@link #pixelScaleArcsec} use; the DSS keywords stay in the header.
     */
    private static Wcs fromDss(FitsHeader h, DssPlate plate) {
        double cx = (h.getLong("NAXIS1", 1) - 1) / 2.0;
        double cy = (h.getLong("NAXIS2", 1) - 1) / 2.0;
        double[] c = plate.pixelToSky(cx, cy);
        double cosDec = Math.cos(c[1] * D2R);
        double[] px = plate.pixelToSky(cx + 1, cy);
        double[] py = plate.pixelToSky(cx, cy + 1);
        double[][] cd = {{wrap(px[0] - c[0]) * cosDec, wrap(py[0] - c[0]) * cosDec}, {px[1] - c[1], py[1] - c[1]}};
        double equinox = h.getDouble("EQUINOX", 2000.0);
        String radesys = upper(h.getString("RADESYS"));
        if (radesys == null || radesys.isEmpty()) {
            radesys = equinox < 1984.0 ? "FK4" : "FK5";
        }
        try {
            return new Wcs("RA", "DEC", "TAN", false, cx + 1, cy + 1, c[0], c[1], cd, null, Double.NaN, Double.NaN,
                    radesys, equinox, plate);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static double wrap(double dAlpha) {
        return ((dAlpha + 540.0) % 360.0) - 180.0;
    }

    /**
     * A plain TAN WCS. CRPIX is 1-based as in FITS; east is to the left (CDELT1 = -scale) and the rotation is the
     * classic CROTA2 angle in degrees.
     */
    public static Wcs tan(double crpix1, double crpix2, double raDeg, double decDeg, double pixelScaleArcsec,
            double rotationDeg) {
        double s = pixelScaleArcsec / 3600.0;
        double r = rotationDeg * D2R;
        double[][] cd = {{-s * Math.cos(r), -s * Math.sin(r)}, {-s * Math.sin(r), s * Math.cos(r)}};
        return new Wcs("RA", "DEC", "TAN", false, crpix1, crpix2, raDeg, decDeg, cd, null, Double.NaN, Double.NaN,
                "ICRS", Double.NaN);
    }

    /** {ra, dec} in degrees (or the header's longitude/latitude pair) of a 0-based FITS pixel position. */
    public double[] pixelToSky(double x, double y) {
        if (dss != null) {
            return dss.pixelToSky(x, y);
        }
        double u = x + 1.0 - crpix1;
        double v = y + 1.0 - crpix2;
        if (sip != null) {
            double du = poly(sip.a, sip.aOrder, u, v);
            double dv = poly(sip.b, sip.bOrder, u, v);
            u += du;
            v += dv;
        }
        double i1 = cd[0][0] * u + cd[0][1] * v;
        double i2 = cd[1][0] * u + cd[1][1] * v;
        double px = swapped ? i2 : i1;
        double py = swapped ? i1 : i2;
        double[] nat = deproject(px, py);
        if (nat == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] sky = nativeToCelestial(nat[0], nat[1], alphaP, deltaP, phiP);
        return sky;
    }

    /** The 0-based FITS pixel position of a sky position in degrees; NaNs where the projection is undefined. */
    public double[] skyToPixel(double ra, double dec) {
        double[] guess = linearSkyToPixel(ra, dec);
        if (dss == null || Double.isNaN(guess[0])) {
            return guess;
        }
        return refineDss(ra, dec, guess);
    }

    /** Newton iteration on the plate solution, from the TAN approximation. */
    private double[] refineDss(double ra, double dec, double[] start) {
        double x = start[0];
        double y = start[1];
        double cosDec = Math.cos(dec * D2R);
        for (int it = 0; it < 20; it++) {
            double[] s = dss.pixelToSky(x, y);
            double fx = wrap(s[0] - ra) * cosDec;
            double fy = s[1] - dec;
            if (Math.abs(fx) < 1e-12 && Math.abs(fy) < 1e-12) {
                break;
            }
            double[] sx = dss.pixelToSky(x + 0.5, y);
            double[] sy = dss.pixelToSky(x, y + 0.5);
            double j11 = wrap(sx[0] - s[0]) * cosDec / 0.5;
            double j12 = wrap(sy[0] - s[0]) * cosDec / 0.5;
            double j21 = (sx[1] - s[1]) / 0.5;
            double j22 = (sy[1] - s[1]) / 0.5;
            double det = j11 * j22 - j12 * j21;
            if (det == 0 || !Double.isFinite(det)) {
                break;
            }
            x -= (j22 * fx - j12 * fy) / det;
            y -= (-j21 * fx + j11 * fy) / det;
        }
        return new double[] {x, y};
    }

    private double[] linearSkyToPixel(double ra, double dec) {
        double[] nat = celestialToNative(ra, dec);
        double[] xy = project(nat[0], nat[1]);
        if (xy == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double i1 = swapped ? xy[1] : xy[0];
        double i2 = swapped ? xy[0] : xy[1];
        double u = cdInv[0][0] * i1 + cdInv[0][1] * i2;
        double v = cdInv[1][0] * i1 + cdInv[1][1] * i2;
        if (sip != null) {
            double[] uv = invertSip(u, v);
            u = uv[0];
            v = uv[1];
        }
        return new double[] {u + crpix1 - 1.0, v + crpix2 - 1.0};
    }

    /** Mean pixel size in arcsec: sqrt(|det CD|) (the SIP linear terms are not included). */
    public double pixelScaleArcsec() {
        return Math.sqrt(Math.abs(cd[0][0] * cd[1][1] - cd[0][1] * cd[1][0])) * 3600.0;
    }

    /** Three-letter projection code, e.g. "TAN". */
    public String projection() {
        return projection;
    }

    /** RADESYS as read, or as defaulted by paper II from EQUINOX (FK4 before 1984, FK5 after, ICRS without). */
    public String radesys() {
        return radesys;
    }

    /** EQUINOX in years, NaN for ICRS without one. */
    public double equinox() {
        return equinox;
    }

    /** True when the DSS plate solution is applied. */
    public boolean isDssPlate() {
        return dss != null;
    }

    /** True when SIP distortion terms are applied. */
    public boolean hasSip() {
        return sip != null;
    }

    /** Writes this WCS into a header, replacing any linear-transformation keywords of axes 1 and 2 there. */
    public void writeTo(FitsHeader h) {
        removeLinearKeys(h);
        String suffix = sip != null ? "-SIP" : "";
        String t1 = swapped ? latType : lonType;
        String t2 = swapped ? lonType : latType;
        h.set("CTYPE1", ctype(t1, projection) + suffix, null);
        h.set("CTYPE2", ctype(t2, projection) + suffix, null);
        h.set("CRPIX1", crpix1, "reference pixel (1-based)");
        h.set("CRPIX2", crpix2, "reference pixel (1-based)");
        h.set("CRVAL1", crval1, "[deg] world coordinate at reference pixel");
        h.set("CRVAL2", crval2, "[deg] world coordinate at reference pixel");
        h.set("CD1_1", cd[0][0], "[deg/px] linear transformation matrix");
        h.set("CD1_2", cd[0][1], "[deg/px] linear transformation matrix");
        h.set("CD2_1", cd[1][0], "[deg/px] linear transformation matrix");
        h.set("CD2_2", cd[1][1], "[deg/px] linear transformation matrix");
        h.set("LONPOLE", lonpole, "[deg] native longitude of celestial pole");
        h.set("LATPOLE", latpole, "[deg] native latitude of celestial pole");
        h.set("RADESYS", radesys, "reference frame");
        if (!Double.isNaN(equinox)) {
            h.set("EQUINOX", equinox, "equinox of the reference frame");
        }
        if (sip != null) {
            writeSip(h, "A", sip.aOrder, sip.a);
            writeSip(h, "B", sip.bOrder, sip.b);
            if (sip.ap != null) {
                writeSip(h, "AP", sip.apOrder, sip.ap);
            }
            if (sip.bp != null) {
                writeSip(h, "BP", sip.bpOrder, sip.bp);
            }
        }
    }

    @Override
    public String toString() {
        double[] c = {crval1, crval2};
        return String.format(Locale.ROOT, "%s%s, %.3g arcsec/px, reference %s %.6f %s %.6f, %s", projection,
                sip != null ? "-SIP" : "", pixelScaleArcsec(), swapped ? latType : lonType, c[0],
                swapped ? lonType : latType, c[1], radesys);
    }

    // ---- header parsing -------------------------------------------------------------------------------------

    private static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static boolean isLon(String ctype) {
        String t = ctype.substring(0, 4);
        return t.equals("RA--") || t.endsWith("LON");
    }

    private static boolean isLat(String ctype) {
        String t = ctype.substring(0, 4);
        return t.equals("DEC-") || t.endsWith("LAT");
    }

    private static String ctype(String type, String proj) {
        StringBuilder sb = new StringBuilder(type);
        while (sb.length() < 4) {
            sb.append('-');
        }
        return sb.append('-').append(proj).toString();
    }

    private static boolean hasAny(FitsHeader h, String... keys) {
        for (String k : keys) {
            if (h.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private static double[][] linearMatrix(FitsHeader h) {
        double cdelt1 = h.getDouble("CDELT1", 1.0);
        double cdelt2 = h.getDouble("CDELT2", 1.0);
        if (hasAny(h, "PC1_1", "PC1_2", "PC2_1", "PC2_2")) {
            return scaled(new double[][] {{h.getDouble("PC1_1", 1), h.getDouble("PC1_2", 0)},
                    {h.getDouble("PC2_1", 0), h.getDouble("PC2_2", 1)}}, cdelt1, cdelt2);
        }
        if (hasAny(h, "PC001001", "PC001002", "PC002001", "PC002002")) {
            return scaled(new double[][] {{h.getDouble("PC001001", 1), h.getDouble("PC001002", 0)},
                    {h.getDouble("PC002001", 0), h.getDouble("PC002002", 1)}}, cdelt1, cdelt2);
        }
        if (hasAny(h, "CD1_1", "CD1_2", "CD2_1", "CD2_2")) {
            return new double[][] {{h.getDouble("CD1_1", 0), h.getDouble("CD1_2", 0)},
                    {h.getDouble("CD2_1", 0), h.getDouble("CD2_2", 0)}};
        }
        if (!hasAny(h, "CDELT1", "CDELT2")) {
            return null;
        }
        double rho = h.getDouble("CROTA2", h.getDouble("CROTA1", 0.0)) * D2R;
        double c = Math.cos(rho);
        double s = Math.sin(rho);
        return new double[][] {{cdelt1 * c, -cdelt2 * s}, {cdelt1 * s, cdelt2 * c}};
    }

    private static double[][] scaled(double[][] pc, double cdelt1, double cdelt2) {
        return new double[][] {{cdelt1 * pc[0][0], cdelt1 * pc[0][1]}, {cdelt2 * pc[1][0], cdelt2 * pc[1][1]}};
    }

    private static Sip readSip(FitsHeader h) {
        int aOrder = (int) h.getLong("A_ORDER", -1);
        int bOrder = (int) h.getLong("B_ORDER", -1);
        if (aOrder < 0 || bOrder < 0 || aOrder > 20 || bOrder > 20) {
            return null;
        }
        int apOrder = (int) h.getLong("AP_ORDER", -1);
        int bpOrder = (int) h.getLong("BP_ORDER", -1);
        double[][] a = new double[aOrder + 1][aOrder + 1];
        double[][] b = new double[bOrder + 1][bOrder + 1];
        double[][] ap = apOrder >= 0 && apOrder <= 20 ? new double[apOrder + 1][apOrder + 1] : null;
        double[][] bp = bpOrder >= 0 && bpOrder <= 20 ? new double[bpOrder + 1][bpOrder + 1] : null;
        for (FitsHeader.Card c : h) {
            if (c.value() == null) {
                continue;
            }
            Matcher m = SIP_KEY.matcher(c.key());
            if (!m.matches()) {
                continue;
            }
            int p = Integer.parseInt(m.group(2));
            int q = Integer.parseInt(m.group(3));
            double[][] target = switch (m.group(1)) {
                case "A" -> a;
                case "B" -> b;
                case "AP" -> ap;
                default -> bp;
            };
            if (target != null && p < target.length && q < target.length && p + q < target.length) {
                target[p][q] = h.getDouble(c.key(), 0.0);
            }
        }
        return new Sip(aOrder, a, bOrder, b, Math.max(apOrder, 0), ap, Math.max(bpOrder, 0), bp);
    }

    private static void writeSip(FitsHeader h, String name, int order, double[][] c) {
        h.set(name + "_ORDER", order, "SIP polynomial order");
        for (int p = 0; p <= order; p++) {
            for (int q = 0; p + q <= order; q++) {
                if (c[p][q] != 0.0) {
                    h.set(name + "_" + p + "_" + q, c[p][q], null);
                }
            }
        }
    }

    private static void removeLinearKeys(FitsHeader h) {
        for (String k : new String[] {"CD1_1", "CD1_2", "CD2_1", "CD2_2", "PC1_1", "PC1_2", "PC2_1", "PC2_2",
                "PC001001", "PC001002", "PC002001", "PC002002", "CDELT1", "CDELT2", "CROTA1", "CROTA2", "A_ORDER",
                "B_ORDER", "AP_ORDER", "BP_ORDER", "RADECSYS"}) {
            h.remove(k);
        }
        for (FitsHeader.Card c : h.cards().toArray(new FitsHeader.Card[0])) {
            if (c.value() != null && SIP_KEY.matcher(c.key()).matches()) {
                h.remove(c.key());
            }
        }
    }

    // ---- spherical geometry (paper II) ------------------------------------------------------------------------

    /** Equations 8-10 of paper II: the celestial latitude of the native pole, the solution nearest LATPOLE. */
    private static double nativePoleLatitude(double delta0, double theta0, double phiP, double latpole) {
        double dphi = phiP * D2R;
        double t0 = theta0 * D2R;
        double a = Math.atan2(Math.sin(t0), Math.cos(t0) * Math.cos(dphi));
        double denom = Math.sqrt(1.0 - Math.pow(Math.cos(t0) * Math.sin(dphi), 2));
        double ratio = denom == 0 ? 1.0 : Math.max(-1.0, Math.min(1.0, Math.sin(delta0 * D2R) / denom));
        double b = Math.acos(ratio);
        double d1 = (a + b) * R2D;
        double d2 = (a - b) * R2D;
        boolean ok1 = Math.abs(d1) <= 90.0 + 1e-10;
        boolean ok2 = Math.abs(d2) <= 90.0 + 1e-10;
        if (ok1 && ok2) {
            return Math.abs(d1 - latpole) <= Math.abs(d2 - latpole) ? clampLat(d1) : clampLat(d2);
        }
        return ok1 ? clampLat(d1) : ok2 ? clampLat(d2) : clampLat(d1);
    }

    private static double clampLat(double d) {
        return Math.max(-90.0, Math.min(90.0, d));
    }

    /** Paper II equation 2. */
    private static double[] nativeToCelestial(double phi, double theta, double alphaP, double deltaP, double phiP) {
        double[] r = rotate(phi, theta, phiP, alphaP, deltaP);
        r[0] = ((r[0] % 360.0) + 360.0) % 360.0;
        return r;
    }

    /** Paper II equation 5: the same rotation with the roles of the pole's longitudes swapped. */
    private double[] celestialToNative(double alpha, double delta) {
        double[] r = rotate(alpha, delta, alphaP, phiP, deltaP);
        r[0] = ((r[0] + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        return r;
    }

    /**
     * The spherical rotation of paper II equations 2 and 5: from (lon, lat) in one frame to the other, where the
     * pole of the rotation has longitude {@code lonFrom} in the first frame and {@code lonTo} in the second and
     * latitude {@code poleLat}. Longitude comes back unnormalised.
     */
    private static double[] rotate(double lon, double lat, double lonFrom, double lonTo, double poleLat) {
        double t = lat * D2R;
        double dp = poleLat * D2R;
        double dl = (lon - lonFrom) * D2R;
        double ct = Math.cos(t);
        double st = Math.sin(t);
        double y = -ct * Math.sin(dl);
        double x = st * Math.cos(dp) - ct * Math.sin(dp) * Math.cos(dl);
        // atan2 rather than asin: asin loses half the digits next to the pole of the rotation
        double outLat = Math.atan2(st * Math.sin(dp) + ct * Math.cos(dp) * Math.cos(dl), Math.hypot(x, y)) * R2D;
        return new double[] {lonTo + Math.atan2(y, x) * R2D, outLat};
    }

    // ---- projections ------------------------------------------------------------------------------------------

    /** Intermediate world coordinates (degrees) -> native (phi, theta) in degrees; null outside the projection. */
    private double[] deproject(double x, double y) {
        if (ZENITHAL.contains(projection)) {
            double r = Math.hypot(x, y);
            double phi = r == 0 ? 0.0 : Math.atan2(x, -y) * R2D;
            double theta;
            switch (projection) {
                case "TAN" -> theta = Math.atan2(R2D, r) * R2D;
                case "SIN" -> {
                    double c = r * D2R;
                    if (c > 1.0 + 1e-12) {
                        return null;
                    }
                    double cc = Math.min(1.0, c);
                    theta = Math.atan2(Math.sqrt((1.0 - cc) * (1.0 + cc)), cc) * R2D;
                }
                case "ARC" -> theta = 90.0 - r;
                case "ZEA" -> {
                    double s = Math.PI * r / 360.0;
                    if (s > 1.0 + 1e-12) {
                        return null;
                    }
                    theta = 90.0 - 2.0 * Math.asin(Math.min(1.0, s)) * R2D;
                }
                default -> theta = 90.0 - 2.0 * Math.atan(Math.PI * r / 360.0) * R2D; // STG
            }
            return new double[] {phi, theta};
        }
        switch (projection) {
            case "CAR" -> {
                return new double[] {x, y};
            }
            case "MER" -> {
                return new double[] {x, 2.0 * Math.atan(Math.exp(y * D2R)) * R2D - 90.0};
            }
            case "SFL" -> {
                double c = Math.cos(y * D2R);
                return Math.abs(y) > 90.0 ? null : new double[] {c == 0 ? 0.0 : x / c, y};
            }
            default -> { // AIT
                double z2 = 1.0 - Math.pow(x * Math.PI / 720.0, 2) - Math.pow(y * Math.PI / 360.0, 2);
                if (z2 < 0.5 - 1e-12) {
                    return null;
                }
                double z = Math.sqrt(Math.max(z2, 0.5));
                double phi = 2.0 * Math.atan2(Math.PI / 360.0 * x * z, 2.0 * z * z - 1.0) * R2D;
                double theta = Math.asin(Math.max(-1, Math.min(1, Math.PI / 180.0 * y * z))) * R2D;
                return new double[] {phi, theta};
            }
        }
    }

    /** Native (phi, theta) in degrees -> intermediate world coordinates; null where the projection diverges. */
    private double[] project(double phi, double theta) {
        double p = phi * D2R;
        if (ZENITHAL.contains(projection)) {
            double r;
            switch (projection) {
                case "TAN" -> {
                    if (theta <= 0) {
                        return null;
                    }
                    r = R2D / Math.tan(theta * D2R);
                }
                case "SIN" -> {
                    if (theta < 0) {
                        return null;
                    }
                    r = R2D * Math.cos(theta * D2R);
                }
                case "ARC" -> r = 90.0 - theta;
                case "ZEA" -> r = 360.0 / Math.PI * Math.sin((90.0 - theta) / 2.0 * D2R);
                default -> {
                    if (theta <= -90.0) {
                        return null;
                    }
                    r = 360.0 / Math.PI * Math.tan((90.0 - theta) / 2.0 * D2R);
                }
            }
            return new double[] {r * Math.sin(p), -r * Math.cos(p)};
        }
        switch (projection) {
            case "CAR" -> {
                return new double[] {phi, theta};
            }
            case "MER" -> {
                if (Math.abs(theta) >= 90.0) {
                    return null;
                }
                return new double[] {phi, R2D * Math.log(Math.tan((90.0 + theta) / 2.0 * D2R))};
            }
            case "SFL" -> {
                return new double[] {phi * Math.cos(theta * D2R), theta};
            }
            default -> { // AIT
                double t = theta * D2R;
                double g = R2D * Math.sqrt(2.0 / (1.0 + Math.cos(t) * Math.cos(p / 2.0)));
                return new double[] {2.0 * g * Math.cos(t) * Math.sin(p / 2.0), g * Math.sin(t)};
            }
        }
    }

    // ---- SIP --------------------------------------------------------------------------------------------------

    private static double poly(double[][] c, int order, double u, double v) {
        double sum = 0.0;
        double up = 1.0;
        for (int p = 0; p <= order; p++) {
            double vq = 1.0;
            for (int q = 0; p + q <= order; q++) {
                sum += c[p][q] * up * vq;
                vq *= v;
            }
            up *= u;
        }
        return sum;
    }

    /** Solves (u + A(u,v), v + B(u,v)) = (U, V): AP/BP as first guess when present, then Newton steps. */
    private double[] invertSip(double bigU, double bigV) {
        double u = bigU;
        double v = bigV;
        if (sip.ap != null && sip.bp != null) {
            u = bigU + poly(sip.ap, sip.apOrder, bigU, bigV);
            v = bigV + poly(sip.bp, sip.bpOrder, bigU, bigV);
        }
        for (int it = 0; it < 50; it++) {
            double fu = u + poly(sip.a, sip.aOrder, u, v) - bigU;
            double fv = v + poly(sip.b, sip.bOrder, u, v) - bigV;
            if (Math.abs(fu) < 1e-12 && Math.abs(fv) < 1e-12) {
                break;
            }
            double e = 1e-4;
            double j11 = 1.0 + (poly(sip.a, sip.aOrder, u + e, v) - poly(sip.a, sip.aOrder, u - e, v)) / (2 * e);
            double j12 = (poly(sip.a, sip.aOrder, u, v + e) - poly(sip.a, sip.aOrder, u, v - e)) / (2 * e);
            double j21 = (poly(sip.b, sip.bOrder, u + e, v) - poly(sip.b, sip.bOrder, u - e, v)) / (2 * e);
            double j22 = 1.0 + (poly(sip.b, sip.bOrder, u, v + e) - poly(sip.b, sip.bOrder, u, v - e)) / (2 * e);
            double det = j11 * j22 - j12 * j21;
            if (det == 0 || !Double.isFinite(det)) {
                break;
            }
            u -= (j22 * fu - j12 * fv) / det;
            v -= (-j21 * fu + j11 * fv) / det;
        }
        return new double[] {u, v};
    }
}
