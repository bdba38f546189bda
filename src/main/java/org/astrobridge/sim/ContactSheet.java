package org.astrobridge.sim;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

import org.astrobridge.util.AtomicFiles;

/**
 * A PNG montage, one row per class, of stamps shown with an asinh stretch (Lupton et al. 2004): 3 bands as i, r, g in
 * red, green, blue; 1 band as grey. One stretch for the whole sheet so brightness compares across rows.
 */
public final class ContactSheet {

	private ContactSheet() {}

	/**
	 * @param rows rows[class][example] = planes of one stamp (null where a class has fewer examples)
	 * @param softening asinh softening in image units (about the sky noise); the maximum is set from the data
	 */
	public static BufferedImage build(List<float[][][]> rows, int size, double softening) {
		int cols = 0;
		for (float[][][] r : rows)
			cols = Math.max(cols, r.length);
		int gap = 2;
		int width = Math.max(1, cols * (size + gap) + gap), height = rows.size() * (size + gap) + gap;
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		double top = robustMax(rows);
		double soft = softening > 0 ? softening : top / 100;
		double norm = asinh(top / soft);
		for (int r = 0; r < rows.size(); r++) {
			float[][][] stamps = rows.get(r);
			for (int c = 0; c < stamps.length; c++) {
				float[][] planes = stamps[c];
				if (planes == null) continue;
				int ox = gap + c * (size + gap), oy = gap + r * (size + gap);
				for (int j = 0; j < size; j++) {
					for (int i = 0; i < size; i++) {
						int idx = j * size + i, rgb;
						if (planes.length >= 3) {
							int red = level(planes[2][idx], soft, norm), green = level(planes[1][idx], soft, norm), blue = level(
								planes[0][idx], soft, norm);
							rgb = red << 16 | green << 8 | blue;
						}
						else {
							int g = level(planes[0][idx], soft, norm);
							rgb = g << 16 | g << 8 | g;
						}
						img.setRGB(ox + i, oy + size - 1 - j, rgb); // FITS row 0 at the bottom
					}
				}
			}
		}
		return img;
	}

	public static void write(BufferedImage img, Path file) throws IOException {
		AtomicFiles.write(file, tmp -> {
			if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException(file + ": no PNG writer available");
		});
	}

	private static int level(float v, double soft, double norm) {
		double x = asinh(Math.max(0, v) / soft) / norm;
		return (int) Math.max(0, Math.min(255, Math.round(255 * x)));
	}

	private static double asinh(double x) {
		return Math.log(x + Math.sqrt(x * x + 1));
	}

	/** 99.5th percentile of all pixels on the sheet. */
	private static double robustMax(List<float[][][]> rows) {
		int n = 0;
		for (float[][][] r : rows)
			for (float[][] s : r)
				if (s != null) for (float[] p : s)
					n += p.length;
		if (n == 0) return 1;
		float[] all = new float[n];
		int o = 0;
		for (float[][][] r : rows)
			for (float[][] s : r)
				if (s != null) for (float[] p : s) {
					System.arraycopy(p, 0, all, o, p.length);
					o += p.length;
				}
		Arrays.sort(all);
		double v = all[(int) Math.min(n - 1, Math.floor(0.995 * n))];
		return v > 0 ? v : 1;
	}
}
