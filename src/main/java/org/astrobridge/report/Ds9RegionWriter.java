package org.astrobridge.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.astrobridge.fits.Wcs;

/**
 * Writes a catalogue as a DS9 region file (format 4.1): one ellipse per object from the columns {@code x_fits,
 * y_fits, a, b, theta} (0-based FITS pixels, px, degrees counter-clockwise from +x), labelled {@code text={class p}}
 * from the columns {@code class} and {@code p_<class>}, coloured by class, and drawn red and dashed when the
 * {@code ood} column is non-zero.
 * <p>
 * Without a WCS the ellipses are in DS9 {@code image} coordinates: 1-based FITS pixels, so x = x_fits + 1, y = y_fits +
 * 1; a and b in pixels; the angle is theta. With a WCS ({@link #wcs}) and {@code ra}/{@code dec} columns they are in
 * {@code fk5}: centre from ra/dec (degrees), a and b in arcsec measured on the sky through the WCS along the ellipse
 * axes, and the angle measured counter-clockwise from West (+x of a north-up, east-left image), i.e. the major axis'
 * position angle east of north + 90 degrees; on such an image it equals theta. Semi-axes are multiplied by
 * {@link #ellipseScale} (default 1: the second-moment RMS sizes) and drawn at least 0.5 px. Rows without a finite
 * position are left out.
 */
public final class Ds9RegionWriter {

	/** DS9 colours for classes in order; red is kept for OOD objects. */
	static final String[] PALETTE = { "green", "cyan", "magenta", "yellow", "blue", "#ff8000", "#00ff80", "#8080ff",
		"white", "#ff80c0" };
	static final String HEADER = "# Region file format: DS9 version 4.1";
	static final String GLOBAL = "global color=green dashlist=8 3 width=1 font=\"helvetica 10 normal roman\" " +
		"select=1 highlite=1 dash=0 fixed=0 edit=1 move=1 delete=1 include=1 source=1";

	private Wcs wcs;
	private double scale = 1;

	/** Write fk5 regions through this WCS (null: image coordinates). */
	public Ds9RegionWriter wcs(Wcs wcs) {
		this.wcs = wcs;
		return this;
	}

	/** Factor applied to a and b (e.g. 3 to draw roughly the isophotal extent). */
	public Ds9RegionWriter ellipseScale(double scale) {
		if (!(scale > 0) || Double.isInfinite(scale)) {
			throw new IllegalArgumentException("ellipse scale must be positive: " + scale);
		}
		this.scale = scale;
		return this;
	}

	/** Writes completely or not at all; refuses to write over any of {@code inputs}. */
	public void write(Catalog catalog, Path out, Path... inputs) throws IOException {
		String text = format(catalog); // fails before any file is touched when columns are missing
		SafeOutput.write(out, inputs, "DS9 region file", w -> w.write(text));
	}

