package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Robustness Report, Latent Map and Saliency Map from one headless macro, with the shipped 48x48 merger model. */
class RobustnessCommandsTest {

	@Test
	void macroRunsReportLatentMapAndSaliency(@TempDir Path dir) throws Exception {
		Path model = Path.of("models/mergers-sim-to-sdss-dann.zip").toAbsolutePath();
		Path macro = dir.resolve("robust.ijm");
		String common = "task=mergers n=24 size=48 bands=1 more=[contactSheet=false]";
		Path sdss = dir.resolve("tgt/mergers_sdss_stamps.fits"), sim = dir.resolve("src/mergers_sim_stamps.fits");
		Files.writeString(macro, String.join("\n", "run(\"Simulate Benchmark...\", \"" + common +
			" domain=sim seed=1 output=[" + dir.resolve("src") + "]\");", "run(\"Simulate Benchmark...\", \"" + common +
				" domain=sdss seed=2 output=[" + dir.resolve("tgt") + "]\");", "run(\"Robustness Report...\", \"models=[" +
					model + "," + model + "] stamps=[" + sdss + "] perturbations=[noise,bad-columns] " +
					"attack=2 population=6 iterations=1 seed=3 threads=1 output=[" + dir.resolve("report") + "]\");",
			"run(\"Latent Map...\", \"models=[" + model + "] source=[" + sim + "] target=[" + sdss + "] threads=1 output=[" +
				dir.resolve("map") + "]\");", "run(\"Saliency Map...\", \"model=[" + model + "] stamps=[" + sdss +
					"] threads=1 output=[" + dir.resolve("saliency.fits") + "]\");", ""));
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, run.toString());

		String clean = run.printed("clean_accuracy[mergers-sim-to-sdss-dann]");
		assertTrue(clean != null && Double.parseDouble(clean) >= 0 && Double.parseDouble(clean) <= 1, run.toString());
		assertTrue(run.printed("clean_accuracy[mergers-sim-to-sdss-dann']") != null, "second model reported: " + run);
		assertTrue(run.printed("attack_success_rate[mergers-sim-to-sdss-dann]") != null, run.toString());
		List<String> csv = Files.readAllLines(dir.resolve("report/robustness.csv"));
		assertEquals(1 + 2 * (1 + 10), csv.size(), "clean + 2 perturbations x 5 strengths, for 2 models");
		String html = Files.readString(dir.resolve("report/report.html"));
		assertTrue(html.contains("<h2>bad-columns</h2>") && html.contains("<img"), "HTML report");
		assertTrue(Files.isRegularFile(dir.resolve("report/accuracy-noise.png")));

		assertTrue(run.printed("explained_variance[mergers-sim-to-sdss-dann]") != null, run.toString());
		assertEquals(1 + 48, Files.readAllLines(dir.resolve("map/latent-map.csv")).size());
		assertTrue(Files.size(dir.resolve("map/latent-map.png")) > 1000);

		FitsImage cube = FitsReader.readImage(dir.resolve("saliency.fits"), null);
		assertEquals(48, cube.width());
		assertEquals(48, cube.height());
		assertEquals(24, cube.planeCount());
		double sum = 0;
		for (float v : cube.plane(5))
			sum += Math.abs(v);
		assertTrue(sum > 0, "non-zero saliency");
	}

	@Test
	void unknownPerturbationFailsBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
		Path model = Path.of("models/mergers-sim-to-sdss-dann.zip").toAbsolutePath();
		HeadlessRun bad = HeadlessRun.of("robustness", "--models", model.toString(), "--stamps", dir.resolve("stamps.fits")
			.toString(), "--perturbations", "noise,smudge", "--output", dir.resolve("r").toString());
		assertEquals(1, bad.exitCode, bad.toString());
		assertTrue(bad.stderr.contains("smudge") && bad.stderr.contains("known"), bad.toString());
		assertTrue(!Files.exists(dir.resolve("r")), "nothing written");
	}
}
