package org.astrobridge.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV catalogue (RFC 4180, as {@link CsvCatalogWriter} writes it, or any CSV with a header row). Column types
 * are inferred: a column with a quoted cell is a string column; otherwise a column whose cells are all integers is an
 * int column; one whose cells are numbers, {@code nan}, {@code inf} or empty (NaN) is a double column; anything else is
 * a string column. Units are unknown (empty).
 */
public final class CsvCatalogReader {

	private CsvCatalogReader() {}

	public static Catalog read(Path file) throws IOException {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new IOException(file + ": cannot read CSV catalogue: " + e, e);
		}
		List<List<String>> records = new ArrayList<>();
		List<List<Boolean>> quoted = new ArrayList<>();
		parse(file, withoutLeadingComments(text), records, quoted);
		if (records.isEmpty()) {
			throw new IOException(file + ": CSV catalogue is empty (no header row)");
		}
		List<String> header = records.get(0);
		int n = header.size();
		for (int r = 1; r < records.size(); r++) {
			if (records.get(r).size() != n) {
				throw new IOException(file + ": line of record " + (r + 1) + " has " + records.get(r).size() +
					" fields, the header has " + n);
			}
		}
		Catalog cat = new Catalog();
		for (int c = 0; c < n; c++) {
			cat.addColumn(header.get(c), typeOf(records, quoted, c), "", "");
		}
		for (int r = 1; r < records.size(); r++) {
			Catalog.Row row = cat.row();
			for (int c = 0; c < n; c++) {
				String v = records.get(r).get(c);
				switch (cat.columns().get(c).type()) {
					case INT -> row.set(header.get(c), Integer.parseInt(v.trim()));
					case DOUBLE -> row.set(header.get(c), parseDouble(v));
					case STRING -> row.set(header.get(c), v);
				}
			}
			row.add();
		}
		return cat;
	}

	private static Catalog.Type typeOf(List<List<String>> records, List<List<Boolean>> quoted, int c) {
		boolean allInt = records.size() > 1;
		for (int r = 1; r < records.size(); r++) {
			if (quoted.get(r).get(c)) {
				return Catalog.Type.STRING;
			}
			String v = records.get(r).get(c).trim();
			if (!v.matches("[-+]?\\d{1,10}") || !fitsInt(v)) {
				allInt = false;
				if (!v.isEmpty() && Double.isNaN(parseDouble(v)) && !v.equalsIgnoreCase("nan")) {
					return Catalog.Type.STRING;
				}
			}
		}
		return allInt ? Catalog.Type.INT : Catalog.Type.DOUBLE;
	}

	private static boolean fitsInt(String v) {
		long l = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
		return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
	}

	/** A number, NaN for empty/nan/unparseable text. */
	private static double parseDouble(String s) {
		String v = s.trim().toLowerCase(java.util.Locale.ROOT);
		switch (v) {
			case "", "nan" -> {
				return Double.NaN;
			}
			case "inf", "+inf", "infinity", "+infinity" -> {
				return Double.POSITIVE_INFINITY;
			}
			case "-inf", "-infinity" -> {
				return Double.NEGATIVE_INFINITY;
			}
			default -> {
				if (!v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?")) {
					return Double.NaN;
				}
				return Double.parseDouble(v);
			}
		}
	}

	/** The text after the '#' comment lines that may precede the header row (see {@link CsvCatalogWriter}). */
	private static String withoutLeadingComments(String text) {
		int i = text.startsWith("\uFEFF") ? 1 : 0;
		while (i < text.length() && text.charAt(i) == '#') {
			int end = text.indexOf('\n', i);
			i = end < 0 ? text.length() : end + 1;
		}
		return text.substring(i);
	}

	private static void parse(Path file, String text, List<List<String>> records, List<List<Boolean>> quoted)
		throws IOException
	{
		int i = text.startsWith("\uFEFF") ? 1 : 0;
		int n = text.length();
		List<String> rec = new ArrayList<>();
		List<Boolean> q = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int line = 1;
		while (i <= n) {
			boolean isQuoted = false;
			field.setLength(0);
			if (i < n && text.charAt(i) == '"') {
				isQuoted = true;
				int start = line;
				i++;
				while (true) {
					if (i >= n) {
						throw new IOException(file + ": quoted field opened on line " + start + " is never closed");
					}
					char ch = text.charAt(i);
					if (ch == '"') {
						if (i + 1 < n && text.charAt(i + 1) == '"') {
							field.append('"');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (ch == '\n') {
						line++;
					}
					field.append(ch);
					i++;
				}
				if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
					throw new IOException(file + ": line " + line + ": text after a closing quote");
				}
			}
			else {
				while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
					field.append(text.charAt(i++));
				}
			}
			rec.add(field.toString());
			q.add(isQuoted);
			if (i < n && text.charAt(i) == ',') {
				i++;
				continue;
			}
			// End of record (line end or end of text); a trailing line end does not start an empty record.
			if (i < n && text.charAt(i) == '\r') {
				i++;
			}
			if (i < n && text.charAt(i) == '\n') {
				i++;
			}
			line++;
			if (!(rec.size() == 1 && rec.get(0).isEmpty() && !isQuoted)) {
				records.add(rec);
				quoted.add(q);
			}
			rec = new ArrayList<>();
			q = new ArrayList<>();
			if (i >= n) {
				break;
			}
		}
	}
}
