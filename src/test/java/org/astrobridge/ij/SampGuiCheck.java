package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.util.Locale;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;

/**
 * The Fiji side of the SAMP check on a display ({@code scripts/check-topcat-samp.sh}): opens a FITS field, runs
 * Classify Objects with {@code samp} as from the menu (overlay on the image window, catalogue sent to the hub), then
 * for a given time prints every change of the image's selection, which rows selected in a SAMP client make. Arguments:
 * FIELD.fits MODEL OUTPUT_FOLDER SECONDS. The SAMP hub is the usual one (SAMP_HUB or ~/.samp).
 */
public final class SampGuiCheck {

	private SampGuiCheck() {}

	public static void main(String[] args) throws Exception {
		if (GraphicsEnvironment.isHeadless() || args.length != 4) {
			System.err.println("usage (with a display): SampGuiCheck FIELD.fits MODEL OUTPUT_FOLDER SECONDS");
			System.exit(2);
		}
		new ImageJ(ImageJ.NO_SHOW);
		HeadlessMacroRunner.registerCommands();
		IJ.run("Open FITS...", "path=[" + args[0] + "]");
		IJ.run("Classify Objects...", "image=[" + args[0] + "] model=[" + args[1] + "] output=[" + args[2] +
			"] format=[fits,votable] threads=1 samp");
		ImagePlus image = WindowManager.getCurrentImage();
		if (image == null || image.getWindow() == null || image.getOverlay() == null) {
			System.err.println("SampGuiCheck: no image window with an overlay after Classify Objects");
			System.exit(1);
		}
		IJ.run(image, "In [+]", ""); // 150 %, then 200 %: the selected ellipse is easier to see
		IJ.run(image, "In [+]", "");
		print("AstroBridge GUI: overlay of " + CatalogOverlay.ellipseCount(image.getOverlay()) + " objects on " + image
			.getTitle() + "; listening " + args[3] + " s");
		String last = describe(image.getRoi());
		long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
		while (System.nanoTime() < end) {
			Thread.sleep(200);
			String now = describe(image.getRoi());
			if (!now.equals(last)) {
				print("AstroBridge GUI: selection on " + image.getTitle() + ": " + now);
				last = now;
			}
		}
		System.exit(0); // unregisters from the hub (shutdown hook)
	}

	private static String describe(Roi roi) {
		if (roi == null) {
			return "none";
		}
		Rectangle b = roi.getBounds();
		return String.format(Locale.ROOT, "%s (%s, %d x %d px at %d,%d)", roi.getName(), roi.getClass().getSimpleName(),
			b.width, b.height, b.x, b.y);
	}

	private static void print(String line) {
		System.out.println(line);
		System.out.flush();
	}
}
