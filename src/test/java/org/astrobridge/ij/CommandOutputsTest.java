package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

import org.astrobridge.fits.FitsReader;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Plugin;

/**
 * Every registered command run as a script would run it: through SciJava's CommandService in a real Context, with pre-
 * and postprocessing; the outputs it declares come back and agree with the files it wrote.
 */
class CommandOutputsTest {

	static final String MODEL = "models/mergers-sim-to-sdss-dann.zip";
	static Context context;
	static CommandService commands;
	static final List<String> warnings = new ArrayList<>();

	@BeforeAll
	static void start() {
		context = new Context();
		commands = context.service(CommandService.class);
		context.service(LogService.class).addLogListener(m -> {
			if (m.level() == LogLevel.WARN) warnings.add(m.text());
		});
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static CommandModule run(Class<? extends Command> command, Object... keyValues) throws Exception {
		return CommandRuns.run(context, command, keyValues);
	}

	private static List<Path> paths(Object lines) {
		return ((String) lines).lines().map(Path::of).toList();
	}

	@Test
	void everyCommandIsHeadlessAndDeclaresOutputs() {
		for (CommandRegistry.Entry e : CommandRegistry.entries()) {
			assertTrue(e.commandClass().getAnnotation(Plugin.class).headless(), e.label() + " headless = true");
			List<String> outputs = new ArrayList<>();
			for (ModuleItem<?> item : commands.getCommand(e.commandClass()).outputs())
				outputs.add(item.getName());
			assertFalse(outputs.isEmpty(), e.label() + " declares outputs");
		}
	}

	@Test
	void everyCommandReturnsItsOutputs(@TempDir Path dir) throws Exception {
		Path model = Path.of(MODEL).toAbsolutePath();
		String more = "contactSheet=false";
		CommandModule simSrc = run(SimulateBenchmarkCommand.class, "task", "mergers", "domain", "sim", "n", 24, "size", 48,
			"bands", "1", "seed", 1L, "output", dir.resolve("src").toFile(), "more", more);
		List<Path> srcFiles = paths(simSrc.getOutput("files"));
		assertTrue(srcFiles.contains(dir.resolve("src/mergers_sim_stamps.fits")), srcFiles.toString());
		for (Path p : srcFiles)
			assertTrue(Files.isRegularFile(p), p.toString());
		run(SimulateBenchmarkCommand.class, "task", "mergers", "domain", "sdss", "n", 24, "size", 48, "bands", "1", "seed",
			2L, "output", dir.resolve("tgt").toFile(), "more", more);
		File sdss = dir.resolve("tgt/mergers_sdss_stamps.fits").toFile();
		CommandModule simField = run(SimulateBenchmarkCommand.class, "task", "mergers", "domain", "sdss", "n", 8, "mode",
			"field", "fieldsize", 200, "bands", "1", "seed", 5L, "output", dir.resolve("field").toFile(), "more", more);
		Path field = dir.resolve("field/mergers_sdss_field.fits");
		assertTrue(paths(simField.getOutput("files")).contains(field));

		// train: package paths, a history row per epoch, the kept epoch's accuracies
		CommandModule train = run(TrainClassifierCommand.class, "source", dir.resolve("src/mergers_sim_stamps.fits")
			.toFile(), "target", sdss, "method", "source-only", "epochs", 2, "batch", 8, "threads", 1, "output", dir.resolve(
				"m").toFile());
		assertEquals(dir.resolve("m").toString(), train.getOutput("modelpath"));
		assertTrue(Files.isRegularFile(Path.of((String) train.getOutput("modelzip"))));
		ResultsTable history = (ResultsTable) train.getOutput("history");
		assertEquals(2, history.size());
		int best = (Integer) train.getOutput("bestepoch");
		assertTrue(best == 1 || best == 2, "best epoch " + best);
		double val = (Double) train.getOutput("valaccuracy");
		assertEquals(history.getValue("validationAccuracy", best - 1), val, 1e-12);
		assertTrue(val >= 0 && val <= 1);
		double targetAcc = (Double) train.getOutput("targetaccuracy");
		assertTrue(targetAcc >= 0 && targetAcc <= 1, "the sdss stack carries labels, reported only: " + targetAcc);

		// evaluate: the metrics table, its accuracy as an output of its own, the same table as "Results"
		CommandModule eval = run(EvaluateClassifierCommand.class, "model", model.toFile(), "stamps", sdss, "threads", 1);
		ResultsTable metrics = (ResultsTable) eval.getOutput("metrics");
		assertEquals(1, metrics.size());
		assertEquals(24, metrics.getValue("count", 0), 0);
		double accuracy = (Double) eval.getOutput("accuracy");
		assertEquals(metrics.getValue("accuracy", 0), accuracy, 0);
		assertEquals(metrics.getValue("roc_auc", 0), (Double) eval.getOutput("rocauc"), 0);
		double confusedRight = metrics.getValue("confusion[merger->merger]", 0) + metrics.getValue(
			"confusion[non_merger->non_merger]", 0);
		assertEquals(accuracy, confusedRight / 24, 1e-12);
		assertEquals(accuracy, Analyzer.getResultsTable().getValue("accuracy", 0), 0);

		// classify: catalogue table = CSV written; files listed; counts; the old option name still works, with a warning
		warnings.clear();
		Path out = dir.resolve("classified");
		CommandModule classify = run(ClassifyObjectsCommand.class, "image", field.toFile(), "model", model.toFile(), "out",
			out.toFile(), "threads", 1);
		assertTrue(warnings.stream().anyMatch(w -> w.contains("option 'out' is deprecated; use 'output=")), warnings
			.toString());
		Catalog csv = CsvCatalogReader.read(out.resolve("mergers_sdss_field_catalog.csv"));
		ResultsTable catalog = (ResultsTable) classify.getOutput("catalog");
		assertTrue(csv.rowCount() > 0);
		assertEquals(csv.rowCount(), catalog.size());
		assertEquals(csv.rowCount(), (int) (Integer) classify.getOutput("objects"));
		int ood = 0;
		for (int r = 0; r < csv.rowCount(); r++) {
			ood += csv.getInt("ood", r);
			assertEquals(csv.getString("class", r), catalog.getStringValue("class", r));
			assertEquals(csv.getDouble("p_merger", r), catalog.getValue("p_merger", r), 1e-6);
		}
		assertEquals(ood, (int) (Integer) classify.getOutput("oodobjects"));
		Set<String> written = new TreeSet<>();
		for (Path p : paths(classify.getOutput("files")))
			written.add(p.getFileName().toString());
		assertEquals(new TreeSet<>(List.of("mergers_sdss_field_catalog.csv", "mergers_sdss_field_catalog.fits",
			"mergers_sdss_field.reg", "mergers_sdss_field_overlay.png")), written);
		assertEquals(csv.rowCount(), Analyzer.getResultsTable().size(), "the catalogue is the Results table");

		// classify folder: a summary row per file and the merged catalogue
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(field, in.resolve("a.fits"));
		Files.writeString(in.resolve("broken.fits"), "not FITS");
		CommandModule folder = run(ClassifyFolderCommand.class, "folder", in.toFile(), "model", model.toFile(), "output",
			dir.resolve("folder").toFile(), "onerror", "log", "threads", 1, "overlay", false);
		ResultsTable summary = (ResultsTable) folder.getOutput("summary");
		assertEquals(2, summary.size());
		assertEquals("a.fits", summary.getStringValue("file", 0));
		assertEquals("classified", summary.getStringValue("status", 0));
		assertEquals(csv.rowCount(), summary.getValue("objects", 0), 0);
		assertEquals(ood, summary.getValue("ood", 0), 0);
		assertEquals("failed", summary.getStringValue("status", 1));
		assertTrue(Double.isNaN(summary.getValue("objects", 1)), "a failed file has no count");
		assertTrue(summary.getStringValue("error", 1).contains("broken.fits"), summary.getStringValue("error", 1));
		assertEquals(dir.resolve("folder/merged_catalog.csv").toString(), folder.getOutput("merged"));
		assertEquals(csv.rowCount(), CsvCatalogReader.read(Path.of((String) folder.getOutput("merged"))).rowCount());

		// merge catalogues: the same merged catalogue again, and the file that has none
		byte[] mergedByFolder = Files.readAllBytes(dir.resolve("folder/merged_catalog.csv"));
		CommandModule merge = run(MergeCatalogsCommand.class, "output", dir.resolve("folder").toFile(), "folder", in
			.toFile());
		assertEquals("broken.fits", merge.getOutput("missing"));
		assertEquals(dir.resolve("folder/merged_catalog.csv").toString(), merge.getOutput("merged"));
		assertTrue(java.util.Arrays.equals(mergedByFolder, Files.readAllBytes(dir.resolve("folder/merged_catalog.csv"))));

		// robustness: the rows table and the report
		CommandModule robust = run(RobustnessReportCommand.class, "models", model.toString(), "stamps", sdss,
			"perturbations", "noise", "strengths", "1,2", "attack", 0, "threads", 1, "output", dir.resolve("robust")
				.toFile());
		ResultsTable rows = (ResultsTable) robust.getOutput("table");
		assertEquals(3, rows.size(), "clean + 2 strengths");
		assertEquals("clean", rows.getStringValue("perturbation", 0));
		assertEquals(accuracy, rows.getValue("accuracy", 0), 1e-9, "clean accuracy = the evaluation's");
		assertTrue(Files.readString(Path.of((String) robust.getOutput("report"))).contains("<html"));
		assertEquals(Files.readAllLines(dir.resolve("robust/robustness.csv")).size() - 1, rows.size());

		// latent map and saliency
		CommandModule map = run(LatentMapCommand.class, "models", model.toString(), "source", dir.resolve(
			"src/mergers_sim_stamps.fits").toFile(), "target", sdss, "threads", 1, "output", dir.resolve("map").toFile());
		double explained = (Double) map.getOutput("explained");
		assertTrue(explained > 0 && explained <= 1, "explained " + explained);
		for (Path p : paths(map.getOutput("files")))
			assertTrue(Files.size(p) > 0, p.toString());
		CommandModule sal = run(SaliencyMapCommand.class, "model", model.toFile(), "stamps", sdss, "threads", 1, "output",
			dir.resolve("sal.fits").toFile());
		assertEquals(24, FitsReader.readImage(Path.of((String) sal.getOutput("saliency")), null).planeCount());
		assertTrue((Double) sal.getOutput("meansaliency") > 0);

		// open and save FITS: the image with its zscale display, then the path written
		CommandModule open = run(OpenFitsCommand.class, "path", Path.of("test-images/dss.14.29.56-62.41.05.fits.gz")
			.toFile());
		ImagePlus image = (ImagePlus) open.getOutput("image");
		assertNotNull(image);
		assertEquals(3199, image.getDisplayRangeMin(), 1e-3);
		CommandModule save = run(SaveFitsCommand.class, "image", image, "path", dir.resolve("copy.fits").toFile());
		assertEquals(dir.resolve("copy.fits").toString(), save.getOutput("written"));
		assertEquals(image.getWidth(), FitsReader.readImage(dir.resolve("copy.fits"), null).width());
	}
}
