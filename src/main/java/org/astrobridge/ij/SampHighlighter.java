package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.io.FileInfo;

import org.astrobridge.interop.SentTables;
import org.astrobridge.report.Catalog;

/**
 * Shows on the image a row selection that a SAMP client (TOPCAT, Aladin) sends on a catalogue sent from here: the
 * selected object's ellipse becomes the image's selection (a composite selection for several rows, none for an empty
 * list). The image is the one the catalogue was classified on, else an open image of the file the catalogue was made
 * from. Without one (always headless) each message is one line in the log.
 */
final class SampHighlighter implements BiConsumer<String, SentTables.Selection> {

	/** The highlighter the commands attach to their hub client. */
	static final SampHighlighter SHARED = new SampHighlighter();

	private final Map<String, WeakReference<ImagePlus>> images = new ConcurrentHashMap<>();

	/** Selections on the table sent under {@code tableId} go on {@code imp} (weakly held: a closed image is let go). */
	void showOn(String tableId, ImagePlus imp) {
		images.put(tableId, new WeakReference<>(imp));
	}

	@Override
	public void accept(String sender, SentTables.Selection selection) {
		String line = "AstroBridge SAMP: " + selection.describe(sender);
		ImagePlus imp = image(selection.table());
		if (imp == null) {
			IJ.log(line);
			return;
		}
		Roi roi = roi(selection, imp.getHeight());
		if (roi == null) {
			imp.deleteRoi();
		}
		else {
			imp.setRoi(roi);
		}
		if (!GraphicsEnvironment.isHeadless()) {
			IJ.showStatus(line);
		}
	}

	/** The ellipse of one selected object, a composite of several, or null when nothing with a position is selected. */
	static Roi roi(SentTables.Selection selection, int imageHeight) {
		Catalog c = selection.table().catalog();
		Roi single = null;
		ShapeRoi union = null;
		int n = 0;
		for (int r : selection.rows()) {
			Roi e = CatalogOverlay.objectEllipse(c, r, imageHeight);
			if (e == null) {
				continue;
			}
			n++;
			if (single == null) {
				single = e;
			}
			union = union == null ? new ShapeRoi(e) : union.or(new ShapeRoi(e));
		}
		if (n <= 1) {
			return single;
		}
		union.setName(n + " objects");
		return union;
	}

	/** The image registered for the table, else (with a display) an open image of the table's source file. */
	private ImagePlus image(SentTables.Table table) {
		WeakReference<ImagePlus> ref = images.get(table.tableId());
		ImagePlus imp = ref == null ? null : ref.get();
		if (imp != null || GraphicsEnvironment.isHeadless() || table.image() == null) {
			return imp;
		}
		for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
			ImagePlus open = WindowManager.getImage(id);
			FileInfo fi = open == null ? null : open.getOriginalFileInfo();
			if (fi != null && fi.directory != null && fi.fileName != null && Path.of(fi.directory, fi.fileName)
				.toAbsolutePath().normalize().equals(table.image()))
			{
				return open;
			}
		}
		return null;
	}
}
