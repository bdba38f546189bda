package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Writes a synthetic benchmark data set (stamps with labels, or a field with a truth catalogue). */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Simulate Benchmark...", headless = true,
	description = "Simulate labelled galaxy stamps or a whole field in a survey-like domain")
public class SimulateBenchmarkCommand implements Command {

	@Parameter(label = "Task", choices = { "mergers", "morphology", "noise" },
		description = "mergers (merger vs non-merger), morphology (10 Galaxy10-like classes, + lens), noise")
	private String task = "mergers";

	@Parameter(label = "Domain", choices = { "sim", "sdss", "decals", "lsst-y1", "lsst-y10" },
		description = "survey preset: pixel scale, PSF, sky, depth and noise")
	private String domain = "sdss";

	@Parameter(label = "Objects", min = "1", description = "number of stamps (or of galaxies in a field)")
	private int n = 1000;

	@Parameter(label = "Stamp size (px)", min = "8", max = "4096", description = "stamp width = height in pixels")
	private int size = 64;

	@Parameter(label = "Bands", choices = { "1", "3" }, description = "1 (r) or 3 (g, r, i)")
	private String bands = "3";

	@Parameter(label = "Seed", description = "random seed: the same seed writes the same bytes")
	private long seed = 1;

	@Parameter(label = "Output folder", style = "directory", description = "folder to write into (created if missing)")
	private File output;

	@Parameter(label = "Mode", choices = { "stamps", "field" },
		description = "stamps, or one field with a truth catalogue")
	private String mode = "stamps";

	@Parameter(label = "Field size (px)", min = "16", max = "32768", description = "field mode: width = height in pixels")
	private int fieldsize = 4096;

	@Parameter(label = "Also one file per stamp in class folders",
		description = "also write <output>/<class_name>/<index>.fits")
	private boolean classfolders = false;

	@Parameter(label = "More options", required = false,
		description = "further simulator options as key=value pairs, e.g. [lensFraction=0.1 psfFwhm=1.6] (see docs/simulator.md)")
	private String more = "";

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Files written", description = "one path per line")
	private String files;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, status);
		Map<String, String> options = new LinkedHashMap<>();
		options.put("task", task);
		options.put("domain", domain);
		options.put("n", String.valueOf(n));
		options.put("stampSize", String.valueOf(size));
		options.put("bands", bands);
		options.put("seed", String.valueOf(seed));
		options.put("outputDir", output.getPath());
		options.put("mode", mode);
		options.put("fieldSize", String.valueOf(fieldsize));
		options.put("classFolders", String.valueOf(classfolders));
		MacroOptions.addMore(options, more);
		IjProgress progress = messages.progress("Simulate");
		try {
			SimulationSpec spec = SimulationSpec.fromOptions(options);
			BenchmarkWriter.Result result = new BenchmarkWriter(spec, f -> progress.update(f, "rendering " + spec.stem()),
				progress::isCancelled).write();
			for (Path file : result.files())
				messages.info("AstroBridge simulate: wrote " + file);
			files = String.join("\n", result.files().stream().map(Path::toString).toList());
		}
		catch (IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
		catch (CancellationException e) {
			messages.warn("AstroBridge simulate: cancelled; nothing was written");
		}
		catch (IOException e) {
			throw new CommandException(e.getMessage(), e);
		}
		finally {
			progress.done();
		}
	}
}
