package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and unsuitable inputs give a FitsException naming the file and the problem; inputs stay untouched. */
class BadInputTest {

	@TempDir
	Path tmp;

	private static Path real(String name) {
		return ExpectedValues.DIR.resolve(name);
	}

	private static void fails(Path file, String hdu, String... words) {
		FitsException e = assertThrows(FitsException.class, () -> FitsReader.readImage(file, hdu));
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
		for (String w : words) {
			assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
		}
	}

	@Test
	void missingFileAndDirectory() {
		fails(tmp.resolve("nope.fits"), null, "no such file");
		fails(tmp, null, "directory");
	}

	@Test
	void notFits() throws IOException {
		Path f = tmp.resolve("text.fits");
		Files.writeString(f, "hello, this is not FITS\n".repeat(200));
		fails(f, null, "not a FITS file");
		Path empty = Files.write(tmp.resolve("empty.fits"), new byte[0]);
		fails(empty, null, "not a FITS file");
		assertThrows(FitsException.class, () -> FitsReader.list(f));
	}

	@Test
	void truncatedData() throws IOException {
		byte[] all = Files.readAllBytes(real("simple.fits"));
		Path f = Files.write(tmp.resolve("cut.fits"), Arrays.copyOf(all, 20000));
		fails(f, null, "truncated", "131072");
		assertArrayEquals(all, Files.readAllBytes(real("simple.fits")), "input unchanged");
	}

	@Test
	void truncatedHeader() throws IOException {
		byte[] all = Files.readAllBytes(real("simple.fits"));
		fails(Files.write(tmp.resolve("cuthead.fits"), Arrays.copyOf(all, 1000)), null, "truncated", "header");
		byte[] multi = Files.readAllBytes(real("multi.fits"));
		fails(Files.write(tmp.resolve("cutmulti.fits"), Arrays.copyOf(multi, 20160 + 1000)), "3", "truncated");
	}

	@Test
	void truncatedGzip() throws IOException {
		byte[] all = Files.readAllBytes(real("simple.fits"));
		Path f = tmp.resolve("cut.fits.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
			out.write(all, 0, 30000);
		}
		fails(f, null, "truncated");
		byte[] gz = Files.readAllBytes(real("dss.14.29.56-62.41.05.fits.gz"));
		Path broken = Files.write(tmp.resolve("broken.fits.gz"), Arrays.copyOf(gz, gz.length / 2));
		assertThrows(FitsException.class, () -> FitsReader.readImage(broken, null));
	}

	@Test
	void absurdSizeIsRefusedBeforeAllocating() throws IOException {
		byte[] all = Files.readAllBytes(real("simple.fits"));
		String head = new String(all, 0, 2880, StandardCharsets.US_ASCII);
		String bad = head.replace("NAXIS1  =                  256", "NAXIS1  =           1000000000");
		byte[] b = all.clone();
		System.arraycopy(bad.getBytes(StandardCharsets.US_ASCII), 0, b, 0, 2880);
		fails(Files.write(tmp.resolve("huge.fits"), b), null, "claims", "bytes of data");
		String overflow = head.replace("NAXIS1  =                  256", "NAXIS1  =  9000000000000000000");
		System.arraycopy(overflow.getBytes(StandardCharsets.US_ASCII), 0, b, 0, 2880);
		fails(Files.write(tmp.resolve("overflow.fits"), b), null, "absurd");
	}

	@Test
	void binaryGarbageInHeader() throws IOException {
		byte[] b = Files.readAllBytes(real("simple.fits"));
		b[400] = 0;
		fails(Files.write(tmp.resolve("nul.fits"), b), null, "non-ASCII");
	}

	@Test
	void tablesAndGroupsAreNotImages() {
		fails(real("btable.fits"), "1", "binary table");
		fails(real("random_groups.fits"), "0", "random groups");
		fails(real("random_groups.fits"), null, "no image");
		fails(real("multi.fits"), "0", "no data");
	}

	@Test
	void unknownHdus() {
		fails(real("multi.fits"), "9", "no HDU 9", "4 HDU");
		fails(real("multi.fits"), "DQ", "no HDU named 'DQ'", "SCI");
		fails(real("multi.fits"), "SCI,7", "no HDU named");
		fails(real("multi.fits"), "SCI,x", "bad HDU selector");
		assertThrows(FitsException.class, () -> FitsReader.readTable(real("simple.fits"), null));
	}
}
