package org.astrobridge.fits;

import java.util.Locale;
import java.util.StringJoiner;
import org.astrobridge.fits.wcs.CelestialTransform;
import org.astrobridge.fits.wcs.DistortionArrays;
import org.astrobridge.fits.wcs.PixelDistortion;
import org.astrobridge.fits.wcs.Tpv;
import org.astrobridge.fits.wcs.WcsRefusal;

/**
 * Celestial world coordinate system of the first two image axes (FITS WCS papers I and II): every projection of paper
 * II with its parameters and any reference point, SIP, TPV and the CPDIS/D2IMDIS lookup-table distortions, and the DSS
 * plate solution. Pixel coordinates are 0-based FITS coordinates (astropy {@code origin=0}); sky coordinates in
 * degrees. Headers are read by {@link #read}, which says why when it refuses one.
 */
public final class Wcs {

	private static final double D2R = Math.PI / 180.0;

	private final String lonType;
	private final String latType;
	private final String code;
	private final boolean swapped;
	private final double crpix1;
	private final double crpix2;
	private final double crval1;
	private final double crval2;
	private final double[][] cd;
	private final double[][] cdInv;
	private final double[] pvLat;
	private final double[] pvLng;
	private final CelestialTransform celestial;
	private final PixelDistortion pixelDistortion;
	private final Tpv tpv;
	private final String radesys;
	private final double equinox;
	private final DssPlate dss;

	/** Everything a WCS is made of, as {@link WcsReader} gathers it. */
	record Parts(String lonType, String latType, String code, boolean swapped, double crpix1, double crpix2,
		double crval1, double crval2, double[][] cd, double[] pvLat, double[] pvLng, CelestialTransform celestial,
		PixelDistortion pixelDistortion, Tpv tpv, String radesys, double equinox, DssPlate dss)
	{}

	Wcs(Parts p) throws WcsRefusal {
		double det = p.cd[0][0] * p.cd[1][1] - p.cd[0][1] * p.cd[1][0];
		if (det == 0 || !Double.isFinite(det)) {
			throw new WcsRefusal("the linear transformation (CDi_j, or PCi_j with CDELTi) is singular");
		}
		this.lonType = p.lonType;
		this.latType = p.latType;
		this.code = p.code;
		this.swapped = p.swapped;
		this.crpix1 = p.crpix1;
		this.crpix2 = p.crpix2;
		this.crval1 = p.crval1;
		this.crval2 = p.crval2;
		this.cd = p.cd;
		this.cdInv = new double[][] { { cd[1][1] / det, -cd[0][1] / det }, { -cd[1][0] / det, cd[0][0] / det } };
		this.pvLat = p.pvLat;
		this.pvLng = p.pvLng;
		this.celestial = p.celestial;
		this.pixelDistortion = p.pixelDistortion;
		this.tpv = p.tpv;
		this.radesys = p.radesys;
		this.equinox = p.equinox;
		this.dss = p.dss;
	}

	/** The celestial WCS of a header, or why it was refused, or neither when the header has no celestial axes. */
	public static WcsResult read(FitsHeader h) {
		return WcsReader.read(h, null);
	}

	/** As {@link #read(FitsHeader)}, with the file's other HDUs for the CPDIS/D2IMDIS lookup tables. */
	public static WcsResult read(FitsHeader h, DistortionArrays arrays) {
		return WcsReader.read(h, arrays);
	}

	/** The celestial WCS of a header, or null when it has none or it was refused (see {@link #read}). */
	public static Wcs fromHeader(FitsHeader h) {
		return read(h).wcs();
	}

