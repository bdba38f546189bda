package org.astrobridge.fits.wcs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astrobridge.fits.FitsHeader;

/**
 * SIP polynomial distortion (Shupe et al. 2005): pixel offsets A(u, v), B(u, v) added to u = p - CRPIX before the
 * linear transformation; AP/BP, when given, are only a first guess for the inverse, which is solved exactly.
 */
public final class Sip {

	/** The SIP keywords, for removing them from a header. */
	public static final Pattern KEY = Pattern.compile("(A|B|AP|BP)_(\\d+)_(\\d+)");
	private static final int MAX_ORDER = 20;
	private final int aOrder;
	private final double[][] a;
	private final int bOrder;
	private final double[][] b;
	private final int apOrder;
	private final double[][] ap;
	private final int bpOrder;
	private final double[][] bp;

	private Sip(int aOrder, double[][] a, int bOrder, double[][] b, int apOrder, double[][] ap, int bpOrder,
		double[][] bp)
	{
		this.aOrder = aOrder;
		this.a = a;
		this.bOrder = bOrder;
		this.b = b;
		this.apOrder = apOrder;
		this.ap = ap;
		this.bpOrder = bpOrder;
		this.bp = bp;
	}

	/** The SIP terms of a header whose CTYPEs end in -SIP. */
	public static Sip read(FitsHeader h) throws WcsRefusal {
		int aOrder = (int) h.getLong("A_ORDER", -1);
		int bOrder = (int) h.getLong("B_ORDER", -1);
		if (aOrder < 0 || bOrder < 0 || aOrder > MAX_ORDER || bOrder > MAX_ORDER) {
			throw new WcsRefusal("CTYPE1 ends in -SIP but A_ORDER/B_ORDER are " + (aOrder < 0 || bOrder < 0 ? "missing"
				: "above " + MAX_ORDER));
		}
		int apOrder = (int) h.getLong("AP_ORDER", -1);
		int bpOrder = (int) h.getLong("BP_ORDER", -1);
		double[][] a = new double[aOrder + 1][aOrder + 1];
		double[][] b = new double[bOrder + 1][bOrder + 1];
		double[][] ap = apOrder >= 0 && apOrder <= MAX_ORDER ? new double[apOrder + 1][apOrder + 1] : null;
		double[][] bp = bpOrder >= 0 && bpOrder <= MAX_ORDER ? new double[bpOrder + 1][bpOrder + 1] : null;
		for (FitsHeader.Card c : h) {
			if (c.value() == null) {
				continue;
			}
			Matcher m = KEY.matcher(c.key());
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
			if (target != null && p + q < target.length) {
				target[p][q] = h.getDouble(c.key(), 0.0);
			}
		}
		return new Sip(aOrder, a, bOrder, b, Math.max(apOrder, 0), ap, Math.max(bpOrder, 0), bp);
	}

	/** {A(u, v), B(u, v)}. */
	public double[] offset(double u, double v) {
		return new double[] { poly(a, aOrder, u, v), poly(b, bOrder, u, v) };
	}

	/** A first guess of the (u, v) whose distorted position is (bigU, bigV): AP/BP when given, else itself. */
	public double[] inverseGuess(double bigU, double bigV) {
		if (ap == null || bp == null) {
			return new double[] { bigU, bigV };
		}
		return new double[] { bigU + poly(ap, apOrder, bigU, bigV), bigV + poly(bp, bpOrder, bigU, bigV) };
	}

	/** Writes A_ORDER, A_p_q, ... (non-zero terms only). */
	public void writeTo(FitsHeader h) {
		write(h, "A", aOrder, a);
		write(h, "B", bOrder, b);
		if (ap != null) {
			write(h, "AP", apOrder, ap);
		}
		if (bp != null) {
			write(h, "BP", bpOrder, bp);
		}
	}

	private static void write(FitsHeader h, String name, int order, double[][] c) {
		h.set(name + "_ORDER", order, "SIP polynomial order");
		for (int p = 0; p <= order; p++) {
			for (int q = 0; p + q <= order; q++) {
				if (c[p][q] != 0.0) {
					h.set(name + "_" + p + "_" + q, c[p][q], null);
				}
			}
		}
	}

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
}
