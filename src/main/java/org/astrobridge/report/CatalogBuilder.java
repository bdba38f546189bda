package org.astrobridge.report;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.fits.PixelConvention;
import org.astrobridge.ood.Uncertainty;

/**
 * Builds the standard AstroBridge catalogue: the detection columns of {@link DetectedObject#COLUMNS} (with the ImageJ
 * position {@code x_ij, y_ij} after the FITS one), then {@code class}, {@code class_id}, one {@code p_<class>} per
 * class, {@code ood_score}, {@code ood}, {@code ood_reason} (with detection also {@code spread}) and, when asked for,
 * the uncertainty columns {@code p_std}, {@code entropy}, {@code mutual_info}. For a stamp stack without detection only
 * {@code id} and the classification columns are made.
 */
public final class CatalogBuilder {

	/** Detection columns stored as int. */
	private static final Set<String> INT_COLUMNS = Set.of("id", "x_peak", "y_peak", "area", "flags", "x_min", "y_min",
		"x_max", "y_max");

	/** {@code ood_reason} of an object flagged by its OOD score (the morphology pre-filter gives its own reasons). */
	public static final String SCORE_REASON = "score";

	/** Barycentre in the FITS pixel convention (1-based), named as SExtractor's X_IMAGE / Y_IMAGE. */
	public static final String X_IMAGE = "x_image";
	public static final String Y_IMAGE = "y_image";

	/** IVOA UCDs (UCD1+) of the standard columns, so TOPCAT, Aladin and astropy know what each holds. */
	private static final Map<String, String> UCDS = Map.ofEntries(Map.entry("id", "meta.id;meta.main"), Map.entry(
		"x_fits", "pos.cartesian.x;instr.det"), Map.entry("y_fits", "pos.cartesian.y;instr.det"), Map.entry(X_IMAGE,
			"pos.cartesian.x;instr.det;meta.main"), Map.entry(Y_IMAGE, "pos.cartesian.y;instr.det;meta.main"), Map.entry(
				"x_ij", "pos.cartesian.x;instr.det"), Map.entry("y_ij", "pos.cartesian.y;instr.det"), Map.entry("ra",
					"pos.eq.ra;meta.main"), Map.entry("dec", "pos.eq.dec;meta.main"), Map.entry("flux", "phot.flux"), Map.entry(
						"flux_err", "stat.error;phot.flux"), Map.entry("snr", "stat.snr"), Map.entry("peak", "phot.flux;stat.max"),
		Map.entry("x_peak", "pos.cartesian.x;instr.det;stat.max"), Map.entry("y_peak",
			"pos.cartesian.y;instr.det;stat.max"), Map.entry("area", "phys.area;instr.det"), Map.entry("a",
				"phys.size.smajAxis;instr.det"), Map.entry("b", "phys.size.sminAxis;instr.det"), Map.entry("theta",
					"pos.posAng;instr.det"), Map.entry("ellipticity", "src.ellipticity"), Map.entry("r_half",
						"phys.size.radius;instr.det"), Map.entry("flags", "meta.code"), Map.entry("x_min",
							"pos.cartesian.x;instr.det;stat.min"), Map.entry("y_min", "pos.cartesian.y;instr.det;stat.min"), Map
								.entry("x_max", "pos.cartesian.x;instr.det;stat.max"), Map.entry("y_max",
									"pos.cartesian.y;instr.det;stat.max"), Map.entry("class", "src.class"), Map.entry("class_id",
										"src.class;meta.code"), Map.entry("ood_score", "stat.value"), Map.entry("ood",
											"meta.code;src.class"), Map.entry("ood_reason", "meta.note"), Map.entry("spread",
												"src.morph.param"), Map.entry("p_std", "stat.stdev;stat.probability"), Map.entry("entropy",
													"stat.value"), Map.entry("mutual_info", "stat.value"));

	private final Catalog catalog = new Catalog();
	private final String[] classNames;
	private final String[] pColumns;
	private final int imageHeight;
	private final boolean detection;
	private final boolean uncertainty;

	private CatalogBuilder(String[] classNames, int imageHeight, boolean detection, boolean uncertainty) {
		if (classNames.length == 0) {
			throw new IllegalArgumentException("need at least one class name");
		}
		this.classNames = classNames.clone();
		this.imageHeight = imageHeight;
		this.detection = detection;
		this.uncertainty = uncertainty;
		this.pColumns = new String[classNames.length];
		if (detection) {
			for (DetectedObject.Column c : DetectedObject.COLUMNS) {
				catalog.addColumn(c.name(), INT_COLUMNS.contains(c.name()) ? Catalog.Type.INT : Catalog.Type.DOUBLE, c.unit(), c
					.description());
				if (c.name().equals("y_fits")) {
					// descriptions fit a FITS TCOMMn card (68 characters)
					catalog.addDouble(X_IMAGE, "pixel", "barycentre x, 1-based FITS convention as SExtractor X_IMAGE");
					catalog.addDouble(Y_IMAGE, "pixel", "barycentre y, 1-based FITS convention as SExtractor Y_IMAGE");
					catalog.addDouble("x_ij", "pixel", "barycentre x, ImageJ convention (pixel centres at +0.5, y down)");
					catalog.addDouble("y_ij", "pixel", "barycentre y, ImageJ convention (row 0 at the top)");
				}
			}
		}
		else {
			catalog.addInt("id", "", "stamp number (1-based, stack order)");
		}
		catalog.addString("class", "predicted class");
		catalog.addInt("class_id", "", "index of the predicted class in the model's class list");
		for (int c = 0; c < classNames.length; c++) {
			pColumns[c] = Catalog.probabilityColumn(classNames[c]);
			catalog.addDouble(pColumns[c], "", "probability of class " + classNames[c]);
		}
		catalog.addDouble("ood_score", "", "out-of-distribution score (higher = less like the training classes)");
		catalog.addInt("ood", "", "1 when flagged: by ood_score or a morphology rule (ood_reason)");
		catalog.addString("ood_reason", "why flagged: score, point-source, saturated, sharp, linear; empty if not");
		if (detection) {
			catalog.addDouble("spread", "", "point-source test: 0 for the PSF, > 0 resolved, < 0 sharper (NaN: off)");
		}
		if (uncertainty) {
			catalog.addDouble("p_std", "", "standard deviation of the predicted class's probability over passes");
			// nat is no FITS or VO unit: the unit is in the description
			catalog.addDouble("entropy", "", "predictive entropy of the mean probabilities, in nats");
			catalog.addDouble("mutual_info", "", "mutual information between prediction and model (BALD), in nats");
		}
		for (Catalog.Column c : catalog.columns()) {
			String ucd = UCDS.get(c.name());
			if (ucd == null && c.name().startsWith("p_") && !c.name().equals("p_std")) {
				ucd = "stat.probability";
			}
			if (ucd != null) {
				catalog.setUcd(c.name(), ucd);
			}
		}
	}

