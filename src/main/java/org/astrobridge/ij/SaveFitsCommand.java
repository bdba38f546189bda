package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;

import ij.ImagePlus;

import org.astrobridge.fits.FitsWriter;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Saves an image, stack or hyperstack as 32-bit FITS, keeping the header and WCS it was opened with. */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Save FITS...", headless = true,
	description = "Save the image as float32 FITS with its header and WCS (written completely or not at all)")
public class SaveFitsCommand implements Command {

	@Parameter(label = "Image", description = "title of the image to save; default the current image")
	private ImagePlus image;

	@Parameter(label = "FITS file", style = "save", description = "where to write the FITS file")
	private File path;

	@Parameter(type = ItemIO.OUTPUT, label = "File written")
	private String written;

	@Override
	public void run() {
		try {
			FitsWriter.write(path.toPath(), FitsImagePlus.fromImagePlus(image));
			written = path.toString();
		}
		catch (IOException e) {
			throw new CommandException(e.getMessage(), e);
		}
	}
}
