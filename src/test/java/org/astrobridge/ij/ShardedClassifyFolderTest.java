package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ij.measure.ResultsTable;

import org.astrobridge.batch.FileClaims;
import org.astrobridge.batch.Shard;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classify Folder split into shards over one output folder, and Merge Catalogs, on small simulated fields. */
class ShardedClassifyFolderTest {

	static final String MODEL = "models/mergers-sim-to-sdss-dann.zip";

	private static final CommandRegistry.Entry FOLDER = CommandRegistry.byCliName("classify-folder").orElseThrow();
	private static final CommandRegistry.Entry MERGE = CommandRegistry.byCliName("merge-catalogs").orElseThrow();

	static Path field(Path dir, String seed) throws Exception {
		Path out = dir.resolve("sim-" + seed);
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "sdss", "mode", "field", "n",
			"5", "fieldSize", "96", "bands", "1", "seed", seed, "outputDir", out.toString(), "contactSheet", "false",
			"threads", "1")));
		return out.resolve("mergers_sdss_field.fits");
	}

	private static Map<String, Object> classify(Path in, Path out, String... more) {
		Map<String, String> o = new HashMap<>(Map.of("folder", in.toString(), "model", MODEL, "output", out.toString(),
			"threads", "1", "overlay", "false", "onerror", "log"));
		for (int i = 0; i < more.length; i += 2)
			o.put(more[i], more[i + 1]);
		return CommandRunner.run(FOLDER, o);
	}

	@Test
	void shardsInOneFolderMergeToTheSingleRunsCatalogueAndResumeOnlyWhatIsMissing(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		for (String s : List.of("1", "2", "3", "4"))
			Files.copy(field(dir, s), in.resolve("f" + s + ".fits"));
		Files.writeString(in.resolve("broken.fits"), "not FITS");
		Path single = dir.resolve("single");
		classify(in, single);
		Path out = dir.resolve("out");
		int classified = 0;
		for (int k = 1; k <= 2; k++) {
			ResultsTable t = (ResultsTable) classify(in, out, "shard", k + "/2").get("summary");
			for (int r = 0; r < t.size(); r++) {
				assertTrue(new Shard(k, 2).takes(t.getStringValue("file", r)), "shard " + k + " did only its files");
				if ("classified".equals(t.getStringValue("status", r))) classified++;
			}
		}
		assertEquals(4, classified, "every good file once");
		assertFalse(Files.exists(out.resolve("merged_catalog.csv")), "a shard writes no partial merged catalogue");
		assertEquals(List.of(), claims(out), "claims are released after success and failure");

		Map<String, Object> merged = CommandRunner.run(MERGE, Map.of("output", out.toString(), "folder", in.toString()));
		assertEquals("broken.fits", merged.get("missing"));
		byte[] first = Files.readAllBytes(out.resolve("merged_catalog.csv"));
		assertArrayEquals(Files.readAllBytes(single.resolve("merged_catalog.csv")), first,
			"the merged shards equal the single run, row for row");
		CommandRunner.run(MERGE, Map.of("output", out.toString(), "folder", in.toString()));
		assertArrayEquals(first, Files.readAllBytes(out.resolve("merged_catalog.csv")), "merging again changes nothing");
		CommandException strict = assertThrows(CommandException.class, () -> CommandRunner.run(MERGE, Map.of("output", out
			.toString(), "folder", in.toString(), "strict", "true")));
		assertTrue(strict.getMessage().contains("broken.fits") && strict.getMessage().contains("nothing written"), strict
			.getMessage());

		// a task killed while doing f2 left a claim and no catalogue; f3 is being done by a live process
		Files.delete(out.resolve("f2_catalog.csv"));
		Files.delete(out.resolve("f3_catalog.csv"));
		Process dead = new ProcessBuilder("true").start();
		dead.waitFor();
		Files.writeString(out.resolve("f2.claim"), "host=" + hostName() + "\npid=" + dead.pid() + "\nstart=1\ntime=x\n");
		long f1Time = Files.getLastModifiedTime(out.resolve("f1_catalog.csv")).toMillis();
		try (FileClaims live = new FileClaims(out, Duration.ofMinutes(10), false)) {
			assertTrue(live.claim("f3").claim() != null);
			ResultsTable t = (ResultsTable) classify(in, out).get("summary");
			assertEquals("classified", status(t, "f2.fits"), "the dead task's file is taken over and done");
			assertEquals("busy", status(t, "f3.fits"), "the live claim is left alone");
			assertEquals("skipped", status(t, "f1.fits"));
			assertEquals(f1Time, Files.getLastModifiedTime(out.resolve("f1_catalog.csv")).toMillis(), "nothing redone");
		}
		Map<String, Object> partial = CommandRunner.run(MERGE, Map.of("output", out.toString(), "folder", in.toString()));
		assertEquals("broken.fits\nf3.fits", partial.get("missing"));
	}

	@Test
	void badInputIsRefusedInOneLineBeforeAnyWork(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		Path empty = Files.createDirectories(dir.resolve("empty"));
		Files.copy(field(dir, "5"), in.resolve("a.fits"));
		Path out = dir.resolve("out");
		assertRefused("no FITS files", () -> classify(empty, out));
		assertRefused("shard '3/2' is out of range", () -> classify(in, out, "shard", "3/2"));
		assertRefused("shard '0/0' is out of range", () -> classify(in, out, "shard", "0/0"));
		assertRefused("shard 'half' is not K/N", () -> classify(in, out, "shard", "half"));
		Path aFile = Files.writeString(dir.resolve("plain-file"), "x");
		assertRefused("cannot write into output folder " + aFile.resolve("out"), () -> classify(in, aFile.resolve("out")));
		assertRefused(dir.resolve("no-model.zip").toString(), () -> classify(in, out, "model", dir.resolve("no-model.zip")
			.toString()));
		assertFalse(Files.exists(out) && !claimsAndFiles(out).isEmpty(), "nothing written: " + (Files.exists(out)
			? claimsAndFiles(out) : ""));
		assertRefused("no catalogues", () -> CommandRunner.run(MERGE, Map.of("output", empty.toString())));
	}

	private static void assertRefused(String expected, org.junit.jupiter.api.function.Executable run) {
		CommandException e = assertThrows(CommandException.class, run);
		assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
		assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
	}

	private static String status(ResultsTable t, String file) {
		for (int r = 0; r < t.size(); r++)
			if (file.equals(t.getStringValue("file", r))) return t.getStringValue("status", r);
		throw new AssertionError("no row for " + file);
	}

	private static String hostName() throws Exception {
		return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
	}

	private static List<String> claims(Path dir) throws Exception {
		return claimsAndFiles(dir).stream().filter(n -> n.contains(".claim")).toList();
	}

	private static List<String> claimsAndFiles(Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
		catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}
}
