package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.astrobridge.ij.DialogCheck;
import org.astrobridge.ij.DialogInputs;
import org.astrobridge.model.ModelCard;
import org.astrobridge.model.ModelPackage;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command's dialog in plain ImageJ on a virtual display ({@link DialogCheck}): essentials only, the current image
 * and the shipped model picked up, every other field at its default, the run finished and the Recorder's line recorded;
 * then each recorded line is run again headless and must give the same result (the same catalogue, the same trained
 * weights and history, the same robustness figures). The other commands' dialogs are opened and left with Esc, which
 * must record nothing. Needs xvfb-run; skipped without it.
 */
class DialogsUnderXvfbTest {

	private static final Path XVFB = Path.of("/usr/bin/xvfb-run");

	@Test
	void dialogsRunWithEssentialsAndRecordLinesThatReproduceTheRun(@TempDir Path dir) throws Exception {
		assumeTrue(Files.isExecutable(XVFB), "skipped: " + XVFB + " not found (apt-get install xvfb)");
		DialogInputs in = DialogInputs.make(dir.resolve("inputs"));
		Path out = dir.resolve("out");
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process p = new ProcessBuilder(XVFB.toString(), "-a", "-s", "-screen 0 1280x1024x24", java, "--add-opens",
			"java.base/java.lang=ALL-UNNAMED", "-Xmx1g", "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"),
			DialogCheck.class.getName(), in.field().toString(), in.source().toString(), in.target().toString(), in.stamps()
				.toString(), out.toString()).redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(600, TimeUnit.SECONDS), log);
		assertEquals(0, p.exitValue(), log);
		List<String> recorded = log.lines().filter(l -> l.startsWith("recorded=")).map(l -> l.substring(9)).toList();
		assertEquals(4, recorded.size(), log);
		String shipped = Path.of(ClassifyCommandTest.MODEL).toAbsolutePath().toString();
		// essentials only, under their macro names: what the dialog took from context and what was typed in
		assertEquals("run(\"Classify Objects...\", \"image=" + in.field() + " model=" + shipped + " output=" + out.resolve(
			"objects") + "\");", recorded.get(0), log);
		assertEquals("run(\"Train Classifier...\", \"source=" + in.source() + " target=" + in.target() + " output=" + out
			.resolve("trained") + "\");", recorded.get(2), log);
		assertEquals("run(\"Robustness Report...\", \"models=" + shipped + " stamps=" + in.stamps() + " output=" + out
			.resolve("robustness") + "\");", recorded.get(3), log);
		assertTrue(log.contains("ok    the preview shows the objects the run classified"), log);
		// the nine other dialogs: opened from the menu, then Esc runs and records nothing
		assertEquals(9, log.lines().filter(l -> l.startsWith("ok    ") && l.contains(
			": Esc closes the dialog as cancelled")).count(), log);

		Catalog fromDialog = CsvCatalogReader.read(out.resolve("objects/mergers_sdss_field_catalog.csv"));
		assertTrue(fromDialog.rowCount() > 0, log);
		Path trained = out.resolve("trained.zip");
		ModelCard card = ModelPackage.readCardOf(trained);
		assertEquals("dann", card.method());
		assertEquals("30", card.hyperparameters().get("epochs"), "the default epochs");
		assertTrue(!history(card).isEmpty() && history(card).size() <= 30, "a history row per epoch run");
		try (Predictor loaded = Predictor.open(trained, new SessionSettings(1, "cpu"))) {
			assertEquals(2, loaded.card().classNames().length);
		}
		List<String> rows = Files.readAllLines(out.resolve("robustness/robustness.csv"));
		assertTrue(rows.size() > 10, "robustness.csv has a row per perturbation and strength: " + rows);

		// the recorded lines, with other output folders, in one headless macro
		Path again = dir.resolve("again");
		Path macro = dir.resolve("replay.ijm");
		Files.writeString(macro, recorded.get(0).replace(out.resolve("objects").toString(), again.resolve("objects")
			.toString()) + "\n" + recorded.get(2).replace(out.resolve("trained").toString(), again.resolve("trained")
				.toString()) + "\n" + recorded.get(3).replace(out.resolve("robustness").toString(), again.resolve("robustness")
					.toString()) + "\n");
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, run.toString());
		Catalog headless = CsvCatalogReader.read(again.resolve("objects/mergers_sdss_field_catalog.csv"));
		assertNotNull(headless);
		assertEquals(Files.readString(out.resolve("objects/mergers_sdss_field_catalog.csv")), Files.readString(again
			.resolve("objects/mergers_sdss_field_catalog.csv")));
		ModelCard replayed = ModelPackage.readCardOf(again.resolve("trained.zip"));
		assertEquals(reproduction(card).get("weightsSha256"), reproduction(replayed).get("weightsSha256"),
			"same trained weights");
		assertEquals(history(card), history(replayed), "same training history");
		assertEquals(card.hyperparameters(), replayed.hyperparameters());
		for (String csv : List.of("robustness.csv", "attack.csv")) {
			assertEquals(Files.readString(out.resolve("robustness").resolve(csv)), Files.readString(again.resolve(
				"robustness").resolve(csv)), csv);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> reproduction(ModelCard card) {
		return (Map<String, Object>) card.json().get("reproduction");
	}

	/** The per-epoch figures of the model card, without the seconds each epoch took. */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> history(ModelCard card) {
		List<Map<String, Object>> epochs = new ArrayList<>();
		for (Object e : (List<Object>) ((Map<String, Object>) card.json().get("training")).get("history")) {
			Map<String, Object> figures = new LinkedHashMap<>((Map<String, Object>) e);
			figures.remove("seconds");
			epochs.add(figures);
		}
		return epochs;
	}
}
