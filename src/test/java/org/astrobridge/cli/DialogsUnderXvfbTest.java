package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.astrobridge.ij.DialogCheck;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogReader;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command's dialog in plain ImageJ on a virtual display ({@link DialogCheck}): essentials only, the current
 * image and the shipped model picked up, the Recorder's line recorded; then the recorded Classify Objects line is run
 * again headless and must write the same catalogue. Needs xvfb-run; skipped without it.
 */
class DialogsUnderXvfbTest {
	private static final Path XVFB = Path.of("/usr/bin/xvfb-run");

	@Test
	void dialogsRunWithEssentialsAndRecordLinesThatReproduceTheRun(@TempDir Path dir) throws Exception {
		assumeTrue(Files.isExecutable(XVFB), "skipped: " + XVFB + " not found (apt-get install xvfb)");
		Path field = ClassifyCommandTest.field(dir, "5", 200);
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "sim", "n", "48", "stampSize", "24",
			"bands", "1", "seed", "4", "outputDir", dir.resolve("stamps").toString(), "contactSheet", "false", "threads", "1")));
		Path stamps = dir.resolve("stamps/mergers_sim_stamps.fits");
		Path out = dir.resolve("out");
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process p = new ProcessBuilder(XVFB.toString(), "-a", "-s", "-screen 0 1280x1024x24", java, "--add-opens",
			"java.base/java.lang=ALL-UNNAMED", "-Xmx1g", "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"),
			DialogCheck.class.getName(), field.toString(), stamps.toString(), out.toString())
			.redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), log);
		assertEquals(0, p.exitValue(), log);
		List<String> recorded = log.lines().filter(l -> l.startsWith("recorded=")).map(l -> l.substring(9)).toList();
		assertEquals(2, recorded.size(), log);
		String classify = recorded.get(0);
		// essentials only, under their macro names: the current image's file, the shipped model, the output folder
		assertEquals("run(\"Classify Objects...\", \"image=" + field + " model="
			+ Path.of(ClassifyCommandTest.MODEL).toAbsolutePath() + " output=" + out.resolve("objects") + "\");", classify, log);
		assertTrue(log.contains("ok    the preview shows the objects the run classified"), log);

		Catalog fromDialog = CsvCatalogReader.read(out.resolve("objects/mergers_sdss_field_catalog.csv"));
		Path again = dir.resolve("again");
		Path macro = dir.resolve("replay.ijm");
		Files.writeString(macro, classify.replace(out.resolve("objects").toString(), again.toString()) + "\n");
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, run.toString());
		Catalog headless = CsvCatalogReader.read(again.resolve("mergers_sdss_field_catalog.csv"));
		assertNotNull(headless);
		assertEquals(Files.readString(out.resolve("objects/mergers_sdss_field_catalog.csv")),
			Files.readString(again.resolve("mergers_sdss_field_catalog.csv")));
		assertTrue(fromDialog.rowCount() > 0, log);
	}
}
