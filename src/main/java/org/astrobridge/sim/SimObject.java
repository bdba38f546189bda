package org.astrobridge.sim;

import java.util.Arrays;
import java.util.List;

/**
 * One labelled object: its analytic components (arcsec offsets from its anchor) and the parameters that generated
 * it. {@link #PARAMS} names the numeric parameters in table order; NaN marks a parameter that does not apply.
 */
public record SimObject(int label, String className, List<Component> components, double[] params, String features) {

	public static final List<String> PARAMS = List.of(
			"mag_r", "g_r", "r_i", "re_arcsec", "sersic_n", "axis_ratio", "pa_deg", "bulge_frac", "bar", "arms",
			"pitch_deg", "sep_arcsec", "flux_ratio", "tidal_frac", "theta_e_arcsec", "src_mag_r", "star_mag_r",
			"neighbour_mag_r");

	public SimObject {
		components = List.copyOf(components);
		params = params.clone();
		if (params.length != PARAMS.size()) throw new IllegalArgumentException("expected " + PARAMS.size() + " params");
	}

	public double param(String name) {
		int i = PARAMS.indexOf(name);
		if (i < 0) throw new IllegalArgumentException("unknown parameter " + name);
		return params[i];
	}

	@Override
	public double[] params() { return params.clone(); }

	static double[] emptyParams() {
		double[] p = new double[PARAMS.size()];
		Arrays.fill(p, Double.NaN);
		return p;
	}
}
