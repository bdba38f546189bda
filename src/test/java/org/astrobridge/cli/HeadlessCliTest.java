package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless runner and the example macro, through the real ImageJ macro interpreter in a fresh JVM. */
class HeadlessCliTest {

	private static final String DSS = "test-images/dss.14.29.56-62.41.05.fits.gz";

	@Test
	void exampleMacroPrintsTheStatisticsAstropyGives() throws Exception {
		HeadlessRun run = HeadlessRun.of("macro", "macros/fits-stats.ijm", DSS);
		assertEquals(0, run.exitCode, run.toString());
		// EXPECTED.txt (astropy): shape 100x100, sum 51011936, min 2989, max 20136, first stored pixel 6284
		assertEquals("100 height=100 slices=1", run.printed("width"), run.toString());
		assertEquals("10000", run.printed("pixels"));
		assertEquals(51011936.0, Double.parseDouble(run.printed("sum")), 51011936.0 * 1e-6);
		assertEquals("2989.000 max=20136.000", run.printed("min").substring(0, "2989.000 max=20136.000".length()));
		assertEquals("6284.000", run.printed("first"));
		assertTrue(run.printed("pixel").endsWith("arcsec"), "calibrated from the WCS: " + run.printed("pixel"));
	}

	@Test
	void macroChoosesAnExtensionByName() throws Exception {
		HeadlessRun run = HeadlessRun.of("macro", "macros/fits-stats.ijm", "test-images/multi.fits|SCI,2");
		assertEquals(0, run.exitCode, run.toString());
		// EXPECTED.txt: multi.fits hdu=2 (SCI,2) sum 72508112, first 631
		assertEquals(72508112.0, Double.parseDouble(run.printed("sum")), 1.0);
		assertEquals("631.000", run.printed("first"));
	}

	@Test
	void failingCommandStopsTheMacroAndExitsNonZero(@TempDir Path dir) throws Exception {
		Path macro = dir.resolve("bad.ijm");
		Files.writeString(macro, "run(\"Open FITS...\", \"path=[" + dir.resolve("missing.fits") +
			"]\");\nprint(\"after=yes\");\n");
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(1, run.exitCode, run.toString());
		assertTrue(run.stderr.contains("missing.fits"), run.toString());
		assertEquals(null, run.printed("after"), "the macro stopped at the failing command");
	}

	@Test
	void misspeltOptionIsRejected(@TempDir Path dir) throws Exception {
		Path macro = dir.resolve("typo.ijm");
		Files.writeString(macro, "run(\"Open FITS...\", \"paht=[" + DSS + "]\");\n");
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(1, run.exitCode, run.toString());
		assertTrue(run.stderr.contains("unknown option 'paht'"), run.toString());
	}

	@Test
	void newCommandsFailFromAMacroWithOneLineNamingTheProblem(@TempDir Path dir) throws Exception {
		Path missing = dir.resolve("missing");
		String[][] cases = { { "run(\"Reproduce Model...\", \"model=[" + missing + ".zip]\");",
			"Reproduce Model... failed: model package not found: " + missing + ".zip" }, {
				"run(\"Merge Catalogs...\", \"output=[" + missing + "]\");",
				"Merge Catalogs... failed: Merge Catalogs: catalogue folder " + missing + " does not exist" }, {
					"run(\"Merge Catalogs...\", \"output=[" + dir + "] strict=maybe\");",
					"option strict=maybe is not true or false" }, { "run(\"Send to SAMP hub...\", \"\");",
						"Send to SAMP hub... failed: Send to SAMP hub: give a catalogue, an image or both" }, {
							"run(\"Send to SAMP hub...\", \"image=[" + missing + ".fits]\");", "Send to SAMP hub: " + missing +
								".fits: no such file to send" } };
		for (String[] c : cases) {
			Path macro = dir.resolve("bad.ijm");
			Files.writeString(macro, c[0] + "\n");
			HeadlessRun run = HeadlessRun.of("macro", macro.toString());
			assertEquals(1, run.exitCode, run.toString());
			String[] lines = run.stderr.strip().split("\\R");
			String last = lines[lines.length - 1];
			assertTrue(last.startsWith("astrobridge macro " + macro + ": ") && last.endsWith(c[1]), run.toString());
			assertFalse(run.stderr.contains("\tat "), "no stack trace: " + run);
		}
	}

