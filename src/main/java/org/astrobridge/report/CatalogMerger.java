package org.astrobridge.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Concatenates catalogues of several files (a batch run) into one with a leading {@code file} column. Columns are the
 * union of all inputs: a column first seen in a later catalogue is placed after the column that precedes it there (so a
 * new class's {@code p_} column joins the other {@code p_} columns). Missing cells are NaN (doubles) or "" (strings);
 * an int column missing from some input becomes a double column. Mixed types widen: int + double -> double, number +
 * string -> string. A catalogue that already has a {@code file} column (a merged one) keeps its values.
 */
public final class CatalogMerger {

	public static final String FILE_COLUMN = "file";

	private CatalogMerger() {}

	/** Reads each file (any {@link CatalogFormat}, by extension) and merges them, labelling rows with the file name. */
	public static Catalog mergeFiles(List<Path> files) throws IOException {
		Map<String, Catalog> byFile = new LinkedHashMap<>();
		for (Path f : files) {
			String label = f.getFileName().toString();
			if (byFile.containsKey(label)) {
				label = f.toString();
			}
			byFile.put(label, read(f));
		}
		return merge(byFile);
	}

	/** A catalogue file in the format its extension says (.csv, .ecsv, .vot/.xml, otherwise FITS). */
	public static Catalog read(Path file) throws IOException {
		return CatalogFiles.read(file);
	}

	/** Merges catalogues in map order; keys are the values of the {@code file} column. */
	public static Catalog merge(Map<String, Catalog> byFile) {
		List<Catalog.Column> union = new ArrayList<>();
		Map<String, Integer> presentIn = new LinkedHashMap<>();
		for (Catalog cat : byFile.values()) {
			String previous = null;
			for (Catalog.Column c : cat.columns()) {
				if (c.name().equals(FILE_COLUMN)) {
					continue;
				}
				int at = indexOf(union, c.name());
				if (at < 0) {
					int after = previous == null ? -1 : indexOf(union, previous);
					union.add(after < 0 ? (previous == null ? 0 : union.size()) : after + 1, c);
				}
				else {
					Catalog.Column u = union.get(at);
					Catalog.Type t = widen(u.type(), c.type());
					union.set(at, new Catalog.Column(u.name(), t, u.unit().isEmpty() ? c.unit() : u.unit(), u.description()
						.isEmpty() ? c.description() : u.description(), u.ucd().isEmpty() ? c.ucd() : u.ucd()));
				}
				presentIn.merge(c.name(), 1, Integer::sum);
				previous = c.name();
			}
		}
		Catalog out = new Catalog();
		keepSharedMetadata(byFile.values(), out);
		out.addString(FILE_COLUMN, "catalogue the row comes from");
		for (Catalog.Column c : union) {
			Catalog.Type t = c.type() == Catalog.Type.INT && presentIn.get(c.name()) < byFile.size() ? Catalog.Type.DOUBLE : c
				.type();
			out.addColumn(new Catalog.Column(c.name(), t, c.unit(), c.description(), c.ucd()));
		}
		for (Map.Entry<String, Catalog> e : byFile.entrySet()) {
			Catalog cat = e.getValue();
			for (int r = 0; r < cat.rowCount(); r++) {
				Catalog.Row row = out.row();
				row.set(FILE_COLUMN, cat.hasColumn(FILE_COLUMN) ? String.valueOf(cat.value(FILE_COLUMN, r)) : e.getKey());
				for (Catalog.Column c : cat.columns()) {
					if (c.name().equals(FILE_COLUMN)) {
						continue;
					}
					Object v = cat.value(c.name(), r);
					if (out.column(c.name()).type() == Catalog.Type.STRING && v instanceof Double d) {
						v = CsvCatalogWriter.number(d);
					}
					row.set(c.name(), v);
				}
				row.add();
			}
		}
		return out;
	}

	/** Metadata with one value in every input (model, OOD rule, settings) stays; per-image entries do not. */
	private static void keepSharedMetadata(java.util.Collection<Catalog> cats, Catalog out) {
		Catalog first = cats.isEmpty() ? new Catalog() : cats.iterator().next();
		for (Map.Entry<String, String> e : first.metadata().entrySet()) {
			if (cats.stream().allMatch(c -> e.getValue().equals(c.metadata().get(e.getKey())))) {
				out.putMetadata(e.getKey(), e.getValue());
			}
		}
		Provenance.stamp(out);
	}

	private static Catalog.Type widen(Catalog.Type a, Catalog.Type b) {
		if (a == b) {
			return a;
		}
		if (a == Catalog.Type.STRING || b == Catalog.Type.STRING) {
			return Catalog.Type.STRING;
		}
		return Catalog.Type.DOUBLE;
	}

	private static int indexOf(List<Catalog.Column> cols, String name) {
		for (int i = 0; i < cols.size(); i++) {
			if (cols.get(i).name().equals(name)) {
				return i;
			}
		}
		return -1;
	}
}
