package org.astrobridge.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DefaultValueInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.RandomStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Converts between {@link Catalog} and STIL's {@link StarTable}: columns keep name, unit, description and UCD;
 * catalogue metadata becomes table parameters (VOTable PARAMs, ECSV meta). Doubles are Double (NaN is missing), ints
 * Integer (never null), strings String.
 */
public final class CatalogTables {

	private CatalogTables() {}

	/**
	 * Suffix of the date parameter in ECSV: its YAML header would read a bare ISO date as a timestamp, which STIL's ECSV
	 * reader drops; "... UTC" stays a string (and says the time zone). Removed again on reading.
	 */
	static final String YAML_DATE_SUFFIX = " UTC";

	/** A read-only STIL view of a catalogue (no copy of the data). */
	public static StarTable toStarTable(Catalog catalog, String name) {
		return toStarTable(catalog, name, false);
	}

	/** As {@link #toStarTable(Catalog, String)}; {@code yaml}: the table is for ECSV (see {@link #YAML_DATE_SUFFIX}). */
	static StarTable toStarTable(Catalog catalog, String name, boolean yaml) {
		List<Catalog.Column> cols = catalog.columns();
		ColumnInfo[] infos = new ColumnInfo[cols.size()];
		for (int c = 0; c < infos.length; c++) {
			Catalog.Column col = cols.get(c);
			Class<?> type = switch (col.type()) {
				case DOUBLE -> Double.class;
				case INT -> Integer.class;
				case STRING -> String.class;
			};
			ColumnInfo info = new ColumnInfo(col.name(), type, col.description().isEmpty() ? null : col.description());
			info.setUnitString(col.unit().isEmpty() ? null : col.unit());
			info.setUCD(col.ucd().isEmpty() ? null : col.ucd());
			// ints are never missing: no TNULL / null value needed
			info.setNullable(col.type() != Catalog.Type.INT);
			infos[c] = info;
		}
		RandomStarTable table = new RandomStarTable() {

			@Override
			public int getColumnCount() {
				return infos.length;
			}

			@Override
			public ColumnInfo getColumnInfo(int icol) {
				return infos[icol];
			}

			@Override
			public long getRowCount() {
				return catalog.rowCount();
			}

			@Override
			public Object getCell(long irow, int icol) {
				return catalog.value(cols.get(icol).name(), (int) irow);
			}
		};
		table.setName(name);
		List<DescribedValue> params = new ArrayList<>();
		catalog.metadata().forEach((key, value) -> {
			String description = Provenance.byName(key).map(Provenance.Key::description).orElse(key.equals(
				Catalog.WCS_WARNING) ? "why ra and dec are empty" : null);
			String v = yaml && key.equals(Provenance.DATE) ? value + YAML_DATE_SUFFIX : value;
			params.add(new DescribedValue(new DefaultValueInfo(key, String.class, description), v));
		});
		table.setParameters(params);
		return table;
	}

	/**
	 * A catalogue holding a STIL table's columns and rows. Integer-valued columns (byte, short, int, or long within int
	 * range) without missing values become int columns, other numbers doubles (missing = NaN), booleans int 0/1,
	 * everything else strings. Parameters become metadata, FITS provenance keywords under their metadata names.
	 *
	 * @param what names the file in messages
	 */
	public static Catalog fromStarTable(StarTable t, String what) throws IOException {
		int n = t.getColumnCount();
		List<List<Object>> cells = new ArrayList<>();
		for (int c = 0; c < n; c++) {
			cells.add(new ArrayList<>());
		}
		try (RowSequence rs = t.getRowSequence()) {
			while (rs.next()) {
				Object[] row = rs.getRow();
				for (int c = 0; c < n; c++) {
					cells.get(c).add(row[c]);
				}
			}
		}
		Catalog cat = new Catalog();
		Catalog.Type[] types = new Catalog.Type[n];
		for (int c = 0; c < n; c++) {
			ColumnInfo info = t.getColumnInfo(c);
			types[c] = typeOf(info.getContentClass(), cells.get(c));
			if (types[c] == null) {
				throw new IOException(what + ": column '" + info.getName() + "' holds " + info.getContentClass()
					.getSimpleName() + " values; a catalogue holds numbers and strings");
			}
			cat.addColumn(new Catalog.Column(info.getName(), types[c], info.getUnitString(), info.getDescription(), info
				.getUCD()));
		}
		int rows = n == 0 ? 0 : cells.get(0).size();
		for (int r = 0; r < rows; r++) {
			Object[] values = new Object[n];
			for (int c = 0; c < n; c++) {
				Object v = cells.get(c).get(r);
				values[c] = switch (types[c]) {
					case INT -> v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue();
					case DOUBLE -> v == null ? Double.NaN : ((Number) v).doubleValue();
					case STRING -> v == null ? "" : String.valueOf(v);
				};
			}
			cat.addRow(values);
		}
		for (DescribedValue p : t.getParameters()) {
			if (p.getValue() == null) {
				continue;
			}
			String name = p.getInfo().getName();
			String key = Provenance.byFitsKeyword(name).map(Provenance.Key::name).orElse(name);
			String value = String.valueOf(p.getValue()).trim();
			if (key.equals(Provenance.DATE) && value.endsWith(YAML_DATE_SUFFIX)) {
				value = value.substring(0, value.length() - YAML_DATE_SUFFIX.length());
			}
			cat.putMetadata(key, value);
		}
		return cat;
	}

	private static Catalog.Type typeOf(Class<?> type, List<Object> values) {
		if (type == String.class || type == Character.class) {
			return Catalog.Type.STRING;
		}
		if (type == Boolean.class) {
			return values.contains(null) ? Catalog.Type.STRING : Catalog.Type.INT;
		}
		if (type == Double.class || type == Float.class) {
			return Catalog.Type.DOUBLE;
		}
		if (type == Byte.class || type == Short.class || type == Integer.class || type == Long.class) {
			for (Object v : values) {
				if (v == null || ((Number) v).longValue() != ((Number) v).intValue()) {
					return Catalog.Type.DOUBLE;
				}
			}
			return Catalog.Type.INT;
		}
		return null;
	}
}
