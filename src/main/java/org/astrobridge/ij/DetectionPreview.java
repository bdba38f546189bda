package org.astrobridge.ij;

import java.awt.Color;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;

import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.detect.Detector;
import org.astrobridge.fits.FitsImage;

/**
 * The detection step of Classify Objects alone, drawn on the current image while its dialog is open (like Find Maxima's
 * preview): the same settings and the same detector as the run, so the ellipses are the objects the run will classify,
 * with no network run. Ellipses are drawn as the run's overlay draws them, in one colour, without labels.
 */
final class DetectionPreview {

	static final Color COLOUR = Color.ORANGE;

	private final ImagePlus image;
	private final Overlay before;
	private boolean shown;

	DetectionPreview(ImagePlus image) {
		this.image = image;
		this.before = image.getOverlay();
	}

	/** Detects with {@code settings} and draws the objects; returns how many were found. */
	int show(ClassifySettings settings) {
		FitsImage fits = FitsImagePlus.fromImagePlus(image);
		float[][] planes = fits.planes();
		if (settings.band() >= planes.length) {
			throw new IllegalArgumentException(image.getTitle() + ": detection band " + (settings.band() + 1) +
				" does not exist (the image has " + planes.length + " plane(s))");
		}
		List<DetectedObject> objects = new Detector(settings.detection()).detect(planes, settings.band(), fits.width(), fits
			.height(), fits.wcs()).objects();
		image.setOverlay(overlay(objects, fits.height()));
		shown = true;
		return objects.size();
	}

	static Overlay overlay(List<DetectedObject> objects, int height) {
		Overlay overlay = new Overlay();
		for (DetectedObject o : objects) {
			// the sizes as CatalogOverlay draws them from the catalogue
			double a = Math.max(1.0, CatalogOverlay.ELLIPSE_SCALE * finite(o.a()));
			double b = Math.min(a, Math.max(1.0, CatalogOverlay.ELLIPSE_SCALE * finite(o.b())));
			Roi ellipse = CatalogOverlay.ellipse(o.x(), o.y(), a, b, finite(o.theta()), height);
			ellipse.setStrokeColor(COLOUR);
			ellipse.setName(CatalogOverlay.ELLIPSE_PREFIX + o.id());
			overlay.add(ellipse);
		}
		return overlay;
	}

	/** Puts back the overlay the image had before the preview. */
	void clear() {
		if (shown) image.setOverlay(before);
		shown = false;
	}

	private static double finite(double v) {
		return Double.isFinite(v) ? v : 0.0;
	}
}
