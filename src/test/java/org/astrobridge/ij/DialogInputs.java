package org.astrobridge.ij;

import java.nio.file.Path;
import java.util.Map;

import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;

/**
 * The small simulated inputs {@link DialogCheck} fills the dialogs with: an SDSS-like field (Classify Objects and
 * Classify Folder), labelled idealised source stamps and unlabelled SDSS-like target stamps for Train Classifier (24 px,
 * 48 each: the default 30 epochs of DANN take seconds), and labelled SDSS-like 48 px one-band stamps that fit the
 * shipped model for Robustness Report.
 */
public record DialogInputs(Path field, Path source, Path target, Path stamps) {

	public static DialogInputs make(Path dir) throws Exception {
		write(dir.resolve("field"), Map.of("task", "mergers", "domain", "sdss", "mode", "field", "n", "6", "fieldSize", "200", "seed", "5"));
		write(dir.resolve("source"), Map.of("task", "mergers", "domain", "sim", "n", "48", "stampSize", "24", "seed", "4"));
		write(dir.resolve("target"), Map.of("task", "mergers", "domain", "sdss", "n", "48", "stampSize", "24", "seed", "5"));
		write(dir.resolve("stamps"), Map.of("task", "mergers", "domain", "sdss", "n", "40", "stampSize", "48", "seed", "6"));
		return new DialogInputs(dir.resolve("field/mergers_sdss_field.fits"), dir.resolve("source/mergers_sim_stamps.fits"),
			dir.resolve("target/mergers_sdss_stamps.fits"), dir.resolve("stamps/mergers_sdss_stamps.fits"));
	}

	private static void write(Path out, Map<String, String> options) throws Exception {
		Map<String, String> all = new java.util.HashMap<>(options);
		all.put("bands", "1");
		all.put("outputDir", out.toString());
		all.put("contactSheet", "false");
		all.put("threads", "1");
		BenchmarkWriter.write(SimulationSpec.fromOptions(all));
	}
}
