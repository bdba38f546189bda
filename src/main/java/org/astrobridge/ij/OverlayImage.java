package org.astrobridge.ij;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.process.ByteProcessor;

import org.astrobridge.util.AtomicFiles;

/**
 * Renders one image plane with its overlay as a PNG: an asinh stretch between the 0.5 and 99.8 percentiles of the
 * finite pixels (NaN black), ImageJ orientation (FITS row 0 at the bottom), the overlay burnt in by
 * {@link ImagePlus#flatten()} (which works headless).
 */
public final class OverlayImage {

	/** Larger images are not rendered: the flattened RGB copy would need 4 bytes per pixel more. */
	public static final long MAX_PIXELS = 64L << 20;
	private static final double LOW = 0.005;
	private static final double HIGH = 0.998;
	private static final double SOFTENING = 10;

	private OverlayImage() {}

	/** The stretched plane as an 8-bit ImageJ image (row 0 at the top). */
	public static ImagePlus stretched(float[] plane, int width, int height, String title) {
		float[] sample = finiteSample(plane);
		double lo = sample.length == 0 ? 0 : sample[(int) Math.floor(LOW * (sample.length - 1))];
		double hi = sample.length == 0 ? 1 : sample[(int) Math.ceil(HIGH * (sample.length - 1))];
		double range = hi > lo ? hi - lo : 1;
		double norm = asinh(SOFTENING);
		byte[] px = new byte[width * height];
		for (int j = 0; j < height; j++) {
			int row = (height - 1 - j) * width;
			for (int i = 0; i < width; i++) {
				float v = plane[j * width + i];
				double s = v != v ? 0 : asinh(Math.max(0, Math.min(1, (v - lo) / range)) * SOFTENING) / norm;
				px[row + i] = (byte) Math.round(255 * s);
			}
		}
		return new ImagePlus(title, new ByteProcessor(width, height, px));
	}

	/** Writes the plane with the overlay as a PNG, completely or not at all. */
	public static void writePng(float[] plane, int width, int height, Overlay overlay, Path out) throws IOException {
		if ((long) width * height > MAX_PIXELS) {
			throw new IOException(out + ": the image has " + width + " x " + height + " pixels, more than the " + MAX_PIXELS +
				" an overlay PNG is rendered for");
		}
		ImagePlus imp = stretched(plane, width, height, String.valueOf(out.getFileName()));
		imp.setOverlay(overlay);
		BufferedImage img = imp.flatten().getBufferedImage();
		AtomicFiles.write(out, tmp -> {
			if (!ImageIO.write(img, "png", tmp.toFile())) {
				throw new IOException(out + ": no PNG writer is available");
			}
		});
	}

	private static float[] finiteSample(float[] plane) {
		int step = Math.max(1, plane.length / 1_000_000);
		float[] s = new float[(plane.length + step - 1) / step];
		int n = 0;
		for (int i = 0; i < plane.length; i += step) {
			if (Float.isFinite(plane[i])) {
				s[n++] = plane[i];
			}
		}
		s = Arrays.copyOf(s, n);
		Arrays.sort(s);
		return s;
	}

	private static double asinh(double x) {
		return Math.log(x + Math.sqrt(x * x + 1));
	}
}
