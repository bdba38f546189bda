package org.astrobridge.detect;

import java.util.List;

/**
 * One detected object. Pixel coordinates are 0-based FITS coordinates (centre of the first pixel = (0,0), y up);
 * fluxes are in image units after background subtraction, summed over the isophotal footprint.
 *
 * @param id          1-based running number in the catalogue (sorted by y, then x)
 * @param x           isophotal barycentre, FITS column (px)
 * @param y           isophotal barycentre, FITS row (px)
 * @param ra          right ascension of (x, y) from the WCS (deg), NaN without a WCS
 * @param dec         declination (deg), NaN without a WCS
 * @param flux        sum of background-subtracted pixels in the footprint (image units)
 * @param fluxErr     background noise of that sum, sqrt(sum rms^2) (image units; no Poisson term)
 * @param snr         flux / fluxErr
 * @param peak        highest background-subtracted pixel value in the footprint (image units)
 * @param xPeak       column of that pixel
 * @param yPeak       row of that pixel
 * @param area        footprint size (px)
 * @param a           semi-major axis RMS from the second moments (px)
 * @param b           semi-minor axis RMS (px)
 * @param theta       position angle of the major axis, counter-clockwise from +x, in (-90, 90] (deg), as
 *                    SExtractor's THETA_IMAGE
 * @param ellipticity 1 - b/a
 * @param rHalf       radius around (x, y) containing half of the footprint flux (px)
 * @param flags       {@link ObjectFlags} bits
 * @param xMin        footprint bounding box, first column
 * @param yMin        first row
 * @param xMax        last column
 * @param yMax        last row
 */
public record DetectedObject(int id, double x, double y, double ra, double dec, double flux, double fluxErr,
		double snr, double peak, int xPeak, int yPeak, int area, double a, double b, double theta,
		double ellipticity, double rHalf, int flags, int xMin, int yMin, int xMax, int yMax) {

	/** A catalogue column: its name (as in {@link #value}), unit and meaning. */
	public record Column(String name, String unit, String description) {
	}

	/** Every column, in catalogue order. */
	public static final List<Column> COLUMNS = List.of(
			new Column("id", "", "running number"),
			new Column("x_fits", "pixel", "barycentre column, 0-based FITS"),
			new Column("y_fits", "pixel", "barycentre row, 0-based FITS (y up)"),
			new Column("ra", "deg", "right ascension from the WCS"),
			new Column("dec", "deg", "declination from the WCS"),
			new Column("flux", "adu", "isophotal flux above background"),
			new Column("flux_err", "adu", "background noise of flux"),
			new Column("snr", "", "flux / flux_err"),
			new Column("peak", "adu", "peak pixel above background"),
			new Column("x_peak", "pixel", "column of the peak pixel"),
			new Column("y_peak", "pixel", "row of the peak pixel"),
			new Column("area", "pixel**2", "isophotal area"),
			new Column("a", "pixel", "semi-major axis (second moments)"),
			new Column("b", "pixel", "semi-minor axis (second moments)"),
			new Column("theta", "deg", "major axis angle, counter-clockwise from +x"),
			new Column("ellipticity", "", "1 - b/a"),
			new Column("r_half", "pixel", "half-flux radius within the footprint"),
			new Column("flags", "", "1 edge, 2 blended, 4 saturated, 8 NaN, 16 truncated"),
			new Column("x_min", "pixel", "bounding box"),
			new Column("y_min", "pixel", "bounding box"),
			new Column("x_max", "pixel", "bounding box"),
			new Column("y_max", "pixel", "bounding box"));

	/** The value of a column named in {@link #COLUMNS}. */
	public double value(String column) {
		return switch (column) {
			case "id" -> id;
			case "x_fits" -> x;
			case "y_fits" -> y;
			case "ra" -> ra;
			case "dec" -> dec;
			case "flux" -> flux;
			case "flux_err" -> fluxErr;
			case "snr" -> snr;
			case "peak" -> peak;
			case "x_peak" -> xPeak;
			case "y_peak" -> yPeak;
			case "area" -> area;
			case "a" -> a;
			case "b" -> b;
			case "theta" -> theta;
			case "ellipticity" -> ellipticity;
			case "r_half" -> rHalf;
			case "flags" -> flags;
			case "x_min" -> xMin;
			case "y_min" -> yMin;
			case "x_max" -> xMax;
			case "y_max" -> yMax;
			default -> throw new IllegalArgumentException("Unknown catalogue column '" + column + "'");
		};
	}

	DetectedObject withId(int newId) {
		return new DetectedObject(newId, x, y, ra, dec, flux, fluxErr, snr, peak, xPeak, yPeak, area, a, b, theta,
				ellipticity, rHalf, flags, xMin, yMin, xMax, yMax);
	}
}
