package org.astrobridge.fits.wcs;

/**
 * The distortions applied to pixel coordinates before the linear transformation, in astropy's order: the detector
 * lookup tables (D2IMDISj) move the 1-based pixel p to q = p + D2IM(p); then u = q - CRPIX + SIP(q - CRPIX) + CPDIS(q).
 * The inverse is solved by Newton iteration.
 */
public final class PixelDistortion {

	private final double crpix1;
	private final double crpix2;
	private final Sip sip;
	private final LookupTable[] cpdis;
	private final LookupTable[] d2im;

	/**
	 * @param sip SIP terms or null
	 * @param cpdis CPDIS1, CPDIS2 tables (either may be null)
	 * @param d2im D2IMDIS1, D2IMDIS2 tables (either may be null)
	 */
	public PixelDistortion(double crpix1, double crpix2, Sip sip, LookupTable[] cpdis, LookupTable[] d2im) {
		this.crpix1 = crpix1;
		this.crpix2 = crpix2;
		this.sip = sip;
		this.cpdis = cpdis.clone();
		this.d2im = d2im.clone();
	}

	public Sip sip() {
		return sip;
	}

	public boolean hasLookupTables() {
		return cpdis[0] != null || cpdis[1] != null || d2im[0] != null || d2im[1] != null;
	}

	public boolean hasCpdis() {
		return cpdis[0] != null || cpdis[1] != null;
	}

	public boolean hasD2im() {
		return d2im[0] != null || d2im[1] != null;
	}

	/** (u, v), the offsets from CRPIX that enter the linear transformation, of 1-based pixel (p1, p2). */
	public double[] toFocal(double p1, double p2) {
		double q1 = p1 + (d2im[0] == null ? 0.0 : d2im[0].offset(p1, p2));
		double q2 = p2 + (d2im[1] == null ? 0.0 : d2im[1].offset(p1, p2));
		double u = q1 - crpix1;
		double v = q2 - crpix2;
		double du = 0.0;
		double dv = 0.0;
		if (sip != null) {
			double[] o = sip.offset(u, v);
			du = o[0];
			dv = o[1];
		}
		if (cpdis[0] != null) {
			du += cpdis[0].offset(q1, q2);
		}
		if (cpdis[1] != null) {
			dv += cpdis[1].offset(q1, q2);
		}
		return new double[] { u + du, v + dv };
	}

	/** The 1-based pixel whose {@link #toFocal} is (u, v); NaNs when the iteration does not converge. */
	public double[] toPixel(double u, double v) {
		double[] g = sip != null ? sip.inverseGuess(u, v) : new double[] { u, v };
		double p1 = g[0] + crpix1;
		double p2 = g[1] + crpix2;
		// the lookup tables are piecewise bilinear: a step of 1e-3 px spans at most one kink
		double e = 1e-3;
		for (int it = 0; it < 100; it++) {
			double[] f = toFocal(p1, p2);
			double fu = f[0] - u;
			double fv = f[1] - v;
			if (Math.abs(fu) < 1e-11 && Math.abs(fv) < 1e-11) {
				return new double[] { p1, p2 };
			}
			double[] step = Newton.step(this::toFocal, p1, p2, fu, fv, e);
			if (step == null) {
				break;
			}
			p1 -= step[0];
			p2 -= step[1];
		}
		double[] f = toFocal(p1, p2);
		// a position we cannot reach to a millionth of a pixel is not given at all
		if (Math.hypot(f[0] - u, f[1] - v) < 1e-7) {
			return new double[] { p1, p2 };
		}
		return new double[] { Double.NaN, Double.NaN };
	}
}