	@Test
	void macroSyntaxErrorExitsNonZero(@TempDir Path dir) throws Exception {
		Path macro = dir.resolve("syntax.ijm");
		Files.writeString(macro, "x = undefinedFunction(3);\n");
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(1, run.exitCode, run.toString());
		assertTrue(run.stderr.contains("syntax.ijm"), run.toString());
	}

	@Test
	void saveThenReopenThroughMacroKeepsPixelsAndWcs(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("copy.fits");
		Path macro = dir.resolve("copy.ijm");
		Files.writeString(macro, "run(\"Open FITS...\", \"path=[" + DSS + "]\");\n" + "run(\"Save FITS...\", \"path=[" +
			out + "]\");\n" + "close();\n" + "run(\"Open FITS...\", \"path=[" + out + "]\");\n" +
			"getRawStatistics(n, mean);\nprint(\"sum=\" + d2s(n*mean, 1));\n" +
			"print(\"first=\" + getPixel(0, getHeight()-1));\n");
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, run.toString());
		assertEquals(51011936.0, Double.parseDouble(run.printed("sum")), 1.0);
		assertEquals("6284", run.printed("first"));
		HeadlessRun info = HeadlessRun.of("fits-info", out.toString());
		assertEquals(0, info.exitCode, info.toString());
		assertTrue(info.stdout.contains("TAN") || info.stdout.contains("DSS"), info.toString());
	}

	@Test
	void simulateFromAMacroWritesStampsThatOpenAsAHyperstack(@TempDir Path dir) throws Exception {
		Path macro = dir.resolve("sim.ijm");
		Files.writeString(macro,
			"run(\"Simulate Benchmark...\", \"task=morphology domain=decals n=12 size=32 bands=3 seed=5 " + "output=[" + dir +
				"] more=[lensFraction=0.2 contactSheet=false]\");\n" + "run(\"Open FITS...\", \"path=[" + dir.resolve(
					"morphology_decals_stamps.fits") + "]\");\n" + "getDimensions(w, h, channels, slices, frames);\n" +
				"print(\"dims=\" + w + \"x\" + h + \"x\" + channels + \"x\" + slices);\n");
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, run.toString());
		assertEquals("32x32x3x12", run.printed("dims"), run.toString());
		assertTrue(Files.readString(dir.resolve("morphology_decals_labels.csv")).startsWith("index,label,class_name"));

		HeadlessRun bad = HeadlessRun.of("simulate", "--output", dir.toString(), "--more", "psfFwhm=-1 nonsense=2");
		assertEquals(1, bad.exitCode, bad.toString());
		assertTrue(bad.stderr.contains("nonsense"), bad.toString());
	}

	@Test
	void fitsInfoListsEveryHdu() throws Exception {
		HeadlessRun run = HeadlessRun.of("fits-info", "test-images/multi.fits");
		assertEquals(0, run.exitCode, run.toString());
		assertTrue(run.stdout.contains("SCI"), run.stdout);
		assertTrue(run.stdout.contains("132"), run.stdout);
	}

	@Test
	void commandsRunAsSubcommandsAndFailClearly() throws Exception {
		HeadlessRun notFits = HeadlessRun.of("open-fits", "--path", "pom.xml");
		assertEquals(1, notFits.exitCode, notFits.toString());
		assertTrue(notFits.stderr.contains("pom.xml"), notFits.toString());
		assertFalse(notFits.stderr.contains("\tat "), "no stack trace for bad input: " + notFits);

		HeadlessRun unknown = HeadlessRun.of("no-such-thing");
		assertEquals(2, unknown.exitCode, unknown.toString());
		assertTrue(unknown.stderr.contains("unknown subcommand"), unknown.toString());

		HeadlessRun help = HeadlessRun.of("open-fits", "--help");
		assertEquals(0, help.exitCode, help.toString());
		assertTrue(help.stdout.contains("--hdu"), help.toString());
		assertTrue(help.stdout.contains("run(\"Open FITS...\""), help.toString());
	}
}
