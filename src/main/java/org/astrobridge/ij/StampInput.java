package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

import org.astrobridge.data.StampSetLoader;

/** Loads the stamps a command was given and tells the user which files were skipped. */
final class StampInput {

	private StampInput() {}

	/**
	 * @param source a stamp stack file, a folder, or the title of an open image stack (slices = stamps, channels = bands)
	 *          when no file of that name exists
	 */
	static StampSetLoader.Loaded load(String what, File source, File labels, String domain) {
		if (source == null) throw new CommandException(what + ": no stamps given");
		String dom = domain == null || domain.isBlank() ? null : domain;
		try {
			ImagePlus open = source.exists() ? null : WindowManager.getImage(source.getPath());
			StampSetLoader.Loaded loaded = open != null ? StampSetLoader.fromImage(FitsImagePlus.fromImagePlus(open), open
				.getTitle(), labels == null ? null : labels.toPath(), dom) : StampSetLoader.load(source.toPath(), labels == null
					? null : labels.toPath(), dom);
			for (StampSetLoader.Skipped s : loaded.skipped()) {
				IJ.log("AstroBridge: skipped " + s.file() + ": " + s.reason());
			}
			return loaded;
		}
		catch (IOException | IllegalArgumentException e) {
			throw new CommandException(what + ": " + e.getMessage(), e);
		}
	}

	/** Optional file parameters arrive as null or as an empty path from dialogs. */
	static File orNull(File f) {
		return f == null || f.getPath().isBlank() ? null : f;
	}
}
