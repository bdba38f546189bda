package org.astrobridge.fits;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrobridge.fits.wcs.CelestialTransform;
import org.astrobridge.fits.wcs.DistortionArrays;
import org.astrobridge.fits.wcs.LookupTable;
import org.astrobridge.fits.wcs.PixelDistortion;
import org.astrobridge.fits.wcs.Projection;
import org.astrobridge.fits.wcs.Sip;
import org.astrobridge.fits.wcs.Tpv;
import org.astrobridge.fits.wcs.WcsRefusal;

/**
 * Reads the celestial WCS of a header into a {@link Wcs}, or says which keyword makes it unrepresentable. Linear part:
 * CD, or PC with CDELT, or CDELT with CROTA2, in that order of preference when several are given (PC before CD as
 * wcslib does).
 */
final class WcsReader {

	private static final Pattern PV_KEY = Pattern.compile("PV([12])_(\\d+)");
	private static final Pattern RECORD = Pattern.compile("\\s*([A-Z0-9.]+)\\s*:\\s*([-+0-9.EeDd]+)\\s*");

	private WcsReader() {}

	static WcsResult read(FitsHeader h, DistortionArrays arrays) {
		if (h == null) {
			return WcsResult.none();
		}
		DssPlate plate = DssPlate.fromHeader(h);
		if (plate != null) {
			try {
				return WcsResult.of(fromDss(h, plate));
			}
			catch (WcsRefusal e) {
				return WcsResult.refused("DSS plate solution: " + e.getMessage());
			}
		}
		String c1 = upper(h.getString("CTYPE1"));
		String c2 = upper(h.getString("CTYPE2"));
		boolean cel1 = isLon(c1) || isLat(c1);
		boolean cel2 = isLon(c2) || isLat(c2);
		if (!cel1 && !cel2) {
			return WcsResult.none();
		}
		boolean swapped = isLat(c1) && isLon(c2);
		if (!swapped && !(isLon(c1) && isLat(c2))) {
			return WcsResult.refused(card("CTYPE1", c1) + " and " + card("CTYPE2", c2) +
				" are not a celestial longitude/latitude pair");
		}
		try {
			return WcsResult.of(build(h, c1, c2, swapped, arrays));
		}
		catch (WcsRefusal e) {
			return WcsResult.refused(e.getMessage());
		}
	}

