package org.astrobridge.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsTable;
import org.astrobridge.fits.FitsWriter;
import org.astrobridge.util.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged label files, CSV and FITS (a stack whose LABELS table is damaged, and a separate label table): each one loads
 * or fails with an IOException naming the damaged file. Long run: {@code -Dastrobridge.fuzz.inputs=N}.
 */
class LabelFilesFuzzTest {

	private static final String[] CSV_PIECES = { ",", "\n", "\r\n", "-1", "0", "1", "2", "99999999999", "x", "\"",
		"index", "label", "class_name", "", " ", "NaN", "1e9", "\u00e9", ";" };

	@TempDir
	Path dir;

	private static FitsImage stack(int count) {
		float[][] planes = new float[count][16];
		for (int k = 0; k < count; k++)
			Arrays.fill(planes[k], k);
		return new FitsImage(4, 4, new int[] { count }, planes, new FitsHeader());
	}

	@Test
	void damagedLabelFilesLoadOrFailCleanly() throws IOException {
		Path images = dir.resolve("stamps.fits");
		FitsWriter.write(images, stack(5));
		FitsTable labels = new FitsTable("LABELS").addColumn("index", new int[] { 0, 1, 2, 3, 4 }, null).addColumn("label",
			new int[] { 1, 0, 1, 0, -1 }, null).addColumn("class_name", new String[] { "merger", "single", "merger", "single",
				"" });
		Path labelled = dir.resolve("labelled.fits");
		FitsWriter.write(labelled, stack(5), labels);
		byte[] labelledBytes = Files.readAllBytes(labelled);
		String csv = "index,label,class_name\n0,1,merger\n1,0,single\n2,1,merger\n3,0,single\n4,-1,\n";

		long seed = FuzzRun.seed(5L);
		SplittableRandom random = new SplittableRandom(seed);
		FuzzRun run = new FuzzRun(IOException.class, 20_000);
		int n = FuzzRun.inputs(300);
		for (int i = 0; i < n; i++) {
			StringBuilder how = new StringBuilder("#" + i);
			if (random.nextBoolean()) {
				Path f = dir.resolve("labels" + i % 50 + ".csv");
				Files.writeString(f, damageCsv(csv, random, how), StandardCharsets.UTF_8);
				run.check(f, how.toString(), 64L << 20, p -> StampSetLoader.load(images, p, null));
			}
			else {
				byte[] b = labelledBytes.clone();
				if (random.nextInt(3) == 0) {
					int cut = 2880 + random.nextInt(b.length - 2880);
					how.append(" cut at ").append(cut);
					b = Arrays.copyOf(b, cut);
				}
				else {
					int flips = 1 + random.nextInt(6);
					how.append(" ").append(flips).append(" bytes in the LABELS HDU flipped");
					int table = b.length - 2 * 2880;
					for (int k = 0; k < flips; k++)
						b[table + random.nextInt(b.length - table)] = (byte) random.nextInt(256);
				}
				Path f = Files.write(dir.resolve("stack" + i % 50 + ".fits"), b);
				boolean separate = random.nextBoolean();
				run.check(f, how.toString(), 64L << 20, p -> {
					if (separate) StampSetLoader.load(images, p, null);
					else StampSetLoader.load(p, null, null);
				});
			}
		}
		System.out.println("label file fuzz seed " + seed + ": " + run.summary());
		run.assertNoCrashes();
	}

	private static String damageCsv(String csv, SplittableRandom random, StringBuilder how) {
		StringBuilder s = new StringBuilder(csv);
		int edits = 1 + random.nextInt(4);
		for (int e = 0; e < edits; e++) {
			int at = random.nextInt(s.length() + 1);
			switch (random.nextInt(3)) {
				case 0 -> {
					String piece = CSV_PIECES[random.nextInt(CSV_PIECES.length)];
					s.insert(at, piece);
					how.append(" insert '").append(piece.replace("\n", "\\n")).append("' at ").append(at);
				}
				case 1 -> {
					int end = Math.min(s.length(), at + 1 + random.nextInt(6));
					s.delete(at, end);
					how.append(" delete ").append(at).append("..").append(end);
				}
				default -> {
					s.setLength(at);
					how.append(" cut at ").append(at);
				}
			}
		}
		return s.toString();
	}

	/** Found by the fuzz test: a damaged label value of about 2^31 made the loader build that many class names. */
	@Test
	void hugeLabelIsRefused() throws IOException {
		Path images = dir.resolve("stamps.fits");
		FitsWriter.write(images, stack(2));
		Path csv = Files.writeString(dir.resolve("huge.csv"), "index,label\n0,0\n1,2000000000\n");
		IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> StampSetLoader.load(images,
			csv, null));
		assertTrue(e.getMessage().contains("huge.csv") && e.getMessage().contains("2000000000"), e.getMessage());
	}
}
