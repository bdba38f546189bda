package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.astrobridge.model.Json;
import org.astrobridge.model.TrainingRecord;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model package retrains itself from its training record, re-simulating missing inputs, and refuses changed ones. */
class ReproduceCommandTest {

	@Test
	@SuppressWarnings("unchecked")
	void modelRetrainsToIdenticalWeightsAndRefusesChangedInputs(@TempDir Path dir) throws Exception {
		for (String[] d : new String[][] { { "sim", "1", "src" }, { "sdss", "2", "tgt" } })
			BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "n", "48", "stampSize", "16", "bands",
				"1", "domain", d[0], "seed", d[1], "contactSheet", "false", "outputDir", dir.resolve(d[2]).toString())));
		Path source = dir.resolve("src/mergers_sim_stamps.fits"), labels = dir.resolve("src/mergers_sim_labels.csv");
		Path target = dir.resolve("tgt/mergers_sdss_stamps.fits"), model = dir.resolve("model.zip");
		HeadlessRun train = HeadlessRun.of("train", "--source", source.toString(), "--sourcelabels", labels.toString(),
			"--target", target.toString(), "--method", "mmd", "--epochs", "1", "--batch", "8", "--threads", "1", "--output",
			dir.resolve("model").toString());
		assertEquals(0, train.exitCode, train.toString());
		Map<String, Object> record = (Map<String, Object>) ((Map<String, Object>) Json.parse(Files.readString(dir.resolve(
			"model/model.json")))).get(TrainingRecord.KEY);
		assertEquals(3, ((java.util.List<Object>) record.get("inputs")).size(), record.toString());
		assertEquals(1, ((Number) record.get("threads")).intValue(), record.toString());

		HeadlessRun same = HeadlessRun.of("reproduce", model.toString());
		assertEquals(0, same.exitCode, same.toString());
		assertTrue(same.stdout.contains("identical weights (SHA-256 " + record.get("weightsSha256") + ")"), same
			.toString());

		// a missing simulated input is re-simulated from the options in its header, then checked by SHA-256
		Files.delete(source);
		HeadlessRun regenerated = HeadlessRun.of("reproduce", model.toString());
		assertEquals(0, regenerated.exitCode, regenerated.toString());
		assertTrue(regenerated.stdout.contains("re-simulated input source " + source), regenerated.toString());
		assertTrue(regenerated.stdout.contains("identical weights"), regenerated.toString());

		Files.write(target, new byte[] { 1 }, StandardOpenOption.APPEND);
		HeadlessRun changed = HeadlessRun.of("reproduce", model.toString());
		assertEquals(1, changed.exitCode, changed.toString());
		assertTrue(changed.stderr.contains("input target " + target + " has changed: SHA-256 "), changed.toString());
		assertFalse(changed.stderr.contains("\tat "), "no stack trace: " + changed);

		Files.delete(labels);
		HeadlessRun missing = HeadlessRun.of("reproduce", model.toString());
		assertEquals(1, missing.exitCode, missing.toString());
		assertTrue(missing.stderr.contains("input sourcelabels " + labels + " is missing"), missing.toString());
	}

	@Test
	void packageWithoutRecordIsRefusedNamingIt(@TempDir Path dir) throws Exception {
		Path old = org.astrobridge.cli.ClassifyCommandTest.withoutTargetLatents(Path.of(ClassifyCommandTest.MODEL), dir
			.resolve("old"));
		Path card = old.resolve("model.json");
		@SuppressWarnings("unchecked")
		Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(card));
		json.remove(TrainingRecord.KEY);
		Files.writeString(card, Json.write(json));
		HeadlessRun run = HeadlessRun.of("reproduce", old.toString());
		assertEquals(1, run.exitCode, run.toString());
		assertTrue(run.stderr.contains("model " + old + " has no training record"), run.toString());
		assertFalse(run.stderr.contains("\tat "), "no stack trace: " + run);
	}
}
