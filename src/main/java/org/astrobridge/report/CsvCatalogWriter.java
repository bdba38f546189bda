package org.astrobridge.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a catalogue as CSV (RFC 4180): UTF-8, CRLF line ends, one header row of column names, then one line per
 * object. Doubles are written in the shortest form that reads back to the same double (Java's {@code Double.toString},
 * e.g. {@code 0.25}, {@code 1.0E-5}); NaN is an empty field, infinities {@code inf} and {@code -inf}. Ints are plain
 * integers. String cells are always quoted (inner quotes doubled), so a reader can tell a string column holding digits
 * from a number column. Units and descriptions are not part of CSV; they are in the FITS table and the documentation.
 * When the image's WCS was refused, a first line {@code # WCS not used, ...} says why ra and dec are empty (pandas:
 * {@code comment='#'}; {@link CsvCatalogReader} skips it).
 */
public final class CsvCatalogWriter {

	private CsvCatalogWriter() {}

	/** Writes completely or not at all; refuses to write over any of {@code inputs}. */
	public static void write(Catalog catalog, Path out, Path... inputs) throws IOException {
		SafeOutput.write(out, inputs, "CSV catalogue", w -> write(catalog, w));
	}

	static void write(Catalog catalog, Writer w) throws IOException {
		List<Catalog.Column> cols = catalog.columns();
		String warning = catalog.metadata().get(Catalog.WCS_WARNING);
		if (warning != null) {
			// a refused WCS is the one piece of metadata a CSV reader must not miss: why ra/dec are empty
			w.write("# " + warning.replaceAll("[\r\n]+", " ") + "\r\n");
		}
		StringBuilder line = new StringBuilder();
		for (int c = 0; c < cols.size(); c++) {
			line.append(c == 0 ? "" : ",").append(quoteIfNeeded(cols.get(c).name()));
		}
		w.write(line.append("\r\n").toString());
		for (int r = 0; r < catalog.rowCount(); r++) {
			line.setLength(0);
			for (int c = 0; c < cols.size(); c++) {
				if (c > 0) {
					line.append(',');
				}
				Catalog.Column col = cols.get(c);
				switch (col.type()) {
					case DOUBLE -> line.append(number(catalog.getDouble(col.name(), r)));
					case INT -> line.append(catalog.getInt(col.name(), r));
					case STRING -> line.append(quote(catalog.getString(col.name(), r)));
				}
			}
			w.write(line.append("\r\n").toString());
		}
	}

	/** The CSV text of a double: shortest round-trip form, "" for NaN, inf / -inf. */
	static String number(double v) {
		if (Double.isNaN(v)) {
			return "";
		}
		if (Double.isInfinite(v)) {
			return v > 0 ? "inf" : "-inf";
		}
		return Double.toString(v);
	}

	private static String quote(String s) {
		return '"' + s.replace("\"", "\"\"") + '"';
	}

	private static String quoteIfNeeded(String s) {
		return s.matches("[^\",\r\n]*") ? s : quote(s);
	}
}
