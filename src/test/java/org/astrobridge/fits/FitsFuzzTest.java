package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.astrobridge.util.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged variants of every real FITS file in test-images/ and ../shared/test-data/fits: each one lists, reads as an
 * image and reads as a table, or fails with a FitsException naming the file; no other exception, no hang, no allocation
 * beyond a bound. The suite runs a fixed seed; the long run:
 * {@code mvn -o test -Dtest=FitsFuzzTest -Dastrobridge.fuzz.inputs=100000 -Dastrobridge.fuzz.seed=N}.
 */
class FitsFuzzTest {

	private static final int FAST_INPUTS = 1000;
	/** nom-tam-fits logs every damaged tile it meets; the outcome is what is checked here. */
	private static final Logger NOM_TAM = Logger.getLogger("nom.tam");

	static {
		NOM_TAM.setLevel(Level.OFF);
	}

	@TempDir
	Path tmp;

	record Source(String name, byte[] fits, boolean gzipped) {}

	static List<Source> sources() throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path dir : List.of(ExpectedValues.DIR, Path.of("..", "shared", "test-data", "fits"))) {
			if (Files.isDirectory(dir)) {
				try (Stream<Path> s = Files.list(dir)) {
					s.filter(p -> p.getFileName().toString().matches(".*\\.(fits|fz|fits\\.gz)")).sorted().forEach(files::add);
				}
			}
		}
		List<Source> out = new ArrayList<>();
		for (Path p : files) {
			boolean gz = p.toString().endsWith(".gz");
			byte[] b;
			try (InputStream in = gz ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
				b = in.readAllBytes();
			}
			out.add(new Source(p.toString(), b, gz));
		}
		return out;
	}

	@Test
	void damagedFilesOpenOrFailCleanly() throws IOException {
		List<Source> sources = sources();
		assertTrue(sources.size() >= 20, "test files found: " + sources.size());
		long seed = FuzzRun.seed(20261130L);
		int n = FuzzRun.inputs(FAST_INPUTS);
		FitsMutator mutator = new FitsMutator(seed);
		SplittableRandom pick = new SplittableRandom(seed ^ 0x5eed);
		FuzzRun run = new FuzzRun(FitsException.class, 20_000);
		long start = System.nanoTime();
		for (int i = 0; i < n && !run.stopped(); i++) {
			Source s = sources.get(pick.nextInt(sources.size()));
			StringBuilder how = new StringBuilder("#" + i + " " + s.name() + ":");
			byte[] damaged = mutator.mutate(s.fits(), s.gzipped(), how);
			Path f = Files.write(tmp.resolve("fuzz" + (i % 100) + (s.gzipped() ? ".fits.gz" : ".fits")), damaged);
			// what the file could hold, decompressed, several times over for the float copy and the decoders
			long bound = (64L << 20) + 24L * s.fits().length;
			run.check(f, how.toString(), bound, FitsFuzzTest::readEverything);
			if ((i + 1) % 5_000 == 0) {
				System.out.printf("fits fuzz: %s (%.0f s)%n", run.summary(), (System.nanoTime() - start) / 1e9);
			}
		}
		System.out.printf("fits fuzz seed %d: %s in %.1f s%n", seed, run.summary(), (System.nanoTime() - start) / 1e9);
		run.assertNoCrashes();
	}

	/** Everything a user can ask of a file: the listing with WCS, the first image, the first table. */
	static void readEverything(Path f) throws IOException {
		FitsReader.describe(f);
		FitsException first = null;
		try {
			FitsReader.readImage(f, null);
		}
		catch (FitsException e) {
			first = e;
		}
		FitsReader.readTable(f, null);
		if (first != null) {
			throw first;
		}
	}
}
