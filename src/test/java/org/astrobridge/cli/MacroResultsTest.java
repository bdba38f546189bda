package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a headless macro can read back after each command: the Results table, through the real macro interpreter. */
class MacroResultsTest {

	static final String MODEL = ClassifyCommandTest.MODEL;

	@Test
	void selectObjectsExampleCountsDrawsAndWritesTheChosenRows(@TempDir Path dir) throws Exception {
		Path field = ClassifyCommandTest.field(dir, "5", 200);
		Path out = dir.resolve("out");
		HeadlessRun run = HeadlessRun.of("macro", "macros/select-objects.ijm", field + "|" + MODEL + "|merger|0.5|" + out);
		assertEquals(0, run.exitCode, run.toString());
		Catalog csv = CsvCatalogReader.read(out.resolve("mergers_sdss_field_catalog.csv"));
		List<String> expected = new ArrayList<>();
		int ood = 0;
		for (int r = 0; r < csv.rowCount(); r++) {
			if (csv.getInt("ood", r) != 0) {
				ood++;
			}
			else if (csv.getString("class", r).equals("merger") && csv.getDouble("p_merger", r) > 0.5) {
				expected.add(String.format(Locale.ROOT, "%d,%.3f,%.3f,%.6f", csv.getInt("id", r), csv.getDouble("x_ij", r), csv
					.getDouble("y_ij", r), csv.getDouble("p_merger", r)));
			}
		}
		assertTrue(!expected.isEmpty(), "the field has a merger candidate to select: " + run);
		assertEquals(String.valueOf(csv.rowCount()), run.printed("objects"), run.toString());
		assertEquals(String.valueOf(ood), run.printed("ood"), run.toString());
		assertEquals(expected.size() + " (merger, p > 0.5, not OOD)", run.printed("selected"), run.toString());
		assertEquals(String.valueOf(expected.size()), run.printed("overlay"), "one circle per selected object: " + run);
		List<String> selected = Files.readAllLines(out.resolve("selected_merger.csv"));
		assertEquals("id,x_ij,y_ij,p_merger", selected.get(0));
		assertEquals(expected, selected.subList(1, selected.size()));
	}

	@Test
	void evaluateFolderAndRobustnessLeaveTheirRowsInTheResultsTable(@TempDir Path dir) throws Exception {
		Path model = Path.of(MODEL).toAbsolutePath();
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(ClassifyCommandTest.field(dir, "7", 128), in.resolve("a.fits"));
		Files.copy(ClassifyCommandTest.field(dir, "8", 128), in.resolve("b.fits"));
		Files.writeString(in.resolve("c.fits"), "not FITS");
		Path stamps = dir.resolve("tgt/mergers_sdss_stamps.fits");
		Path macro = dir.resolve("results.ijm");
		Files.writeString(macro, String.join("\n",
			"run(\"Simulate Benchmark...\", \"task=mergers n=24 size=48 bands=1 domain=sdss seed=2 more=[contactSheet=false] output=[" +
				dir.resolve("tgt") + "]\");", "run(\"Evaluate Classifier...\", \"model=[" + model + "] stamps=[" + stamps +
					"] threads=1\");", "print(\"eval_rows=\" + nResults);",
			"print(\"eval_accuracy=\" + d2s(getResult(\"accuracy\", 0), 6));",
			"print(\"eval_count=\" + getResult(\"count\", 0));",
			// the old option name still works and says so
			"run(\"Classify Folder...\", \"folder=[" + in + "] model=[" + model + "] out=[" + dir.resolve("folder") +
				"] onerror=log threads=1 overlay=false\");", "print(\"folder_rows=\" + nResults);",
			"for (i = 0; i < nResults; i++) print(\"folder_\" + i + \"=\" + getResultString(\"file\", i) + \",\"" +
				" + getResultString(\"status\", i) + \",\" + getResult(\"objects\", i) + \",\" + getResult(\"ood\", i));",
			"print(\"table_size=\" + Table.size);", "run(\"Robustness Report...\", \"models=[" + model + "] stamps=[" +
				stamps + "] perturbations=noise strengths=[1,2] " + "attack=0 threads=1 output=[" + dir.resolve("robust") +
				"]\");", "print(\"robust_rows=\" + nResults);",
			"print(\"robust_0=\" + getResultString(\"perturbation\", 0) + \",\" + d2s(getResult(\"accuracy\", 0), 6));",
			"print(\"robust_2=\" + getResultString(\"perturbation\", 2) + \",\" + getResult(\"strength\", 2));", ""));
		HeadlessRun run = HeadlessRun.of("macro", macro.toString());
		assertEquals(0, run.exitCode, run.toString());
		assertEquals("1", run.printed("eval_rows"), run.toString());
		assertEquals("24", run.printed("eval_count"), run.toString());
		double accuracy = Double.parseDouble(run.printed("eval_accuracy"));
		assertEquals(Double.parseDouble(run.printed("accuracy")), accuracy, 1e-6, "the logged metric: " + run);

		assertTrue(run.stdout.contains("Classify Folder: option 'out' is deprecated; use 'output=" + dir.resolve("folder") +
			"'"), run.toString());
		assertEquals("3", run.printed("folder_rows"), run.toString());
		Catalog a = CsvCatalogReader.read(dir.resolve("folder/a_catalog.csv"));
		int aOod = 0;
		for (int r = 0; r < a.rowCount(); r++)
			aOod += a.getInt("ood", r);
		assertEquals("a.fits,classified," + a.rowCount() + "," + aOod, run.printed("folder_0"), run.toString());
		assertTrue(run.printed("folder_1").startsWith("b.fits,classified,"), run.toString());
		assertEquals("c.fits,failed,NaN,NaN", run.printed("folder_2"), run.toString());
		assertEquals("3", run.printed("table_size"), "Table.* without a title reads the Results table: " + run);

		assertEquals("3", run.printed("robust_rows"), "clean + 2 strengths: " + run);
		assertEquals("clean," + String.format(Locale.ROOT, "%.6f", accuracy), run.printed("robust_0"), run.toString());
		assertEquals("noise,2", run.printed("robust_2"), run.toString());
	}
}
