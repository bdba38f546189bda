package org.astrobridge.fits.wcs;

/**
 * A projection with its spherical rotation (paper II sections 2.2-2.5): between intermediate world coordinates in
 * degrees and celestial (longitude, latitude) in degrees. The celestial coordinates of the native pole follow from the
 * reference point (CRVAL), the fiducial point (phi0, theta0) of the projection, LONPOLE and LATPOLE, with wcslib's
 * celset conventions for the defaults and the special cases.
 */
public final class CelestialTransform {

	private static final double TOL = 1.0e-10;
	private final Projection projection;
	private final double lonpole;
	private final double latpole;
	// celestial longitude and latitude of the native pole, and native longitude of the celestial pole
	private final double alphaP;
	private final double deltaP;
	private final double phiP;

	/**
	 * @param code three-letter projection code (NCP is turned into SIN with its parameters)
	 * @param lng0 CRVAL of the longitude axis
	 * @param lat0 CRVAL of the latitude axis
	 * @param pvLat PVj_m of the latitude axis (NaN where absent)
	 * @param pvLng PVi_0..4 of the longitude axis (NaN where absent): offset flag, phi0, theta0, LONPOLE, LATPOLE
	 * @param lonpoleKey LONPOLE (NaN if absent)
	 * @param latpoleKey LATPOLE (NaN if absent)
	 */
	public CelestialTransform(String code, double lng0, double lat0, double[] pvLat, double[] pvLng, double lonpoleKey,
		double latpoleKey) throws WcsRefusal
	{
		double[] pv = pvLat.clone();
		String prj = code;
		if (code.equals("NCP")) {
			// NCP is SIN with xi = 0, eta = cot(delta0) (paper II section 5.1.5)
			if (lat0 == 0.0) {
				throw new WcsRefusal("NCP is undefined with its reference point on the equator (CRVAL = 0)");
			}
			prj = "SIN";
			pv[1] = 0.0;
			pv[2] = Deg.cos(lat0) / Deg.sin(lat0);
		}
		projection = Projection.of(prj, pv);
		// PVi_1/PVi_2 of the longitude axis move the fiducial point; only with PVi_0 = 1 do they also move the
		// origin of (x, y) there (paper II section 2.5, read as wcslib does)
		double phi0 = Double.isNaN(pvLng[1]) ? projection.defaultPhi0() : pvLng[1];
		double theta0 = Double.isNaN(pvLng[2]) ? projection.defaultTheta0() : pvLng[2];
		boolean offset = !Double.isNaN(pvLng[0]) && pvLng[0] != 0.0;
		if (offset && !Double.isNaN(pvLng[1]) && !Double.isNaN(pvLng[2])) {
			projection.offsetTo(phi0, theta0);
		}
		if (Math.abs(theta0) > 90.0) {
			if (Math.abs(theta0) > 90.0 + TOL) {
				throw new WcsRefusal("PV1_2 (theta0) = " + theta0 + " is beyond +-90");
			}
			theta0 = Math.copySign(90.0, theta0);
		}
		// PVi_3 and PVi_4 of the longitude axis override LONPOLE and LATPOLE (paper II section 2.4)
		double phip = Double.isNaN(pvLng[3]) ? lonpoleKey : pvLng[3];
		double latp = Double.isNaN(pvLng[4]) ? (Double.isNaN(latpoleKey) ? 90.0 : latpoleKey) : pvLng[4];
		if (Double.isNaN(phip) || phip == 999.0) {
			phip = (lat0 < theta0 ? 180.0 : 0.0) + phi0;
			if (phip < -180.0) {
				phip += 360.0;
			}
			else if (phip > 180.0) {
				phip -= 360.0;
			}
		}
		double lngp;
		if (theta0 == 90.0) {
			// fiducial point at the native pole
			lngp = lng0;
			latp = lat0;
		}
		else {
			latp = nativePoleLatitude(lat0, phi0, theta0, phip, latp);
			double z = Deg.cos(latp) * Deg.cos(lat0);
			if (Math.abs(z) < TOL) {
				if (Math.abs(Deg.cos(lat0)) < TOL) {
					lngp = lng0; // celestial pole at the fiducial point
				}
				else if (latp > 0.0) {
					lngp = lng0 + phip - phi0 - 180.0; // celestial north pole at the native pole
				}
				else {
					lngp = lng0 - phip + phi0; // celestial south pole at the native pole
				}
			}
			else {
				double x = (Deg.sin(theta0) - Deg.sin(latp) * Deg.sin(lat0)) / z;
				double y = Deg.sin(phip - phi0) * Deg.cos(theta0) / Deg.cos(lat0);
				if (x == 0.0 && y == 0.0) {
					throw new WcsRefusal("LONPOLE/LATPOLE and CRVAL give no consistent native pole");
				}
				lngp = lng0 - Deg.atan2(y, x);
			}
			if (lng0 >= 0.0) {
				lngp = lngp < 0.0 ? lngp + 360.0 : lngp > 360.0 ? lngp - 360.0 : lngp;
			}
			else {
				lngp = lngp > 0.0 ? lngp - 360.0 : lngp < -360.0 ? lngp + 360.0 : lngp;
			}
		}
		this.lonpole = phip;
		this.latpole = latp;
		this.alphaP = lngp;
		this.deltaP = latp;
		this.phiP = phip;
	}

