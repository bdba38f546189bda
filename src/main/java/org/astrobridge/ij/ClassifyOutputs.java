package org.astrobridge.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.IJ;

import org.astrobridge.classify.Classification;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogWriter;
import org.astrobridge.report.Ds9RegionWriter;
import org.astrobridge.report.CatalogFiles;
import org.astrobridge.report.CatalogFormat;
import org.astrobridge.report.Provenance;

/**
 * The files of one classified image in an output folder: {@code <name>_catalog.fits}, {@code <name>.reg} and
 * {@code <name>_overlay.png} (fields only) and, last, {@code <name>_catalog.csv}. Each is written completely or not at
 * all; as the CSV comes last, its presence means the image is done (the batch command resumes on it).
 */
final class ClassifyOutputs {

	static final String CATALOG_SUFFIX = "_catalog";

	private ClassifyOutputs() {}

	/** The file name without its directory and FITS extension (.fits, .fit, .fts, optionally .gz/.fz). */
	static String stem(Path file) {
		String n = file.getFileName().toString();
		String lower = n.toLowerCase(Locale.ROOT);
		for (String ext : new String[] { ".gz", ".fz" }) {
			if (lower.endsWith(ext)) {
				n = n.substring(0, n.length() - ext.length());
				lower = lower.substring(0, lower.length() - ext.length());
			}
		}
		for (String ext : new String[] { ".fits", ".fit", ".fts" }) {
			if (lower.endsWith(ext)) {
				return n.substring(0, n.length() - ext.length());
			}
		}
		return n;
	}

	/** Whether a file name looks like FITS. */
	static boolean isFits(Path file) {
		return !stem(file).equals(file.getFileName().toString());
	}

	static Path catalogCsv(Path dir, String name) {
		return dir.resolve(name + CATALOG_SUFFIX + ".csv");
	}

	/** The input file (absolute path, SHA-256) and HDU ("file.fits[HDU]" of the image) in the catalogue metadata. */
	static void addInputProvenance(Catalog catalog, FitsImage image, Path input) throws IOException {
		if (input != null && Files.isRegularFile(input)) {
			catalog.putMetadata(Provenance.IMAGE_PATH, input.toAbsolutePath().normalize().toString());
			catalog.putMetadata(Provenance.IMAGE_SHA256, Provenance.sha256(input));
		}
		String source = image == null ? null : image.source();
		if (source != null && source.endsWith("]") && source.lastIndexOf('[') >= 0) {
			catalog.putMetadata(Provenance.IMAGE_HDU, source.substring(source.lastIndexOf('[') + 1, source.length() - 1));
		}
	}

	/**
	 * @param image the classified field (null for a stamp stack: no PNG)
	 * @param band 0-based plane shown in the PNG
	 * @param input the input file, which no output may replace (null when the image came from ImageJ)
	 */
	static List<Path> write(Classification c, FitsImage image, int band, Path dir, String name, boolean png, Path input)
		throws IOException
	{
		return write(c, image, band, dir, name, png, input, DEFAULT_FORMATS);
	}

	/** The catalogue formats written when none are asked for. */
	static final List<CatalogFormat> DEFAULT_FORMATS = List.of(CatalogFormat.FITS, CatalogFormat.CSV);

	/**
	 * The {@code format=} option: catalogue formats, ',' separated (fits, votable, ecsv, csv). The CSV is written
	 * whatever the option says, as the last file, since its presence marks an image as done.
	 */
	static List<CatalogFormat> formats(String option) {
		if (option == null || option.isBlank()) {
			return DEFAULT_FORMATS;
		}
		List<CatalogFormat> out = new ArrayList<>();
		for (String f : option.split(",")) {
			if (!f.isBlank()) {
				CatalogFormat cf = CatalogFormat.of(f);
				if (!out.contains(cf)) {
					out.add(cf);
				}
			}
		}
		return out;
	}

	/** Writes the catalogue in each of {@code formats} (CSV always, last), the regions and the overlay PNG. */
	static List<Path> write(Classification c, FitsImage image, int band, Path dir, String name, boolean png, Path input,
		List<CatalogFormat> formats) throws IOException
	{
		Files.createDirectories(dir);
		Path[] inputs = input == null ? new Path[0] : new Path[] { input };
		addInputProvenance(c.catalog(), image, input);
		List<Path> written = new ArrayList<>();
		for (CatalogFormat f : formats) {
			if (f != CatalogFormat.CSV) {
				Path file = dir.resolve(name + CATALOG_SUFFIX + f.extension());
				CatalogFiles.write(c.catalog(), file, f, inputs);
				written.add(file);
			}
		}
		if (image == null) {
			// a stamp stack has no positions: no regions, no overlay
			Path csv = catalogCsv(dir, name);
			CsvCatalogWriter.write(c.catalog(), csv, inputs);
			written.add(csv);
			return written;
		}
		Path reg = dir.resolve(name + ".reg");
		new Ds9RegionWriter().wcs(image.wcs()).ellipseScale(CatalogOverlay.ELLIPSE_SCALE).write(c.catalog(), reg, inputs);
		written.add(reg);
		if (png && (long) image.width() * image.height() > OverlayImage.MAX_PIXELS) {
			// a catalogue of a large field is worth more than its picture: say why the PNG is missing, do not fail
			IJ.log("AstroBridge classify: " + name + ": no overlay PNG, " + image.width() + " x " + image.height() +
				" is over the " + (OverlayImage.MAX_PIXELS >> 20) + " Mpix an overlay PNG is rendered for");
		}
		else if (png) {
			Path pngFile = dir.resolve(name + "_overlay.png");
			OverlayImage.writePng(image.plane(band), image.width(), image.height(), CatalogOverlay.of(c.catalog(), image
				.height()), pngFile);
			written.add(pngFile);
		}
		Path csv = catalogCsv(dir, name);
		CsvCatalogWriter.write(c.catalog(), csv, inputs);
		written.add(csv);
		return written;
	}
}