	private static Wcs build(FitsHeader h, String c1, String c2, boolean swapped, DistortionArrays arrays)
		throws WcsRefusal
	{
		if (c1.length() < 8 || c2.length() < 8 || c1.charAt(4) != '-' || c2.charAt(4) != '-') {
			String bad = c1.length() < 8 || c1.charAt(4) != '-' ? card("CTYPE1", c1) : card("CTYPE2", c2);
			throw new WcsRefusal(bad + " has no projection code (linear celestial axes are not supported)");
		}
		String code = c1.substring(5, 8);
		if (!code.equals(c2.substring(5, 8))) {
			throw new WcsRefusal(card("CTYPE1", c1) + " and " + card("CTYPE2", c2) + " name different projections");
		}
		String suffix = c1.substring(8);
		if (!suffix.equals(c2.substring(8))) {
			throw new WcsRefusal(card("CTYPE1", c1) + " and " + card("CTYPE2", c2) + " name different distortions");
		}
		switch (code) {
			case "TNX", "ZPX" -> throw new WcsRefusal(card("CTYPE1", c1) + ": " + code +
				" distortion (IRAF) is not supported");
			case "TAB" -> throw new WcsRefusal(card("CTYPE1", c1) + ": -TAB lookup coordinates are not supported");
			case "DSS" -> throw new WcsRefusal(card("CTYPE1", c1) +
				": the DSS plate keywords (PLTRAH, AMDX1, ...) are incomplete");
			default -> {}
		}
		boolean isTpv = code.equals("TPV");
		boolean gls = code.equals("GLS");
		if (!isTpv && !gls && !code.equals("NCP") && !Projection.CODES.contains(code)) {
			throw new WcsRefusal(card("CTYPE1", c1) + ": projection " + code + " is not one of FITS WCS paper II");
		}
		Sip sip = null;
		if (suffix.equals("-SIP")) {
			if (isTpv) {
				throw new WcsRefusal(card("CTYPE1", c1) + ": TPV and SIP together are not supported");
			}
			sip = Sip.read(h);
		}
		else if (!suffix.isEmpty()) {
			throw new WcsRefusal(card("CTYPE1", c1) + ": distortion suffix '" + suffix + "' is not supported");
		}
		for (String k : new String[] { "CUNIT1", "CUNIT2" }) {
			String unit = h.getString(k);
			if (unit != null && !unit.isBlank() && !unit.trim().toLowerCase(Locale.ROOT).startsWith("deg")) {
				throw new WcsRefusal(card(k, unit.trim()) + ": only degrees are supported for celestial axes");
			}
		}
		for (String k : new String[] { "CQDIS1", "CQDIS2" }) {
			if (h.contains(k)) {
				throw new WcsRefusal(card(k, h.getString(k)) + ": sequent distortions are not supported");
			}
		}
		double[][] cd = linearMatrix(h);
		if (cd == null) {
			throw new WcsRefusal(card("CTYPE1", c1) + " but no CDELTi, CDi_j or PCi_j gives the pixel scale");
		}
		int lngAxis = swapped ? 2 : 1;
		int latAxis = swapped ? 1 : 2;
		double[] pvLat = new double[30];
		double[] pvLng = new double[5];
		Arrays.fill(pvLat, Double.NaN);
		Arrays.fill(pvLng, Double.NaN);
		Tpv tpv = null;
		if (isTpv) {
			tpv = Tpv.read(h);
		}
		else {
			readProjectionParameters(h, lngAxis, latAxis, pvLng, pvLat);
		}
		double crvalLng = h.getDouble("CRVAL" + lngAxis, 0.0);
		double crvalLat = h.getDouble("CRVAL" + latAxis, 0.0);
		String prj = isTpv ? "TAN" : code;
		double[] pvLngUsed = pvLng.clone();
		if (gls) {
			// GLS is the old name of SFL with the fiducial point at the reference point (wcslib's alias)
			prj = "SFL";
			pvLngUsed[0] = 1.0;
			pvLngUsed[1] = 0.0;
			pvLngUsed[2] = crvalLat;
		}
		CelestialTransform celestial = new CelestialTransform(prj, crvalLng, crvalLat, pvLat, pvLngUsed, h.getDouble(
			"LONPOLE", Double.NaN), h.getDouble("LATPOLE", Double.NaN));
		double crpix1 = h.getDouble("CRPIX1", 0.0);
		double crpix2 = h.getDouble("CRPIX2", 0.0);
		LookupTable[] cpdis = lookupTables(h, arrays, "CPDIS", "DP", "WCSDVARR");
		LookupTable[] d2im = lookupTables(h, arrays, "D2IMDIS", "D2IM", "D2IMARR");
		boolean tables = cpdis[0] != null || cpdis[1] != null || d2im[0] != null || d2im[1] != null;
		PixelDistortion distortion = sip != null || tables ? new PixelDistortion(crpix1, crpix2, sip, cpdis, d2im) : null;
		Frame frame = frame(h);
		return new Wcs(new Wcs.Parts(type(c1.substring(0, 4)), type(c2.substring(0, 4)), code, swapped, crpix1, crpix2, h
			.getDouble("CRVAL1", 0.0), h.getDouble("CRVAL2", 0.0), cd, pvLat, pvLng, celestial, distortion, tpv, frame
				.radesys(), frame.equinox(), null));
	}

	/** PVi_m of the latitude axis (projection parameters) and PVi_0..4 of the longitude axis (fiducial point). */
	private static void readProjectionParameters(FitsHeader h, int lngAxis, int latAxis, double[] pvLng, double[] pvLat)
		throws WcsRefusal
	{
		for (FitsHeader.Card c : h) {
			Matcher m = PV_KEY.matcher(c.key());
			if (c.value() == null || !m.matches()) {
				continue;
			}
			int axis = Integer.parseInt(m.group(1));
			int k = Integer.parseInt(m.group(2));
			double v = h.getDouble(c.key(), Double.NaN);
			if (Double.isNaN(v)) {
				throw new WcsRefusal(c.key() + " = " + c.value().trim() + " is not a number");
			}
			if (axis == latAxis && k < pvLat.length) {
				pvLat[k] = v;
			}
			else if (axis == lngAxis && k < pvLng.length) {
				pvLng[k] = v;
			}
			else {
				throw new WcsRefusal(c.key() + ": no such projection parameter");
			}
		}
	}