	/**
	 * Paper II equations 8-10: the celestial latitude of the native pole, of the two solutions the one nearest LATPOLE;
	 * refused when the reference latitude cannot be reached from this fiducial point.
	 */
	private static double nativePoleLatitude(double lat0, double phi0, double theta0, double phip, double latp)
		throws WcsRefusal
	{
		double u;
		double v;
		if (phip == phi0) {
			u = theta0;
			v = 90.0 - lat0;
		}
		else {
			double x = Deg.cos(theta0) * Deg.cos(phip - phi0);
			double y = Deg.sin(theta0);
			double z = Math.sqrt(x * x + y * y);
			if (z == 0.0) {
				if (Deg.sin(lat0) != 0.0) {
					throw new WcsRefusal("|LONPOLE - phi0| = 90 with theta0 = 0 needs CRVAL of latitude = 0");
				}
				return Math.max(-90.0, Math.min(90.0, latp)); // LATPOLE alone decides
			}
			double slz = Deg.sin(lat0) / z;
			if (Math.abs(slz) > 1.0) {
				if (Math.abs(slz) - 1.0 >= TOL) {
					throw new WcsRefusal(String.format(java.util.Locale.ROOT, "the reference latitude (CRVAL) %s " +
						"cannot be reached with LONPOLE %s (|latitude| <= %.3f is needed)", number(lat0), number(phip), Deg.asin(
							z)));
				}
				slz = Math.copySign(1.0, slz);
			}
			u = Deg.atan2(y, x);
			v = Deg.acos(slz);
		}
		double latp1 = wrap180(u + v);
		double latp2 = wrap180(u - v);
		double chosen;
		if (Math.abs(latp - latp1) < Math.abs(latp - latp2)) {
			chosen = Math.abs(latp1) < 90.0 + TOL ? latp1 : latp2;
		}
		else {
			chosen = Math.abs(latp2) < 90.0 + TOL ? latp2 : latp1;
		}
		if (Math.abs(chosen) < 90.0 + TOL) {
			chosen = Math.max(-90.0, Math.min(90.0, chosen));
		}
		return chosen;
	}

	/** A number as a person would write it in a header: 135, -65, 0.5. */
	private static String number(double v) {
		return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
	}

	private static double wrap180(double a) {
		return a > 180.0 ? a - 360.0 : a < -180.0 ? a + 360.0 : a;
	}

	public Projection projection() {
		return projection;
	}

	/** LONPOLE as used (given or defaulted). */
	public double lonpole() {
		return lonpole;
	}

	/** LATPOLE as used: the celestial latitude of the native pole. */
	public double latpole() {
		return latpole;
	}

	/** {lng, lat} (lng in [0, 360)) of intermediate world coordinates (x, y) in degrees; null outside. */
	public double[] toCelestial(double x, double y) {
		double[] nat = projection.toNative(x, y);
		if (nat == null) {
			return null;
		}
		double[] r = rotate(nat[0], nat[1], phiP, alphaP, deltaP);
		r[0] = ((r[0] % 360.0) + 360.0) % 360.0;
		return r;
	}

	/** {x, y} of celestial (lng, lat) in degrees; null where the projection is undefined. */
	public double[] toIntermediate(double lng, double lat) {
		double[] nat = rotate(lng, lat, alphaP, phiP, deltaP);
		// native longitude in [-180, 180] around the projection's centre
		double phi = nat[0];
		phi = ((phi + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
		if (phi == -180.0 && nat[0] > 0.0) {
			phi = 180.0;
		}
		return projection.toPlane(phi, nat[1]);
	}

	/**
	 * The spherical rotation of paper II equations 2 and 5: from (lon, lat) in one frame to the other, where the pole of
	 * the rotation has longitude {@code lonFrom} in the first frame and {@code lonTo} in the second and latitude
	 * {@code poleLat}. Longitude comes back unnormalised.
	 */
	private static double[] rotate(double lon, double lat, double lonFrom, double lonTo, double poleLat) {
		double ct = Deg.cos(lat);
		double st = Deg.sin(lat);
		double cp = Deg.cos(poleLat);
		double sp = Deg.sin(poleLat);
		double dl = lon - lonFrom;
		double cdl = Deg.cos(dl);
		double y = -ct * Deg.sin(dl);
		double x = st * cp - ct * sp * cdl;
		// atan2 rather than asin: asin loses half the digits next to the pole of the rotation
		double outLat = Math.atan2(st * sp + ct * cp * cdl, Math.hypot(x, y)) * Deg.R2D;
		return new double[] { lonTo + Math.atan2(y, x) * Deg.R2D, outLat };
	}
}
