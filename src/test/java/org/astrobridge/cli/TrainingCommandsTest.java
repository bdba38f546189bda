package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulate, train and evaluate from one headless macro, as a user's batch script would. */
class TrainingCommandsTest {

	@Test
	void macroSimulatesTrainsAndEvaluates(@TempDir Path dir) throws Exception {
		Path macro = dir.resolve("train.ijm");
		String common = "task=mergers n=48 size=24 bands=1 more=[contactSheet=false]";
		Files.writeString(macro, String.join("\n", "run(\"Simulate Benchmark...\", \"" + common +
			" domain=sim seed=1 output=[" + dir.resolve("src") + "]\");", "run(\"Simulate Benchmark...\", \"" + common +
				" domain=sdss seed=2 output=[" + dir.resolve("tgt") + "]\");", "run(\"Train Classifier...\", \"source=[" + dir
					.resolve("src/mergers_sim_stamps.fits") + "] target=[" + dir.resolve("tgt/mergers_sdss_stamps.fits") +
					"] method=dann epochs=2 batch=8 threads=1 output=[" + dir.resolve("model") + "]\");",
			"run(\"Evaluate Classifier...\", \"model=[" + dir.resolve("model.zip") + "] stamps=[" + dir.resolve(
				"tgt/mergers_sdss_stamps.fits") + "] output=[" + dir.resolve("eval.csv") + "] threads=1\");", ""));
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, run.toString());
		assertTrue(run.stdout.contains("epoch 2/2"), "a line per epoch: " + run);
		assertTrue(run.stdout.contains("ops ran on CPU"), "the log says where ops ran: " + run);
		assertTrue(run.stdout.contains("observation augmentation fitted to the target: "),
			"by default the source is re-observed as the target observes, and the log says how: " + run);
		assertTrue(Files.isRegularFile(dir.resolve("model/model.json")), run.toString());
		assertTrue(Files.isRegularFile(dir.resolve("model.zip")), run.toString());
		double accuracy = Double.parseDouble(run.printed("accuracy"));
		assertTrue(accuracy >= 0 && accuracy <= 1, run.toString());
		String csv = Files.readString(dir.resolve("eval.csv"));
		assertTrue(csv.startsWith("metric,value\n\"count\",48"), csv);
		assertTrue(csv.contains("confusion[merger->merger]"), csv);

		// fine-tune the saved model on the (labelled) target stamps
		HeadlessRun tune = HeadlessRun.of("train", "--method", "fine-tune", "--base", dir.resolve("model.zip").toString(),
			"--source", dir.resolve("tgt/mergers_sdss_stamps.fits").toString(), "--epochs", "1", "--batch", "8", "--threads",
			"1", "--output", dir.resolve("tuned").toString());
		assertEquals(0, tune.exitCode, tune.toString());
		assertTrue(Files.readString(dir.resolve("tuned/model.json")).contains("\"fine-tune\""), tune.toString());
	}

	@Test
	void openImageStacksServeAsStamps(@TempDir Path dir) throws Exception {
		HeadlessRun sim = HeadlessRun.of("simulate", "--task", "mergers", "--n", "16", "--size", "16", "--bands", "1",
			"--output", dir.toString(), "--more", "contactSheet=false");
		assertEquals(0, sim.exitCode, sim.toString());
		Path macro = dir.resolve("stack.ijm");
		Files.writeString(macro, String.join("\n", "run(\"Open FITS...\", \"path=[" + dir.resolve(
			"mergers_sdss_stamps.fits") + "]\");", "rename(\"my stamps\");",
			"run(\"Train Classifier...\", \"source=[my stamps] sourcelabels=[" + dir.resolve("mergers_sdss_labels.csv") +
				"] method=source-only epochs=1 batch=8 threads=1 output=[" + dir.resolve("model") + "]\");", ""));
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, run.toString());
		String card = Files.readString(dir.resolve("model/model.json"));
		assertTrue(card.contains("my stamps"), "provenance names the image: " + card.substring(0, Math.min(400, card
			.length())));
	}

	@Test
	void adaptiveMethodWithoutTargetFailsBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
		HeadlessRun sim = HeadlessRun.of("simulate", "--task", "mergers", "--n", "8", "--size", "16", "--bands", "1",
			"--output", dir.toString(), "--more", "contactSheet=false");
		assertEquals(0, sim.exitCode, sim.toString());
		HeadlessRun run = HeadlessRun.of("train", "--source", dir.resolve("mergers_sdss_stamps.fits").toString(),
			"--method", "mmd", "--output", dir.resolve("model").toString());
		assertEquals(1, run.exitCode, run.toString());
		assertTrue(run.stderr.contains("needs target stamps"), run.toString());
		assertFalse(Files.exists(dir.resolve("model")), "no model folder left behind");

		HeadlessRun noBase = HeadlessRun.of("train", "--source", dir.resolve("mergers_sdss_stamps.fits").toString(),
			"--method", "fine-tune", "--output", dir.resolve("model").toString());
		assertEquals(1, noBase.exitCode, noBase.toString());
		assertTrue(noBase.stderr.contains("needs 'base'"), noBase.toString());

		HeadlessRun badOption = HeadlessRun.of("train", "--source", dir.resolve("mergers_sdss_stamps.fits").toString(),
			"--method", "source-only", "--more", "dann-wieght=2", "--output", dir.resolve("model").toString());
		assertEquals(1, badOption.exitCode, badOption.toString());
		assertTrue(badOption.stderr.contains("dann-wieght"), badOption.toString());
	}
}