	/** For detected objects in an image of the given height (for the ImageJ coordinates). */
	public static CatalogBuilder forDetections(String[] classNames, int imageHeight, boolean uncertainty) {
		return new CatalogBuilder(classNames, imageHeight, true, uncertainty);
	}

	/** For a stack of stamps (no detection columns). */
	public static CatalogBuilder forStamps(String[] classNames, boolean uncertainty) {
		return new CatalogBuilder(classNames, 0, false, uncertainty);
	}

	/** Adds a detected object with its class probabilities[offset .. offset+K) (single pass), flagged by score only. */
	public CatalogBuilder add(DetectedObject object, float[] probabilities, int offset, double oodScore, boolean ood) {
		return add(object, probabilities, offset, oodScore, scoreReason(ood), Double.NaN);
	}

	/**
	 * Adds a detected object with its class probabilities[offset .. offset+K) (single pass).
	 *
	 * @param reason why it is flagged ({@link #SCORE_REASON} or a morphology rule), "" when it is not
	 * @param spread its point-source test value, NaN when not made
	 */
	public CatalogBuilder add(DetectedObject object, float[] probabilities, int offset, double oodScore, String reason,
		double spread)
	{
		return add(object, -1, probabilities, offset, oodScore, reason, spread, null, -1);
	}

	/** Adds a detected object with the mean probabilities and uncertainties of object {@code index} of {@code u}. */
	public CatalogBuilder add(DetectedObject object, Uncertainty u, int index, double oodScore, String reason,
		double spread)
	{
		return add(object, -1, u.meanProbabilities(), index * u.classes(), oodScore, reason, spread, u, index);
	}

	/** Adds stamp {@code id} (stamps mode). */
	public CatalogBuilder addStamp(int id, float[] probabilities, int offset, double oodScore, boolean ood) {
		return add(null, id, probabilities, offset, oodScore, scoreReason(ood), Double.NaN, null, -1);
	}

	/** Adds stamp {@code id} with uncertainties (stamps mode). */
	public CatalogBuilder addStamp(int id, Uncertainty u, int index, double oodScore, boolean ood) {
		return add(null, id, u.meanProbabilities(), index * u.classes(), oodScore, scoreReason(ood), Double.NaN, u, index);
	}

	private static String scoreReason(boolean ood) {
		return ood ? SCORE_REASON : "";
	}

	private CatalogBuilder add(DetectedObject o, int stampId, float[] p, int off, double oodScore, String reason,
		double spread, Uncertainty u, int index)
	{
		if ((o != null) != detection) {
			throw new IllegalStateException(detection ? "this catalogue is for detected objects"
				: "this catalogue is for stamps, not detected objects");
		}
		if (uncertainty && u == null) {
			throw new IllegalStateException("this catalogue has uncertainty columns: add objects with an Uncertainty");
		}
		int k = classNames.length;
		if (off < 0 || off + k > p.length) {
			throw new IllegalArgumentException("probabilities hold " + p.length + " values; need " + k + " from " + off);
		}
		Catalog.Row row = catalog.row();
		if (o != null) {
			List<DetectedObject.Column> cols = DetectedObject.COLUMNS;
			for (DetectedObject.Column c : cols) {
				double v = o.value(c.name());
				if (INT_COLUMNS.contains(c.name())) {
					row.set(c.name(), (int) v);
				}
				else {
					row.set(c.name(), v);
				}
			}
			double[] ij = PixelConvention.fitsToImagej(o.x(), o.y(), imageHeight);
			row.set("x_ij", ij[0]).set("y_ij", ij[1]);
			row.set(X_IMAGE, o.x() + 1).set(Y_IMAGE, o.y() + 1);
		}
		else {
			row.set("id", stampId);
		}
		int best = 0;
		for (int c = 0; c < k; c++) {
			// Through Float.toString so files show 0.3, not the float's double expansion 0.30000001192092896.
			row.set(pColumns[c], Double.parseDouble(Float.toString(p[off + c])));
			if (p[off + c] > p[off + best]) {
				best = c;
			}
		}
		row.set("class", classNames[best]).set("class_id", best);
		row.set("ood_score", oodScore).set("ood", reason.isEmpty() ? 0 : 1).set("ood_reason", reason);
		if (detection) {
			row.set("spread", spread);
		}
		if (uncertainty) {
			row.set("p_std", u.predictedStd()[index]).set("entropy", u.entropy()[index]).set("mutual_info", u
				.mutualInformation()[index]);
		}
		row.add();
		return this;
	}

	public Catalog catalog() {
		return catalog;
	}
}