	/**
	 * The tables of CPDISj / D2IMDISj 'Lookup' distortions, from the HDUs their record-valued DPj / D2IMj 'EXTVER: n'
	 * keywords name.
	 */
	private static LookupTable[] lookupTables(FitsHeader h, DistortionArrays arrays, String typeKey, String recordKey,
		String extname) throws WcsRefusal
	{
		LookupTable[] out = new LookupTable[2];
		for (int j = 1; j <= 2; j++) {
			String type = h.getString(typeKey + j);
			if (type == null) {
				continue;
			}
			if (!type.trim().equalsIgnoreCase("LOOKUP")) {
				throw new WcsRefusal(card(typeKey + j, type.trim()) + ": only 'Lookup' distortions are supported");
			}
			int extver = 1;
			for (FitsHeader.Card c : h) {
				if (c.value() != null && c.key().equals(recordKey + j)) {
					Matcher m = RECORD.matcher(FitsHeader.unquote(c.value()));
					if (m.matches() && m.group(1).equals("EXTVER")) {
						extver = (int) Double.parseDouble(m.group(2));
					}
				}
			}
			String where = card(typeKey + j, type.trim()) + ": its table " + extname + "," + extver;
			if (arrays == null) {
				throw new WcsRefusal(where + " is in another HDU, which was not read with this header");
			}
			try {
				out[j - 1] = arrays.table(extname, extver);
			}
			catch (IOException | IllegalArgumentException e) {
				throw new WcsRefusal(where + " cannot be read: " + e.getMessage());
			}
			if (out[j - 1] == null) {
				throw new WcsRefusal(where + " is not in the file");
			}
		}
		return out;
	}

	private record Frame(String radesys, double equinox) {}

	/** RADESYS and EQUINOX as read or defaulted (paper I). */
	private static Frame frame(FitsHeader h) {
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
		return new Frame(radesys, equinox);
	}

	/** A WCS without distortion, for {@link Wcs#tan} and the DSS approximation. */
	static Wcs simple(String code, double crpix1, double crpix2, double ra, double dec, double[][] cd, String radesys,
		double equinox, DssPlate dss) throws WcsRefusal
	{
		double[] pvLat = new double[30];
		double[] pvLng = new double[5];
		Arrays.fill(pvLat, Double.NaN);
		Arrays.fill(pvLng, Double.NaN);
		CelestialTransform celestial = new CelestialTransform(code, ra, dec, pvLat, pvLng, Double.NaN, Double.NaN);
		return new Wcs(new Wcs.Parts("RA", "DEC", code, false, crpix1, crpix2, ra, dec, cd, pvLat, pvLng, celestial, null,
			null, radesys, equinox, dss));
	}

	/**
	 * A DSS plate solution, with a TAN approximation (tangent at the image centre) for its linear part, which is what
	 * {@link Wcs#writeTo} and {@link Wcs#pixelScaleArcsec} use; the DSS keywords stay in the header.
	 */
	private static Wcs fromDss(FitsHeader h, DssPlate plate) throws WcsRefusal {
		double cx = (h.getLong("NAXIS1", 1) - 1) / 2.0;
		double cy = (h.getLong("NAXIS2", 1) - 1) / 2.0;
		double[] c = plate.pixelToSky(cx, cy);
		double cosDec = Math.cos(Math.toRadians(c[1]));
		double[] px = plate.pixelToSky(cx + 1, cy);
		double[] py = plate.pixelToSky(cx, cy + 1);
		double[][] cd = { { Wcs.wrap(px[0] - c[0]) * cosDec, Wcs.wrap(py[0] - c[0]) * cosDec }, { px[1] - c[1], py[1] -
			c[1] } };
		double equinox = h.getDouble("EQUINOX", 2000.0);
		String radesys = upper(h.getString("RADESYS"));
		if (radesys == null || radesys.isEmpty()) {
			radesys = equinox < 1984.0 ? "FK4" : "FK5";
		}
		return simple("TAN", cx + 1, cy + 1, c[0], c[1], cd, radesys, equinox, plate);
	}

