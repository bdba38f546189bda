package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;

import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Opens one image HDU of a FITS file as a 32-bit ImagePlus, FITS pixel (1,1) at the bottom left, shown with an
 * astronomer's stretch (zscale by default, as DS9 and astropy do; asinh or minmax on request): the stretch sets only
 * the display range and lookup table, the pixel values stay as they are in the file.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Open FITS...", headless = true,
	description = "Open an image HDU of a FITS file (.fits .fit .fts .fz .gz) with header and WCS")
public class OpenFitsCommand implements Command {

	@Parameter(label = "FITS file", style = "open", description = "the FITS file to open")
	private File path;

	@Parameter(label = "HDU", required = false,
		description = "index (0 = primary), EXTNAME or EXTNAME,EXTVER; empty = the first HDU with data")
	private String hdu = "";

	@Parameter(label = "Stretch", choices = { "zscale", "asinh", "minmax" }, required = false,
		description = "display: zscale (IRAF/DS9 range, contrast 0.25), asinh (full range, a = 0.1) or minmax (full range)")
	private String stretch = "zscale";

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus image;

	@Override
	public void run() {
		try {
			FitsImage fits = FitsReader.readImage(path.toPath(), hdu);
			if (fits.wcsWarning() != null) IJ.log("AstroBridge open: warning: " + fits.wcsWarning());
			String title = path.getName() + (hdu == null || hdu.isBlank() ? "" : "[" + hdu + "]");
			image = FitsImagePlus.toImagePlus(fits, title);
			DisplayStretch.parse(stretch).apply(image);
			if (hdu == null || hdu.isBlank()) image.setFileInfo(sourceFile(image)); // dialogs offer it as the input
		}
		catch (IOException | IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
	}

	/** Where the image came from, so that a dialog can record the file and a headless macro can read it again. */
	private FileInfo sourceFile(ImagePlus imp) {
		FileInfo fi = imp.getFileInfo();
		File abs = path.getAbsoluteFile();
		fi.directory = abs.getParent() + File.separator;
		fi.fileName = abs.getName();
		return fi;
	}
}