	/**
	 * A plain TAN WCS. CRPIX is 1-based as in FITS; east is to the left (CDELT1 = -scale) and the rotation is the classic
	 * CROTA2 angle in degrees.
	 */
	public static Wcs tan(double crpix1, double crpix2, double raDeg, double decDeg, double pixelScaleArcsec,
		double rotationDeg)
	{
		double s = pixelScaleArcsec / 3600.0;
		double r = rotationDeg * D2R;
		double[][] cd = { { -s * Math.cos(r), -s * Math.sin(r) }, { -s * Math.sin(r), s * Math.cos(r) } };
		try {
			return WcsReader.simple("TAN", crpix1, crpix2, raDeg, decDeg, cd, "ICRS", Double.NaN, null);
		}
		catch (WcsRefusal e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
	}

	/** {ra, dec} in degrees (or the header's longitude/latitude pair) of a 0-based FITS pixel position. */
	public double[] pixelToSky(double x, double y) {
		if (dss != null) {
			return dss.pixelToSky(x, y);
		}
		double u;
		double v;
		if (pixelDistortion != null) {
			double[] f = pixelDistortion.toFocal(x + 1.0, y + 1.0);
			u = f[0];
			v = f[1];
		}
		else {
			u = x + 1.0 - crpix1;
			v = y + 1.0 - crpix2;
		}
		double i1 = cd[0][0] * u + cd[0][1] * v;
		double i2 = cd[1][0] * u + cd[1][1] * v;
		if (tpv != null) {
			double[] t = tpv.apply(i1, i2);
			i1 = t[0];
			i2 = t[1];
		}
		double[] sky = swapped ? celestial.toCelestial(i2, i1) : celestial.toCelestial(i1, i2);
		return sky == null ? new double[] { Double.NaN, Double.NaN } : sky;
	}

	/** The 0-based FITS pixel position of a sky position in degrees; NaNs where the projection is undefined. */
	public double[] skyToPixel(double ra, double dec) {
		double[] guess = linearSkyToPixel(ra, dec);
		if (dss == null || Double.isNaN(guess[0])) {
			return guess;
		}
		return refineDss(ra, dec, guess);
	}

	private double[] linearSkyToPixel(double ra, double dec) {
		double[] nan = { Double.NaN, Double.NaN };
		double[] xy = celestial.toIntermediate(ra, dec);
		if (xy == null) {
			return nan;
		}
		double i1 = swapped ? xy[1] : xy[0];
		double i2 = swapped ? xy[0] : xy[1];
		if (tpv != null) {
			double[] t = tpv.invert(i1, i2);
			if (t == null) {
				return nan;
			}
			i1 = t[0];
			i2 = t[1];
		}
		double u = cdInv[0][0] * i1 + cdInv[0][1] * i2;
		double v = cdInv[1][0] * i1 + cdInv[1][1] * i2;
		if (pixelDistortion != null) {
			double[] p = pixelDistortion.toPixel(u, v);
			return new double[] { p[0] - 1.0, p[1] - 1.0 };
		}
		return new double[] { u + crpix1 - 1.0, v + crpix2 - 1.0 };
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
		return new double[] { x, y };
	}

	static double wrap(double dAlpha) {
		return ((dAlpha + 540.0) % 360.0) - 180.0;
	}

	/** Mean pixel size in arcsec at the reference pixel: sqrt(|det CD|) (distortions not included). */
	public double pixelScaleArcsec() {
		return Math.sqrt(Math.abs(cd[0][0] * cd[1][1] - cd[0][1] * cd[1][0])) * 3600.0;
	}

	/** Three-letter projection code as the header gives it, e.g. "TAN", "ZPN", "TPV", "NCP". */
	public String projection() {
		return code;
	}

	/** The projection and the distortions applied, e.g. "TAN-SIP + CPDIS + D2IMDIS", "TPV", "DSS plate". */
	public String description() {
		if (dss != null) {
			return "DSS plate";
		}
		StringJoiner j = new StringJoiner(" + ");
		j.add(code + (hasSip() ? "-SIP" : ""));
		if (pixelDistortion != null && pixelDistortion.hasCpdis()) {
			j.add("CPDIS");
		}
		if (pixelDistortion != null && pixelDistortion.hasD2im()) {
			j.add("D2IMDIS");
		}
		return j.toString();
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
		return pixelDistortion != null && pixelDistortion.sip() != null;
	}

	/**
	 * Writes this WCS into a header, replacing any linear-transformation, projection-parameter and SIP keywords of axes 1
	 * and 2 there.
	 *
	 * @throws IllegalStateException for lookup-table distortions, whose tables live in other HDUs
	 */
	public void writeTo(FitsHeader h) {
		if (pixelDistortion != null && pixelDistortion.hasLookupTables()) {
			throw new IllegalStateException("a WCS with CPDIS/D2IMDIS lookup tables cannot be written into one header");
		}
		WcsReader.removeWcsKeys(h);
		String suffix = hasSip() ? "-SIP" : "";
		String t1 = swapped ? latType : lonType;
		String t2 = swapped ? lonType : latType;
		h.set("CTYPE1", ctype(t1, code) + suffix, null);
		h.set("CTYPE2", ctype(t2, code) + suffix, null);
		h.set("CRPIX1", crpix1, "reference pixel (1-based)");
		h.set("CRPIX2", crpix2, "reference pixel (1-based)");
		h.set("CRVAL1", crval1, "[deg] world coordinate at reference pixel");
		h.set("CRVAL2", crval2, "[deg] world coordinate at reference pixel");
		h.set("CD1_1", cd[0][0], "[deg/px] linear transformation matrix");
		h.set("CD1_2", cd[0][1], "[deg/px] linear transformation matrix");
		h.set("CD2_1", cd[1][0], "[deg/px] linear transformation matrix");
		h.set("CD2_2", cd[1][1], "[deg/px] linear transformation matrix");
		h.set("LONPOLE", celestial.lonpole(), "[deg] native longitude of celestial pole");
		h.set("LATPOLE", celestial.latpole(), "[deg] native latitude of celestial pole");
		int lat = swapped ? 1 : 2;
		int lng = swapped ? 2 : 1;
		for (int m = 0; m < pvLat.length; m++) {
			if (!Double.isNaN(pvLat[m])) {
				h.set("PV" + lat + "_" + m, pvLat[m], "projection parameter");
			}
		}
		for (int m = 0; m < pvLng.length; m++) {
			if (!Double.isNaN(pvLng[m])) {
				h.set("PV" + lng + "_" + m, pvLng[m], "fiducial point parameter");
			}
		}
		if (tpv != null) {
			tpv.writeTo(h);
		}
		h.set("RADESYS", radesys, "reference frame");
		if (!Double.isNaN(equinox)) {
			h.set("EQUINOX", equinox, "equinox of the reference frame");
		}
		if (hasSip()) {
			pixelDistortion.sip().writeTo(h);
		}
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s, %.3g arcsec/px, reference %s %.6f %s %.6f, %s", description(),
			pixelScaleArcsec(), swapped ? latType : lonType, crval1, swapped ? lonType : latType, crval2, radesys);
	}

	private static String ctype(String type, String proj) {
		StringBuilder sb = new StringBuilder(type);
		while (sb.length() < 4) {
			sb.append('-');
		}
		return sb.append('-').append(proj).toString();
	}
}