	/** The region file text. */
	public String format(Catalog catalog) {
		for (String c : new String[] { "x_fits", "y_fits", "a", "b", "theta" }) {
			if (!catalog.hasColumn(c)) {
				throw new IllegalArgumentException("catalogue has no column '" + c + "' needed for DS9 regions");
			}
		}
		boolean sky = wcs != null && catalog.hasColumn("ra") && catalog.hasColumn("dec");
		List<String> classes = classOrder(catalog);
		StringWriter sw = new StringWriter();
		try {
			write(catalog, sky, classes, sw);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return sw.toString();
	}

	private void write(Catalog cat, boolean sky, List<String> classes, Writer w) throws IOException {
		w.write(HEADER + "\n");
		for (Map.Entry<String, String> m : cat.metadata().entrySet()) {
			w.write("# " + commentText(m.getKey()) + ": " + commentText(m.getValue()) + "\n");
		}
		w.write(GLOBAL + "\n");
		w.write(sky ? "fk5\n" : "image\n");
		boolean hasClass = cat.hasColumn("class");
		boolean hasOod = cat.hasColumn("ood");
		for (int r = 0; r < cat.rowCount(); r++) {
			double x = cat.getDouble("x_fits", r);
			double y = cat.getDouble("y_fits", r);
			double a = Math.max(0.5, finiteOr(cat.getDouble("a", r) * scale, 0.5));
			double b = Math.max(0.5, finiteOr(cat.getDouble("b", r) * scale, 0.5));
			double theta = finiteOr(cat.getDouble("theta", r), 0);
			String shape;
			if (sky) {
				double ra = cat.getDouble("ra", r);
				double dec = cat.getDouble("dec", r);
				if (!Double.isFinite(ra) || !Double.isFinite(dec) || !Double.isFinite(x) || !Double.isFinite(y)) {
					continue;
				}
				double t = Math.toRadians(theta);
				double[] c = wcs.pixelToSky(x, y);
				double[] pa = wcs.pixelToSky(x + a * Math.cos(t), y + a * Math.sin(t));
				double[] pb = wcs.pixelToSky(x - b * Math.sin(t), y + b * Math.cos(t));
				double angle = mod180(positionAngle(c, pa) + 90);
				shape = String.format(Locale.ROOT, "ellipse(%.7f,%.7f,%.3f\",%.3f\",%.3f)", ra, dec, separationArcsec(c, pa),
					separationArcsec(c, pb), angle);
			}
			else {
				if (!Double.isFinite(x) || !Double.isFinite(y)) {
					continue;
				}
				shape = String.format(Locale.ROOT, "ellipse(%.3f,%.3f,%.3f,%.3f,%.3f)", x + 1, y + 1, a, b, theta);
			}
			StringBuilder props = new StringBuilder(" #");
			boolean ood = hasOod && cat.getDouble("ood", r) != 0;
			String cls = hasClass ? cat.getString("class", r) : "";
			if (ood) {
				props.append(" color=red dash=1");
			}
			else if (!cls.isEmpty()) {
				int k = classes.indexOf(cls);
				props.append(" color=").append(PALETTE[Math.max(k, 0) % PALETTE.length]);
			}
			if (!cls.isEmpty()) {
				String pCol = Catalog.probabilityColumn(cls);
				String label = cat.hasColumn(pCol) ? cls + String.format(Locale.ROOT, " %.2f", cat.getDouble(pCol, r)) : cls;
				props.append(" text={").append(label.replace("}", ")").replace("{", "(")).append('}');
			}
			if (ood) {
				props.append(" tag={ood}");
			}
			w.write(shape + (props.length() > 2 ? props : "") + "\n");
		}
	}

	/** Class names in the order of their p_ columns, then any others in order of appearance. */
	private static List<String> classOrder(Catalog cat) {
		List<String> order = new ArrayList<>();
		if (!cat.hasColumn("class")) {
			return order;
		}
		List<String> seen = new ArrayList<>();
		for (int r = 0; r < cat.rowCount(); r++) {
			String c = cat.getString("class", r);
			if (!c.isEmpty() && !seen.contains(c)) {
				seen.add(c);
			}
		}
		for (String col : cat.columnNames()) {
			for (String c : seen) {
				if (Catalog.probabilityColumn(c).equals(col) && !order.contains(c)) {
					order.add(c);
				}
			}
		}
		for (String c : seen) {
			if (!order.contains(c)) {
				order.add(c);
			}
		}
		return order;
	}

	/** Position angle of point p seen from c, east of north, degrees. */
	private static double positionAngle(double[] c, double[] p) {
		double a1 = Math.toRadians(c[0]);
		double d1 = Math.toRadians(c[1]);
		double a2 = Math.toRadians(p[0]);
		double d2 = Math.toRadians(p[1]);
		double da = a2 - a1;
		return Math.toDegrees(Math.atan2(Math.sin(da) * Math.cos(d2), Math.cos(d1) * Math.sin(d2) - Math.sin(d1) * Math.cos(
			d2) * Math.cos(da)));
	}

	/** Angular distance (Vincenty formula, stable at all separations), arcsec. */
	private static double separationArcsec(double[] c, double[] p) {
		double d1 = Math.toRadians(c[1]);
		double d2 = Math.toRadians(p[1]);
		double da = Math.toRadians(p[0] - c[0]);
		double num = Math.hypot(Math.cos(d2) * Math.sin(da), Math.cos(d1) * Math.sin(d2) - Math.sin(d1) * Math.cos(d2) *
			Math.cos(da));
		double den = Math.sin(d1) * Math.sin(d2) + Math.cos(d1) * Math.cos(d2) * Math.cos(da);
		return Math.toDegrees(Math.atan2(num, den)) * 3600;
	}

	private static double mod180(double deg) {
		double m = deg % 180;
		return m < 0 ? m + 180 : m;
	}

	private static double finiteOr(double v, double dflt) {
		return Double.isFinite(v) ? v : dflt;
	}

	/**
	 * Text for a {@code #} comment line: one line, and no {@code ;}, which DS9 and astropy-regions treat as a separator
	 * even inside a comment, so the rest of the line would be read as a region.
	 */
	static String commentText(String s) {
		return s == null ? "" : s.replaceAll("[\r\n]+", " ").replace(';', ',');
	}
}
