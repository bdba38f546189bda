package org.astrobridge.fits;

/**
 * The Digitized Sky Survey plate solution (PLTRAH.., PPO3/PPO6, XPIXELSZ, CNPIX, AMDX1-13, AMDY1-13), as in WCSTools'
 * dsspos and wcslib, which astropy applies whenever these keywords are present, CTYPE notwithstanding.
 */
final class DssPlate {

	private static final double ARCSEC_PER_RAD = 206264.8062470964;
	private final double plateRa;
	private final double plateDec;
	private final double ppo3;
	private final double ppo6;
	private final double xPixelSize;
	private final double yPixelSize;
	private final double xOffset;
	private final double yOffset;
	private final double[] amdx = new double[13];
	private final double[] amdy = new double[13];

	private DssPlate(FitsHeader h) {
		plateRa = Math.toRadians(15.0 * (h.getDouble("PLTRAH", 0) + h.getDouble("PLTRAM", 0) / 60.0 + h.getDouble("PLTRAS",
			0) / 3600.0));
		String sign = h.getString("PLTDECSN");
		double dec = h.getDouble("PLTDECD", 0) + h.getDouble("PLTDECM", 0) / 60.0 + h.getDouble("PLTDECS", 0) / 3600.0;
		plateDec = Math.toRadians(sign != null && sign.trim().startsWith("-") ? -dec : dec);
		ppo3 = h.getDouble("PPO3", 0);
		ppo6 = h.getDouble("PPO6", 0);
		xPixelSize = h.getDouble("XPIXELSZ", 0);
		yPixelSize = h.getDouble("YPIXELSZ", 0);
		xOffset = h.getDouble("CNPIX1", 0);
		yOffset = h.getDouble("CNPIX2", 0);
		for (int i = 0; i < 13; i++) {
			amdx[i] = h.getDouble("AMDX" + (i + 1), 0);
			amdy[i] = h.getDouble("AMDY" + (i + 1), 0);
		}
	}

	/** The plate solution of a header, or null when the DSS keywords are not all there. */
	static DssPlate fromHeader(FitsHeader h) {
		for (String k : new String[] { "PLTRAH", "PLTDECD", "PPO3", "PPO6", "XPIXELSZ", "YPIXELSZ", "AMDX1", "AMDY1" }) {
			if (!h.contains(k)) {
				return null;
			}
		}
		DssPlate p = new DssPlate(h);
		return p.xPixelSize > 0 && p.yPixelSize > 0 ? p : null;
	}

	/** {ra, dec} degrees of a 0-based FITS pixel. */
	double[] pixelToSky(double x, double y) {
		// plate pixels are 1-based and refer to pixel corners, hence +1 - 0.5
		double px = x + 0.5 + xOffset;
		double py = y + 0.5 + yOffset;
		double xm = (ppo3 - px * xPixelSize) / 1000.0;
		double ym = (py * yPixelSize - ppo6) / 1000.0;
		double x2 = xm * xm;
		double y2 = ym * ym;
		double r2 = x2 + y2;
		double xi = amdx[0] * xm + amdx[1] * ym + amdx[2] + amdx[3] * x2 + amdx[4] * xm * ym + amdx[5] * y2 + amdx[6] * r2 +
			amdx[7] * x2 * xm + amdx[8] * x2 * ym + amdx[9] * xm * y2 + amdx[10] * y2 * ym + amdx[11] * xm * r2 + amdx[12] *
				xm * r2 * r2;
		double eta = amdy[0] * ym + amdy[1] * xm + amdy[2] + amdy[3] * y2 + amdy[4] * xm * ym + amdy[5] * x2 + amdy[6] *
			r2 + amdy[7] * y2 * ym + amdy[8] * y2 * xm + amdy[9] * ym * x2 + amdy[10] * x2 * xm + amdy[11] * ym * r2 +
			amdy[12] * ym * r2 * r2;
		xi /= ARCSEC_PER_RAD;
		eta /= ARCSEC_PER_RAD;
		double ctan = Math.tan(plateDec);
		double ccos = Math.cos(plateDec);
		double raoff = Math.atan2(xi / ccos, 1.0 - eta * ctan);
		double ra = Math.toDegrees(raoff + plateRa);
		ra = ((ra % 360.0) + 360.0) % 360.0;
		double dec = Math.toDegrees(Math.atan(Math.cos(raoff) / ((1.0 - eta * ctan) / (eta + ctan))));
		return new double[] { ra, dec };
	}
}
