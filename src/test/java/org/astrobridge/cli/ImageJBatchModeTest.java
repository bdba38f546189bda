package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain ImageJ 1.x started as {@code ImageJ -batch macro.ijm} (a display but no ImageJ window: tables cannot be shown
 * there), with the commands installed from plugins.config as in a plugins folder. Needs xvfb-run; skipped without it.
 */
class ImageJBatchModeTest {

	private static final Path XVFB = Path.of("/usr/bin/xvfb-run");

	@Test
	void batchMacroReadsTheCatalogueFromTheResultsTable(@TempDir Path dir) throws Exception {
		assumeTrue(Files.isExecutable(XVFB), "skipped: " + XVFB + " not found (apt-get install xvfb)");
		Path plugins = Files.createDirectories(dir.resolve("ij/plugins"));
		try (OutputStream o = Files.newOutputStream(plugins.resolve("AstroBridge_.jar"));
				JarOutputStream jar = new JarOutputStream(o))
		{
			jar.putNextEntry(new JarEntry("plugins.config"));
			jar.write(Files.readAllBytes(Path.of("src/main/resources/plugins.config")));
			jar.closeEntry();
		}
		Path field = ClassifyCommandTest.field(dir, "5", 200);
		Path out = dir.resolve("out");
		Path macro = dir.resolve("batch.ijm");
		Files.writeString(macro, String.join("\n", "run(\"Classify Objects...\", \"image=[" + field + "] model=[" + Path.of(
			ClassifyCommandTest.MODEL).toAbsolutePath() + "] output=[" + out + "] threads=1 overlay=false\");",
			"print(\"n=\" + nResults);",
			"print(\"last=\" + getResultString(\"class\", nResults - 1) + \",\" + getResult(\"ood\", nResults - 1));", ""));
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process p = new ProcessBuilder(XVFB.toString(), "-a", java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
			"-Xmx1g", "-Dplugins.dir=" + dir.resolve("ij"), "-cp", System.getProperty("java.class.path"), "ij.ImageJ",
			"-batch", macro.toString()).redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(180, TimeUnit.SECONDS), log);
		Catalog csv = CsvCatalogReader.read(out.resolve("mergers_sdss_field_catalog.csv"));
		int last = csv.rowCount() - 1;
		List<String> lines = log.lines().toList();
		assertTrue(lines.contains("n=" + csv.rowCount()), log);
		assertTrue(lines.contains("last=" + csv.getString("class", last) + "," + csv.getInt("ood", last)), log);
	}
}
