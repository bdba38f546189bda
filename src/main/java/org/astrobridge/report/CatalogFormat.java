package org.astrobridge.report;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The file formats a catalogue is written in and read from: a FITS binary table, an IVOA VOTable, astropy's ECSV and
 * plain CSV. Chosen by name ({@code format=} option) or by the file's extension.
 */
public enum CatalogFormat {

		FITS("fits", ".fits"), VOTABLE("votable", ".vot"), ECSV("ecsv", ".ecsv"), CSV("csv", ".csv");

	private final String optionName;
	private final String extension;

	CatalogFormat(String optionName, String extension) {
		this.optionName = optionName;
		this.extension = extension;
	}

	public String optionName() {
		return optionName;
	}

	/** The extension written files get, with its dot. */
	public String extension() {
		return extension;
	}

	/** A format by option value (fits, votable or vot, ecsv, csv; any case). */
	public static CatalogFormat of(String name) {
		String n = name.trim().toLowerCase(Locale.ROOT);
		for (CatalogFormat f : values()) {
			if (f.optionName.equals(n) || f.extension.substring(1).equals(n)) {
				return f;
			}
		}
		if (n.equals("xml") || n.equals("fit") || n.equals("fts")) {
			return n.equals("xml") ? VOTABLE : FITS;
		}
		throw new IllegalArgumentException("unknown catalogue format '" + name + "' (use fits, votable, ecsv or csv)");
	}

	/** The format a file name says (.csv, .ecsv, .vot/.xml/.votable, otherwise FITS). */
	public static CatalogFormat ofFile(Path file) {
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".csv")) {
			return CSV;
		}
		if (n.endsWith(".ecsv")) {
			return ECSV;
		}
		if (n.endsWith(".vot") || n.endsWith(".xml") || n.endsWith(".votable")) {
			return VOTABLE;
		}
		return FITS;
	}
}
