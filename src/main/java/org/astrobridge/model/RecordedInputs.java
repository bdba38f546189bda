package org.astrobridge.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;

/**
 * Finds the input files of a {@link TrainingRecord} again: each at its recorded path (relative paths resolved against a
 * base folder), re-simulated from its recorded simulator options when missing, and accepted only when its SHA-256
 * matches the record.
 */
public final class RecordedInputs {

	private RecordedInputs() {}

	/**
	 * @param base folder that relative recorded paths are resolved against
	 * @param regenerate re-simulate missing inputs that record their simulator options
	 * @param log receives one line per regenerated input
	 * @return the files by role, in the record's order
	 * @throws ModelException naming the first input that is missing (and cannot be regenerated) or has changed
	 */
	public static Map<String, Path> locate(TrainingRecord record, Path base, boolean regenerate, Consumer<String> log)
		throws ModelException
	{
		Map<String, Path> out = new LinkedHashMap<>();
		for (TrainingRecord.Input in : record.inputs()) {
			Path p = base.resolve(in.path()).normalize();
			if (!Files.exists(p)) {
				if (!regenerate || in.simulated().isEmpty()) throw new ModelException("input " + in.role() + " " + p +
					" is missing" + (in.simulated().isEmpty() ? "" : " (regeneration is off)"));
				simulate(in, p, log);
			}
			String sha;
			try {
				sha = TrainingRecord.sha256(p);
			}
			catch (IOException e) {
				throw new ModelException("input " + in.role() + " " + p + " cannot be read: " + e.getMessage(), e);
			}
			if (!sha.equals(in.sha256())) throw new ModelException("input " + in.role() + " " + p + " has changed: SHA-256 " +
				sha + ", the record says " + in.sha256());
			out.put(in.role(), p);
		}
		return out;
	}

	/** Runs the simulator with the recorded options into the file's folder and checks that it wrote that file. */
	private static void simulate(TrainingRecord.Input in, Path file, Consumer<String> log) throws ModelException {
		Map<String, String> options = new LinkedHashMap<>(in.simulated());
		Path dir = file.getParent() == null ? Path.of(".") : file.getParent();
		options.put("outputDir", dir.toString());
		options.put("contactSheet", "false");
		try {
			SimulationSpec spec = SimulationSpec.fromOptions(options);
			BenchmarkWriter.write(spec);
		}
		catch (IOException | IllegalArgumentException e) {
			throw new ModelException("input " + in.role() + " " + file + " is missing and could not be re-simulated: " + e
				.getMessage(), e);
		}
		if (!Files.exists(file)) throw new ModelException("input " + in.role() + " " + file +
			" is missing; re-simulating " + in.simulated() + " wrote other file names into " + dir);
		if (log != null) log.accept("re-simulated input " + in.role() + " " + file + " from " + in.simulated());
	}
}
