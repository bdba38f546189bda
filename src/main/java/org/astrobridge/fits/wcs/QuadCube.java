package org.astrobridge.fits.wcs;

/**
 * Quad-cube projections (paper II section 5.6): TSC (tangential), CSC (COBE, by the polynomial approximations of Chan
 * and O'Neill that the paper gives, evaluated in single precision as wcslib does so that the values agree), QSC
 * (quadrilateralized). The six faces are laid out in a sideways cross: face 0 above face 1, faces 1-4 along the
 * equator, face 5 below face 1. Each face spans 90 x 90 degrees of (x, y).
 */
final class QuadCube extends Projection {

	private static final double SQRT2INV = 1.0 / Math.sqrt(2.0);
	private static final double FACE = 45.0; // half a face in degrees
	// face centres in units of FACE, and the unit vectors (in l, m, n) of the face's xi, eta and zeta axes
	private static final double[][] CENTRE = { { 0, 2 }, { 0, 0 }, { 2, 0 }, { 4, 0 }, { 6, 0 }, { 0, -2 } };
	private static final double[][][] AXES = { { { 0, 1, 0 }, { -1, 0, 0 }, { 0, 0, 1 } }, { { 0, 1, 0 }, { 0, 0, 1 }, {
		1, 0, 0 } }, { { -1, 0, 0 }, { 0, 0, 1 }, { 0, 1, 0 } }, { { 0, -1, 0 }, { 0, 0, 1 }, { -1, 0, 0 } }, { { 1, 0, 0 },
			{ 0, 0, 1 }, { 0, -1, 0 } }, { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, -1 } }, };

	QuadCube(String code) {
		super(code, 0.0, 0.0);
	}

	@Override
	double[] planeToNative(double x, double y) {
		if (code().equals("CSC")) {
			return cscToNative((float) (x * (1.0 / FACE)), (float) (y * (1.0 / FACE)));
		}
		double xf = x * (1.0 / FACE);
		double yf = y * (1.0 / FACE);
		if (Math.abs(xf) <= 1.0) {
			if (Math.abs(yf) > 3.0) {
				return null;
			}
		}
		else if (Math.abs(xf) > 7.0 || Math.abs(yf) > 1.0) {
			return null;
		}
		if (xf < -1.0) {
			xf += 8.0;
		}
		int face;
		if (xf > 5.0) {
			face = 4;
		}
		else if (xf > 3.0) {
			face = 3;
		}
		else if (xf > 1.0) {
			face = 2;
		}
		else if (yf > 1.0) {
			face = 0;
		}
		else if (yf < -1.0) {
			face = 5;
		}
		else {
			face = 1;
		}
		xf -= CENTRE[face][0];
		yf -= CENTRE[face][1];
		// direction in the face's frame: (xi, eta, zeta)
		double[] local;
		if (code().equals("TSC")) {
			double zeta = 1.0 / Math.sqrt(1.0 + xf * xf + yf * yf);
			local = new double[] { xf * zeta, yf * zeta, zeta };
		}
		else {
			local = qscInverse(xf, yf);
		}
		return local == null ? null : fromFace(face, local);
	}

	/**
	 * CSC in single precision, as wcslib computes it: the polynomial is only an approximation, so agreeing with wcslib
	 * (and astropy) to 0.01 arcsec needs the same roundings.
	 */
	private static double[] cscToNative(float xf, float yf) {
		if (Math.abs((double) xf) <= 1.0) {
			if (Math.abs((double) yf) > 3.0) {
				return null;
			}
		}
		else if (Math.abs((double) xf) > 7.0 || Math.abs((double) yf) > 1.0) {
			return null;
		}
		if (xf < -1.0f) {
			xf += 8.0f;
		}
		int face;
		if (xf > 5.0f) {
			face = 4;
			xf = xf - 6.0f;
		}
		else if (xf > 3.0f) {
			face = 3;
			xf = xf - 4.0f;
		}
		else if (xf > 1.0f) {
			face = 2;
			xf = xf - 2.0f;
		}
		else if (yf > 1.0f) {
			face = 0;
			yf = yf - 2.0f;
		}
		else if (yf < -1.0f) {
			face = 5;
			yf = yf + 2.0f;
		}
		else {
			face = 1;
		}
		return fromFace(face, cscInverse(xf, yf));
	}

	/** (phi, theta) of a direction given in a face's (xi, eta, zeta) frame. */
	private static double[] fromFace(int face, double[] local) {
		double[][] a = AXES[face];
		double l = local[0] * a[0][0] + local[1] * a[1][0] + local[2] * a[2][0];
		double m = local[0] * a[0][1] + local[1] * a[1][1] + local[2] * a[2][1];
		double n = local[0] * a[0][2] + local[1] * a[1][2] + local[2] * a[2][2];
		double phi = l == 0.0 && m == 0.0 ? 0.0 : Deg.atan2(m, l);
		return pt(phi, Deg.asin(n));
	}

	@Override
	double[] nativeToPlane(double phi, double theta) {
		if (code().equals("QSC") && Math.abs(theta) == 90.0) {
			return pt(0.0, Math.copySign(2.0 * FACE, theta));
		}
		double cosTheta = Deg.cos(theta);
		double l = cosTheta * Deg.cos(phi);
		double m = cosTheta * Deg.sin(phi);
		double n = Deg.sin(theta);
		int face = 0;
		double zeta = n;
		if (l > zeta) {
			face = 1;
			zeta = l;
		}
		if (m > zeta) {
			face = 2;
			zeta = m;
		}
		if (-l > zeta) {
			face = 3;
			zeta = -l;
		}
		if (-m > zeta) {
			face = 4;
			zeta = -m;
		}
		if (-n > zeta) {
			face = 5;
			zeta = -n;
		}
		double[][] a = AXES[face];
		double xi = l * a[0][0] + m * a[0][1] + n * a[0][2];
		double eta = l * a[1][0] + m * a[1][1] + n * a[1][2];
		double[] f = switch (code()) {
			case "TSC" -> clampFace(xi / zeta, eta / zeta, 1.0e-12);
			case "CSC" -> cscForward((float) (xi / zeta), (float) (eta / zeta));
			default -> qscForward(face, xi, eta, zeta, phi, theta);
		};
		if (f == null) {
			return null;
		}
		if (code().equals("CSC")) {
			// the face offset is added in float too
			return pt(FACE * (float) ((float) f[0] + (float) CENTRE[face][0]), FACE * (float) ((float) f[1] +
				(float) CENTRE[face][1]));
		}
		return pt(FACE * (f[0] + CENTRE[face][0]), FACE * (f[1] + CENTRE[face][1]));
	}

	private static double[] clampFace(double xf, double yf, double tol) {
		if (Math.abs(xf) > 1.0) {
			if (Math.abs(xf) > 1.0 + tol) {
				return null;
			}
			xf = Math.copySign(1.0, xf);
		}
		if (Math.abs(yf) > 1.0) {
			if (Math.abs(yf) > 1.0 + tol) {
				return null;
			}
			yf = Math.copySign(1.0, yf);
		}
		return pt(xf, yf);
	}

	// ---- QSC ----

	private static double[] qscForward(int face, double xi, double eta, double zeta, double phi, double theta) {
		double zeco = 1.0 - zeta;
		if (zeco < 1.0e-8) {
			// near a face centre 1 - zeta cancels: small-angle formula from the offsets to the centre
			double t;
			double p;
			switch (face) {
				case 0 -> zeco = sq((90.0 - theta) * Deg.D2R) / 2.0;
				case 5 -> zeco = sq((theta + 90.0) * Deg.D2R) / 2.0;
				default -> {
					t = theta * Deg.D2R;
					p = Math.atan2(Deg.sin(phi), Deg.cos(phi));
					switch (face) {
						case 2 -> p -= Math.PI / 2.0;
						case 3 -> p -= Math.copySign(Math.PI, p);
						case 4 -> p += Math.PI / 2.0;
						default -> {}
					}
					zeco = (p * p + t * t) / 2.0;
				}
			}
		}
		double xf = 0.0;
		double yf = 0.0;
		if (xi != 0.0 || eta != 0.0) {
			if (-xi > Math.abs(eta) || xi > Math.abs(eta)) {
				double omega = eta / xi;
				double tau = 1.0 + omega * omega;
				xf = Math.copySign(Math.sqrt(zeco / (1.0 - 1.0 / Math.sqrt(1.0 + tau))), xi);
				yf = (xf / 15.0) * (Deg.atan(omega) - Deg.asin(omega / Math.sqrt(tau + tau)));
			}
			else {
				double omega = xi / eta;
				double tau = 1.0 + omega * omega;
				yf = Math.copySign(Math.sqrt(zeco / (1.0 - 1.0 / Math.sqrt(1.0 + tau))), eta);
				xf = (yf / 15.0) * (Deg.atan(omega) - Deg.asin(omega / Math.sqrt(tau + tau)));
			}
		}
		return clampFace(xf, yf, 1.0e-12);
	}

	private static double[] qscInverse(double xf, double yf) {
		boolean direct = Math.abs(xf) > Math.abs(yf);
		double big = direct ? xf : yf;
		double small = direct ? yf : xf;
		double omega;
		double tau;
		double zeta;
		double zeco;
		if (big == 0.0) {
			omega = 0.0;
			tau = 1.0;
			zeta = 1.0;
			zeco = 0.0;
		}
		else {
			double w = 15.0 * small / big;
			omega = Deg.sin(w) / (Deg.cos(w) - SQRT2INV);
			tau = 1.0 + omega * omega;
			zeco = big * big * (1.0 - 1.0 / Math.sqrt(1.0 + tau));
			zeta = 1.0 - zeco;
		}
		double w;
		if (zeta < -1.0) {
			if (zeta < -1.0 - 1.0e-12) {
				return null;
			}
			zeta = -1.0;
			w = 0.0;
		}
		else {
			w = Math.sqrt(zeco * (2.0 - zeco) / tau);
		}
		double along = big < 0.0 ? -w : w;
		return direct ? new double[] { along, along * omega, zeta } : new double[] { along * omega, along, zeta };
	}

	// ---- CSC: polynomial coefficients and single-precision arithmetic as in wcslib ----

	private static final float P00 = -0.27292696f;
	private static final float P10 = -0.07629969f;
	private static final float P20 = -0.22797056f;
	private static final float P30 = 0.54852384f;
	private static final float P40 = -0.62930065f;
	private static final float P50 = 0.25795794f;
	private static final float P60 = 0.02584375f;
	private static final float P01 = -0.02819452f;
	private static final float P11 = -0.01471565f;
	private static final float P21 = 0.48051509f;
	private static final float P31 = -1.74114454f;
	private static final float P41 = 1.71547508f;
	private static final float P51 = -0.53022337f;
	private static final float P02 = 0.27058160f;
	private static final float P12 = -0.56800938f;
	private static final float P22 = 0.30803317f;
	private static final float P32 = 0.98938102f;
	private static final float P42 = -0.83180469f;
	private static final float P03 = -0.60441560f;
	private static final float P13 = 1.50880086f;
	private static final float P23 = -0.93678576f;
	private static final float P33 = 0.08693841f;
	private static final float P04 = 0.93412077f;
	private static final float P14 = -1.41601920f;
	private static final float P24 = 0.33887446f;
	private static final float P05 = -0.63915306f;
	private static final float P15 = 0.52032238f;
	private static final float P06 = 0.14381585f;

	private static final float GSTAR = 1.37484847732f;
	private static final float MM = 0.004869491981f;
	private static final float GAMMA = -0.13161671474f;
	private static final float OMEGA1 = -0.159596235474f;
	private static final float D0 = 0.0759196200467f;
	private static final float D1 = -0.0217762490699f;
	private static final float C00 = 0.141189631152f;
	private static final float C10 = 0.0809701286525f;
	private static final float C01 = -0.281528535557f;
	private static final float C11 = 0.15384112876f;
	private static final float C20 = -0.178251207466f;
	private static final float C02 = 0.106959469314f;

	private static float cscCorrection(float xx, float yy) {
		float z0 = P00 + xx * (P10 + xx * (P20 + xx * (P30 + xx * (P40 + xx * (P50 + xx * (P60))))));
		float z1 = P01 + xx * (P11 + xx * (P21 + xx * (P31 + xx * (P41 + xx * (P51)))));
		float z2 = P02 + xx * (P12 + xx * (P22 + xx * (P32 + xx * (P42))));
		float z3 = P03 + xx * (P13 + xx * (P23 + xx * (P33)));
		float z4 = P04 + xx * (P14 + xx * (P24));
		float z5 = P05 + xx * (P15);
		float z6 = P06;
		return z0 + yy * (z1 + yy * (z2 + yy * (z3 + yy * (z4 + yy * (z5 + yy * z6)))));
	}

	private static double[] cscInverse(float xf, float yf) {
		float xx = xf * xf;
		float yy = yf * yf;
		float chi = cscCorrection(xx, yy);
		chi = xf + xf * (1.0f - xx) * chi;
		float psi = cscCorrection(yy, xx);
		psi = yf + yf * (1.0f - yy) * psi;
		double t = 1.0 / Math.sqrt((double) (chi * chi + psi * psi) + 1.0);
		return new double[] { chi * t, psi * t, t };
	}

	private static double[] cscForward(float chi, float psi) {
		float chi2 = chi * chi;
		float psi2 = psi * psi;
		float chi2co = 1.0f - chi2;
		float psi2co = 1.0f - psi2;
		// avoid floating underflows as wcslib does
		float chipsi = Math.abs(chi * psi);
		float chi4 = chi2 > 1.0e-16f ? chi2 * chi2 : 0.0f;
		float psi4 = psi2 > 1.0e-16f ? psi2 * psi2 : 0.0f;
		float chi2psi2 = chipsi > 1.0e-16f ? chi2 * psi2 : 0.0f;
		float xf = chi * (chi2 + chi2co * (GSTAR + psi2 * (GAMMA * chi2co + MM * chi2 + psi2co * (C00 + C10 * chi2 + C01 *
			psi2 + C11 * chi2psi2 + C20 * chi4 + C02 * psi4)) + chi2 * (OMEGA1 - chi2co * (D0 + D1 * chi2))));
		float yf = psi * (psi2 + psi2co * (GSTAR + chi2 * (GAMMA * psi2co + MM * psi2 + chi2co * (C00 + C10 * psi2 + C01 *
			chi2 + C11 * chi2psi2 + C20 * psi4 + C02 * chi4)) + psi2 * (OMEGA1 - psi2co * (D0 + D1 * psi2))));
		return clampFace(xf, yf, 1.0e-7);
	}

	private static double sq(double v) {
		return v * v;
	}
}