	// ---- keywords ---------------------------------------------------------------------------------------------

	static String card(String key, String value) {
		return key + " = '" + value + "'";
	}

	private static String upper(String s) {
		return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
	}

	private static String head(String ctype) {
		StringBuilder sb = new StringBuilder(ctype.length() > 4 ? ctype.substring(0, 4) : ctype);
		while (sb.length() < 4) {
			sb.append('-');
		}
		return sb.toString();
	}

	private static boolean isLon(String ctype) {
		if (ctype == null || ctype.isEmpty()) {
			return false;
		}
		String t = head(ctype);
		return t.equals("RA--") || t.endsWith("LON") || t.matches("[A-Z]{2}LN");
	}

	private static boolean isLat(String ctype) {
		if (ctype == null || ctype.isEmpty()) {
			return false;
		}
		String t = head(ctype);
		return t.equals("DEC-") || t.endsWith("LAT") || t.matches("[A-Z]{2}LT");
	}

	private static String type(String head4) {
		return head4.replace("-", "");
	}

	private static double[][] linearMatrix(FitsHeader h) {
		double cdelt1 = h.getDouble("CDELT1", 1.0);
		double cdelt2 = h.getDouble("CDELT2", 1.0);
		if (h.containsAny("PC1_1", "PC1_2", "PC2_1", "PC2_2")) {
			return scaled(new double[][] { { h.getDouble("PC1_1", 1), h.getDouble("PC1_2", 0) }, { h.getDouble("PC2_1", 0), h
				.getDouble("PC2_2", 1) } }, cdelt1, cdelt2);
		}
		if (h.containsAny("PC001001", "PC001002", "PC002001", "PC002002")) {
			return scaled(new double[][] { { h.getDouble("PC001001", 1), h.getDouble("PC001002", 0) }, { h.getDouble(
				"PC002001", 0), h.getDouble("PC002002", 1) } }, cdelt1, cdelt2);
		}
		if (h.containsAny("CD1_1", "CD1_2", "CD2_1", "CD2_2")) {
			return new double[][] { { h.getDouble("CD1_1", 0), h.getDouble("CD1_2", 0) }, { h.getDouble("CD2_1", 0), h
				.getDouble("CD2_2", 0) } };
		}
		if (!h.containsAny("CDELT1", "CDELT2")) {
			return null;
		}
		double rho = Math.toRadians(h.getDouble("CROTA2", h.getDouble("CROTA1", 0.0)));
		double c = Math.cos(rho);
		double s = Math.sin(rho);
		return new double[][] { { cdelt1 * c, -cdelt2 * s }, { cdelt1 * s, cdelt2 * c } };
	}

	private static double[][] scaled(double[][] pc, double cdelt1, double cdelt2) {
		return new double[][] { { cdelt1 * pc[0][0], cdelt1 * pc[0][1] }, { cdelt2 * pc[1][0], cdelt2 * pc[1][1] } };
	}

	/** Removes the keywords {@link Wcs#writeTo} writes, so that none of an older WCS survives beside the new one. */
	static void removeWcsKeys(FitsHeader h) {
		for (String k : new String[] { "CD1_1", "CD1_2", "CD2_1", "CD2_2", "PC1_1", "PC1_2", "PC2_1", "PC2_2", "PC001001",
			"PC001002", "PC002001", "PC002002", "CDELT1", "CDELT2", "CROTA1", "CROTA2", "A_ORDER", "B_ORDER", "AP_ORDER",
			"BP_ORDER", "RADECSYS" })
		{
			h.remove(k);
		}
		for (FitsHeader.Card c : h.cards().toArray(new FitsHeader.Card[0])) {
			if (c.value() != null && (Sip.KEY.matcher(c.key()).matches() || PV_KEY.matcher(c.key()).matches())) {
				h.remove(c.key());
			}
		}
	}
}
