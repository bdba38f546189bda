package org.astrobridge.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsTable;
import org.astrobridge.fits.FitsWriter;
import org.astrobridge.nn.StampSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampSetLoaderTest {

	/** Stamp k, band b, pixel (i,j) holds 1000k + 100b + 10j + i, so every value says where it belongs. */
	private static FitsImage stack(int count, int bands, int w, int h) {
		float[][] planes = new float[count * bands][w * h];
		for (int b = 0; b < bands; b++)
			for (int k = 0; k < count; k++)
				for (int j = 0; j < h; j++)
					for (int i = 0; i < w; i++)
						planes[k + count * b][j * w + i] = 1000 * k + 100 * b + 10 * j + i;
		int[] extra = bands > 1 ? new int[] { count, bands } : new int[] { count };
		return new FitsImage(w, h, extra, planes, new FitsHeader());
	}

	@Test
	void stackWithLabelsHduBecomesNhwc(@TempDir Path dir) throws IOException {
		Path f = dir.resolve("s.fits");
		FitsTable labels = new FitsTable("LABELS").addColumn("index", new int[] { 0, 1, 2 }, null).addColumn("label",
			new int[] { 1, 0, 1 }, null).addColumn("class_name", new String[] { "merger", "single", "merger" });
		FitsWriter.write(f, stack(3, 2, 4, 3), labels);
		StampSet s = StampSetLoader.load(f, null, "sim").stamps();
		assertEquals(3, s.count());
		assertEquals(2, s.bands());
		assertEquals(4, s.width());
		assertEquals(3, s.height());
		assertArrayEquals(new String[] { "single", "merger" }, s.classNames());
		assertArrayEquals(new int[] { 1, 0, 1 }, s.labels());
		// stamp 2, row 1, column 3, band 1
		int idx = ((2 * 3 + 1) * 4 + 3) * 2 + 1;
		assertEquals(2000 + 100 + 10 + 3, s.pixels()[idx], 0f);
	}

	@Test
	void csvLabelsAreValidated(@TempDir Path dir) throws IOException {
		Path f = dir.resolve("s.fits");
		FitsWriter.write(f, stack(3, 1, 2, 2));
		Path csv = dir.resolve("labels.csv");
		Files.writeString(csv, "index,label,class_name\n0,0,a\n1,1,b\n2,-1,\n");
		StampSet s = StampSetLoader.load(f, csv, null).stamps();
		assertArrayEquals(new int[] { 0, 1, -1 }, s.labels());

		Files.writeString(csv, "index,label\n0,0\n1,1\n");
		IOException missing = assertThrows(IOException.class, () -> StampSetLoader.load(f, csv, null));
		assertTrue(missing.getMessage().contains("no label for stamp(s) [2]"), missing.getMessage());

		Files.writeString(csv, "index,label\n0,0\n1,1\n2,0\n3,1\n");
		IOException extra = assertThrows(IOException.class, () -> StampSetLoader.load(f, csv, null));
		assertTrue(extra.getMessage().contains("index 3") && extra.getMessage().contains("labels.csv"), extra.getMessage());

		Files.writeString(csv, "index,label,class_name\n0,0,a\n1,0,b\n2,1,c\n");
		IOException clash = assertThrows(IOException.class, () -> StampSetLoader.load(f, csv, null));
		assertTrue(clash.getMessage().contains("called both"), clash.getMessage());

		Files.writeString(csv, "stamp;label\n");
		IOException header = assertThrows(IOException.class, () -> StampSetLoader.load(f, csv, null));
		assertTrue(header.getMessage().contains("'index,label'"), header.getMessage());
	}

	@Test
	void classFoldersSkipBadFilesAndCarryOn(@TempDir Path dir) throws IOException {
		Files.createDirectories(dir.resolve("lens"));
		Files.createDirectories(dir.resolve("elliptical"));
		FitsWriter.write(dir.resolve("lens/0.fits"), stack(1, 1, 5, 5));
		FitsWriter.write(dir.resolve("elliptical/1.fits"), stack(1, 1, 5, 5));
		FitsWriter.write(dir.resolve("elliptical/2.fits"), stack(1, 1, 5, 5));
		FitsWriter.write(dir.resolve("elliptical/3.fits"), stack(1, 1, 6, 5));
		Files.writeString(dir.resolve("lens/broken.fits"), "not a FITS file");
		StampSetLoader.Loaded loaded = StampSetLoader.load(dir, null, null);
		StampSet s = loaded.stamps();
		assertArrayEquals(new String[] { "elliptical", "lens" }, s.classNames());
		assertArrayEquals(new int[] { 0, 0, 1 }, s.labels());
		assertEquals(2, loaded.skipped().size(), loaded.skipped().toString());
		assertTrue(loaded.skipped().stream().anyMatch(k -> k.file().toString().contains("broken.fits")));
		assertTrue(loaded.skipped().stream().anyMatch(k -> k.reason().contains("6x5x1")));
	}

	@Test
	void flatFolderIsUnlabelled(@TempDir Path dir) throws IOException {
		FitsWriter.write(dir.resolve("a.fits"), stack(1, 1, 3, 3));
		FitsWriter.write(dir.resolve("b.fits"), stack(1, 1, 3, 3));
		StampSet s = StampSetLoader.load(dir, null, "sdss").stamps();
		assertEquals(2, s.count());
		assertEquals(null, s.labels());
	}

	@Test
	void missingSourceIsNamed(@TempDir Path dir) {
		IOException e = assertThrows(IOException.class, () -> StampSetLoader.load(dir.resolve("nope.fits"), null, null));
		assertTrue(e.getMessage().contains("nope.fits"));
	}
}
