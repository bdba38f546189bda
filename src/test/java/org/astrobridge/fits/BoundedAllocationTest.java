package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared sizes that the file cannot hold are refused before anything is allocated, with a message naming the file and
 * the keyword. Each damaged file here is a real file with one card changed.
 */
class BoundedAllocationTest {

	@TempDir
	Path tmp;

	private Path damaged(String source, String name, String key, String value) throws IOException {
		byte[] all = Files.readAllBytes(ExpectedValues.DIR.resolve(source));
		return Files.write(tmp.resolve(name), FitsBytes.setValue(all, key, value));
	}

	private static void refused(Path file, String... words) {
		long before = AllocationMeter.allocatedBytes();
		FitsException e = assertThrows(FitsException.class, () -> FitsReader.readImage(file, null));
		long used = AllocationMeter.allocatedBytes() - before;
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
		for (String w : words) {
			assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
		}
		assertTrue(used < 64L << 20, "allocated " + (used >> 20) + " MB before refusing");
	}

	/** The known crash: ZTILE1 = 0 made nom-tam-fits allocate tile buffers without bound (OutOfMemoryError). */
	@Test
	void zeroTileSize() throws IOException {
		refused(damaged("compressed.fits.fz", "ztile0.fits.fz", "ZTILE1", "0"), "ZTILE1");
		refused(damaged("comp.fits", "ztile0-rice.fits", "ZTILE1", "0"), "ZTILE1");
		refused(damaged("rice_float.fits.fz", "ztile2-0.fits.fz", "ZTILE2", "0"), "ZTILE2");
	}

	@Test
	void tileLargerThanTheImageCouldBe() throws IOException {
		refused(damaged("compressed.fits.fz", "ztilebig.fits.fz", "ZTILE1", "2000000000"), "ZTILE1");
		refused(damaged("compressed.fits.fz", "ztileneg.fits.fz", "ZTILE2", "-5"), "ZTILE2");
	}

	@Test
	void tileCountDisagreesWithRows() throws IOException {
		refused(damaged("compressed.fits.fz", "rows.fits.fz", "ZTILE2", "2"), "NAXIS2");
	}

	@Test
	void absurdImageAxes() throws IOException {
		refused(damaged("compressed.fits.fz", "znaxis.fits.fz", "ZNAXIS1", "2000000000"), "ZNAXISn", "NAXIS2");
		refused(damaged("simple.fits", "naxis.fits", "NAXIS1", "2000000000"), "NAXIS1");
	}

	@Test
	void heapOutsideTheData() throws IOException {
		byte[] all = Files.readAllBytes(ExpectedValues.DIR.resolve("compressed.fits.fz"));
		int naxis1 = FitsBytes.findCard(all, "GCOUNT", 2880);
		byte[] bad = all.clone();
		FitsBytes.putCard(bad, naxis1, "THEAP   =             99999999");
		refused(Files.write(tmp.resolve("theap.fits.fz"), bad), "THEAP");
	}

	/** Found by the fuzz test: a doubled header block made the tile descriptors ASCII text, claiming ~1 GB. */
	@Test
	void descriptorsOutsideTheHeap() throws IOException {
		byte[] all = Files.readAllBytes(ExpectedValues.DIR.resolve("rice_float.fits.fz"));
		int at = 5760;
		byte[] bad = new byte[all.length + FitsLayout.BLOCK];
		System.arraycopy(all, 0, bad, 0, at);
		System.arraycopy(all, at, bad, at, FitsLayout.BLOCK);
		System.arraycopy(all, at, bad, at + FitsLayout.BLOCK, all.length - at);
		refused(Files.write(tmp.resolve("doubled.fits.fz"), bad), "heap");
	}

	/** Found by the long fuzz run: each of these threw an unchecked exception or took too long. */
	@Test
	void longRunFindings() throws IOException {
		refused(damaged("rice_float.fits.fz", "dither.fits.fz", "ZDITHER0", "-64"), "ZDITHER0");
		refused(damaged("comp.fits", "znaxis-many.fits", "ZNAXIS", "30700"), "ZNAXIS");
		long start = System.nanoTime();
		refused(damaged("comp.fits", "ztile-huge-neg.fits", "ZTILE2", "-1E308"), "ZTILE2");
		assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused quickly");
		Path listed = damaged("comp.fits", "znaxis-list.fits", "ZNAXIS", "30700");
		FitsReader.describe(listed);
	}
}
