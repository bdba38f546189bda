package org.astrobridge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import uk.ac.starlink.ecsv.EcsvTableBuilder;
import uk.ac.starlink.ecsv.EcsvTableWriter;
import uk.ac.starlink.fits.FitsTableBuilder;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.StarTableWriter;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableBuilder;
import uk.ac.starlink.util.FileDataSource;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableBuilder;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

import org.astrobridge.util.LibraryLogging;

/**
 * Writes and reads catalogues in every {@link CatalogFormat}. FITS, VOTable and ECSV go through STIL, the table library
 * of TOPCAT and STILTS: units, descriptions, UCDs and the provenance metadata travel with the table (FITS header
 * keywords, VOTable PARAMs, ECSV meta). CSV goes through {@link CsvCatalogWriter} / {@link CsvCatalogReader} (see there
 * why). Every write is complete or absent and never replaces an input file.
 */
public final class CatalogFiles {

	static {
		LibraryLogging.quietLibraries();
	}

	private CatalogFiles() {}

	/** Writes in the format the file name says. */
	public static void write(Catalog catalog, Path out, Path... inputs) throws IOException {
		write(catalog, out, CatalogFormat.ofFile(out), inputs);
	}

	public static void write(Catalog catalog, Path out, CatalogFormat format, Path... inputs) throws IOException {
		if (format == CatalogFormat.CSV) {
			CsvCatalogWriter.write(catalog, out, inputs);
			return;
		}
		SafeOutput.checkNotInput(out, inputs);
		StarTable table = CatalogTables.toStarTable(catalog, FitsCatalogWriter.EXTNAME, format == CatalogFormat.ECSV);
		StarTableWriter writer = switch (format) {
			case FITS -> FitsCatalogWriter.writerFor(catalog);
			case VOTABLE -> votableWriter();
			case ECSV -> new EcsvTableWriter();
			case CSV -> throw new AssertionError();
		};
		SafeOutput.write(out, format.optionName() + " catalogue", os -> writer.writeStarTable(table, os));
	}

	private static VOTableWriter votableWriter() {
		// TABLEDATA: readable XML that every VOTable reader takes; version 1.4, whose units are VOUnits
		VOTableWriter w = new VOTableWriter(DataFormat.TABLEDATA, true);
		w.setVotableVersion(VOTableVersion.V14);
		w.setWriteDate(false);
		return w;
	}

	/** Reads a catalogue in the format its name says. */
	public static Catalog read(Path file) throws IOException {
		return read(file, CatalogFormat.ofFile(file));
	}

	public static Catalog read(Path file, CatalogFormat format) throws IOException {
		if (format == CatalogFormat.CSV) {
			return CsvCatalogReader.read(file);
		}
		return read(file, format, 0);
	}

	/**
	 * Reads the table of a FITS file in HDU number {@code hdu} (0-based, the primary HDU is 0; 0 here means the first
	 * table), or of a VOTable / ECSV file. Problems are one line naming the file.
	 */
	public static Catalog read(Path file, CatalogFormat format, int hdu) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new IOException(file + ": no such catalogue file");
		}
		TableBuilder builder = switch (format) {
			case FITS -> new FitsTableBuilder();
			case VOTABLE -> new VOTableBuilder();
			case ECSV -> new EcsvTableBuilder();
			case CSV -> throw new IllegalArgumentException("CSV is read by CsvCatalogReader");
		};
		try {
			FileDataSource src = new FileDataSource(file.toFile());
			if (hdu > 0) {
				src.setPosition(Integer.toString(hdu));
			}
			StarTable t = builder.makeStarTable(src, false, StoragePolicy.PREFER_MEMORY);
			return CatalogTables.fromStarTable(t, file.toString());
		}
		catch (IOException e) {
			if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
				throw e;
			}
			throw new IOException(file + ": cannot read " + format.optionName() + " catalogue: " + e.getMessage(), e);
		}
		catch (RuntimeException e) {
			throw new IOException(file + ": cannot read " + format.optionName() + " catalogue: " + e, e);
		}
	}

	/** The files a catalogue is written to, one per format, named {@code stem + extension} in {@code dir}. */
	public static List<Path> paths(Path dir, String stem, List<CatalogFormat> formats) {
		return formats.stream().map(f -> dir.resolve(stem + f.extension())).toList();
	}
}
