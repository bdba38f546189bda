package org.astrobridge.ij;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import ij.gui.EllipseRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;

import org.astrobridge.fits.PixelConvention;
import org.astrobridge.report.Catalog;

/**
 * The overlay of a classified field: per object an ellipse from the catalogue's {@code x_fits, y_fits, a, b, theta}
 * (semi-axes {@link #ELLIPSE_SCALE} x the second-moment RMS sizes, at least 1 px, as the DS9 regions), converted to
 * ImageJ coordinates through {@link PixelConvention}, coloured by {@code class_id} with the DS9 palette, and a label
 * "class p" at its top. Out-of-distribution objects are red with a dashed outline. Never the ROI Manager.
 */
public final class CatalogOverlay {

	/** Semi-axes drawn at this multiple of the RMS sizes a, b: about the isophotal extent. */
	public static final double ELLIPSE_SCALE = 3.0;
	/** Colours by class index, the same sequence as the DS9 regions; red is kept for OOD objects. */
	static final Color[] PALETTE = { Color.GREEN, Color.CYAN, Color.MAGENTA, Color.YELLOW, Color.BLUE, new Color(
		0xff8000), new Color(0x00ff80), new Color(0x8080ff), Color.WHITE, new Color(0xff80c0) };
	/** Names of the ellipse ROIs start with this, so they can be told from the labels. */
	public static final String ELLIPSE_PREFIX = "object ";

	private CatalogOverlay() {}

	/** An ellipse and a label per catalogue row with a finite position. */
	public static Overlay of(Catalog catalog, int imageHeight) {
		Overlay overlay = new Overlay();
		Font font = new Font("SansSerif", Font.PLAIN, 10);
		for (int r = 0; r < catalog.rowCount(); r++) {
			Roi ellipse = objectEllipse(catalog, r, imageHeight);
			if (ellipse == null) {
				continue;
			}
			double x = catalog.getDouble("x_fits", r);
			double y = catalog.getDouble("y_fits", r);
			double a = semiMajor(catalog, r);
			boolean ood = catalog.getInt("ood", r) != 0;
			int classId = catalog.getInt("class_id", r);
			Color colour = ood ? Color.RED : PALETTE[Math.floorMod(classId, PALETTE.length)];
			String cls = catalog.getString("class", r);
			double p = catalog.getDouble(Catalog.probabilityColumn(cls), r);
			ellipse.setStrokeColor(colour);
			if (ood) {
				ellipse.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 4f,
					3f }, 0f));
			}
			overlay.add(ellipse);
			double[] c = PixelConvention.fitsToImagej(x, y, imageHeight);
			TextRoi label = new TextRoi(c[0] + 0.7 * a, c[1] - a - 12, String.format(java.util.Locale.ROOT, "%s %.2f", cls,
				p), font);
			label.setStrokeColor(colour);
			label.setName("label " + catalog.getInt("id", r));
			overlay.add(label);
		}
		return overlay;
	}

	/**
	 * The ellipse of catalogue row {@code r} as the overlay draws it, named {@link #ELLIPSE_PREFIX} + its id; null when
	 * the row has no finite position.
	 */
	static Roi objectEllipse(Catalog catalog, int r, int imageHeight) {
		double x = catalog.getDouble("x_fits", r);
		double y = catalog.getDouble("y_fits", r);
		if (!Double.isFinite(x) || !Double.isFinite(y)) {
			return null;
		}
		double a = semiMajor(catalog, r);
		double b = Math.min(a, Math.max(1.0, ELLIPSE_SCALE * finite(catalog.getDouble("b", r))));
		Roi ellipse = ellipse(x, y, a, b, finite(catalog.getDouble("theta", r)), imageHeight);
		ellipse.setName(ELLIPSE_PREFIX + catalog.getInt("id", r));
		return ellipse;
	}

	private static double semiMajor(Catalog catalog, int r) {
		return Math.max(1.0, ELLIPSE_SCALE * finite(catalog.getDouble("a", r)));
	}

	/**
	 * The ellipse of an object at 0-based FITS {@code x, y} with semi-axes {@code a >= b} (px, already scaled) and
	 * position angle {@code thetaDeg} (counter-clockwise from +x), in ImageJ's pixel coordinates.
	 */
	static Roi ellipse(double x, double y, double a, double b, double thetaDeg, int imageHeight) {
		double t = Math.toRadians(thetaDeg);
		double[] p1 = PixelConvention.fitsToImagej(x + a * Math.cos(t), y + a * Math.sin(t), imageHeight);
		double[] p2 = PixelConvention.fitsToImagej(x - a * Math.cos(t), y - a * Math.sin(t), imageHeight);
		return new EllipseRoi(p1[0], p1[1], p2[0], p2[1], b / a);
	}

	/** Number of object ellipses in an overlay built by {@link #of}. */
	public static int ellipseCount(Overlay overlay) {
		int n = 0;
		for (Roi roi : overlay.toArray()) {
			if (roi instanceof EllipseRoi && roi.getName() != null && roi.getName().startsWith(ELLIPSE_PREFIX)) {
				n++;
			}
		}
		return n;
	}

	private static double finite(double v) {
		return Double.isFinite(v) ? v : 0;
	}
}
