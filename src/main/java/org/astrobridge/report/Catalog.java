package org.astrobridge.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered table of named columns (double, int or string) with units and descriptions, filled row by row: the
 * in-memory form of the per-object results that the writers of this package save and the ImageJ layer shows. Missing
 * doubles are NaN, missing strings "". Free-form metadata (source image, model, OOD method) travels with it.
 */
public final class Catalog {

	public enum Type {
			DOUBLE, INT, STRING
	}

	/**
	 * A column's name, value type, unit ("" when dimensionless; FITS/VOUnit syntax such as {@code pix}, {@code deg}),
	 * meaning, and IVOA UCD ("" when none; e.g. {@code pos.eq.ra;meta.main}), which VOTable, ECSV and FITS keep.
	 */
	public record Column(String name, Type type, String unit, String description, String ucd) {
		public Column {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("catalogue column name must not be empty");
			}
			unit = unit == null ? "" : unit;
			description = description == null ? "" : description;
			ucd = ucd == null ? "" : ucd;
		}

		public Column(String name, Type type, String unit, String description) {
			this(name, type, unit, description, "");
		}
	}

	private final List<Column> columns = new ArrayList<>();
	private final Map<String, Integer> index = new LinkedHashMap<>();
	private final List<Object> data = new ArrayList<>();
	private final Map<String, String> metadata = new LinkedHashMap<>();
	private int rows;

	/**
	 * Adds a column at the end. Columns can be added to a filled catalogue only if they are double or string (filled with
	 * NaN or ""), since an int column has no missing value.
	 */
	public Catalog addColumn(String name, Type type, String unit, String description) {
		return addColumn(new Column(name, type, unit, description));
	}

	/** Adds a column (with its UCD) at the end; see {@link #addColumn(String, Type, String, String)}. */
	public Catalog addColumn(Column c) {
		String name = c.name();
		Type type = c.type();
		if (index.containsKey(name)) {
			throw new IllegalArgumentException("catalogue already has a column '" + name + "'");
		}
		if (rows > 0 && type == Type.INT) {
			throw new IllegalArgumentException("cannot add int column '" + name + "' to a catalogue that already has " +
				rows + " rows");
		}
		Object store = switch (type) {
			case DOUBLE -> filled(new double[Math.max(16, rows)], rows);
			case INT -> new int[16];
			case STRING -> fillStrings(new String[Math.max(16, rows)], rows);
		};
		index.put(name, columns.size());
		columns.add(c);
		data.add(store);
		return this;
	}

	private static double[] filled(double[] a, int n) {
		Arrays.fill(a, 0, n, Double.NaN);
		return a;
	}

	private static String[] fillStrings(String[] a, int n) {
		Arrays.fill(a, 0, n, "");
		return a;
	}

	public Catalog addDouble(String name, String unit, String description) {
		return addColumn(name, Type.DOUBLE, unit, description);
	}

	public Catalog addInt(String name, String unit, String description) {
		return addColumn(name, Type.INT, unit, description);
	}

	public Catalog addString(String name, String description) {
		return addColumn(name, Type.STRING, "", description);
	}

	/** A builder for the next row; unset double cells are NaN, unset strings "", unset ints an error. */
	public Row row() {
		return new Row();
	}

	/** Appends a row given in column order (numbers for double/int columns, strings for string ones). */
	public Catalog addRow(Object... values) {
		if (values.length != columns.size()) {
			throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns " +
				columnNames());
		}
		Row r = row();
		for (int c = 0; c < values.length; c++) {
			r.set(columns.get(c).name(), values[c]);
		}
		r.add();
		return this;
	}

	/** One row being filled; {@link #add()} appends it. */
	public final class Row {

		private final Object[] values = new Object[columns.size()];

		private Row() {}

		public Row set(String column, double value) {
			return put(column, value);
		}

		public Row set(String column, int value) {
			return put(column, value);
		}

		public Row set(String column, String value) {
			return put(column, value);
		}

		/** Sets from a Number or String, converting to the column's type. */
		public Row set(String column, Object value) {
			return put(column, value);
		}

		private Row put(String column, Object value) {
			int c = indexOf(column);
			if (c >= values.length) {
				throw new IllegalStateException("column '" + column + "' was added after this row was started");
			}
			Type t = columns.get(c).type();
			if (value == null) {
				values[c] = null;
			}
			else if (t == Type.STRING) {
				values[c] = value instanceof String s ? s : String.valueOf(value);
			}
			else if (!(value instanceof Number num)) {
				throw new IllegalArgumentException("column '" + column + "' is numeric, got '" + value + "'");
			}
			else if (t == Type.INT) {
				double d = num.doubleValue();
				if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
					throw new IllegalArgumentException("column '" + column + "' holds integers, got " + value);
				}
				values[c] = num.intValue();
			}
			else {
				values[c] = num.doubleValue();
			}
			return this;
		}

		public void add() {
			if (values.length != columns.size()) {
				throw new IllegalStateException("columns were added while this row was being filled");
			}
			for (int c = 0; c < values.length; c++) {
				if (values[c] == null && columns.get(c).type() == Type.INT) {
					throw new IllegalStateException("int column '" + columns.get(c).name() + "' was not set");
				}
			}
			for (int c = 0; c < values.length; c++) {
				Object store = grow(c);
				switch (columns.get(c).type()) {
					case DOUBLE -> ((double[]) store)[rows] = values[c] == null ? Double.NaN : (Double) values[c];
					case INT -> ((int[]) store)[rows] = (Integer) values[c];
					case STRING -> ((String[]) store)[rows] = values[c] == null ? "" : (String) values[c];
				}
			}
			rows++;
		}
	}

	private Object grow(int c) {
		Object store = data.get(c);
		int cap = java.lang.reflect.Array.getLength(store);
		if (rows < cap) {
			return store;
		}
		int n = cap * 2;
		Object bigger = switch (columns.get(c).type()) {
			case DOUBLE -> Arrays.copyOf((double[]) store, n);
			case INT -> Arrays.copyOf((int[]) store, n);
			case STRING -> Arrays.copyOf((String[]) store, n);
		};
		data.set(c, bigger);
		return bigger;
	}

	private int indexOf(String column) {
		Integer c = index.get(column);
		if (c == null) {
			throw new IllegalArgumentException("catalogue has no column '" + column + "'; columns: " + columnNames());
		}
		return c;
	}

	public int rowCount() {
		return rows;
	}

	public List<Column> columns() {
		return Collections.unmodifiableList(columns);
	}

	public List<String> columnNames() {
		return List.copyOf(index.keySet());
	}

	/** Sets the UCD of a column (the table's semantic label of what the column holds). */
	public Catalog setUcd(String column, String ucd) {
		int c = indexOf(column);
		Column old = columns.get(c);
		columns.set(c, new Column(old.name(), old.type(), old.unit(), old.description(), ucd));
		return this;
	}

	public boolean hasColumn(String name) {
		return index.containsKey(name);
	}

	public Column column(String name) {
		return columns.get(indexOf(name));
	}

	private void checkRow(int row) {
		if (row < 0 || row >= rows) {
			throw new IndexOutOfBoundsException("row " + row + " of a catalogue with " + rows + " rows");
		}
	}

	/** The value of a numeric cell as a double (ints widened). */
	public double getDouble(String column, int row) {
		checkRow(row);
		Object store = data.get(indexOf(column));
		if (store instanceof double[] d) {
			return d[row];
		}
		if (store instanceof int[] a) {
			return a[row];
		}
		throw new IllegalArgumentException("catalogue column '" + column + "' is not numeric");
	}

	public int getInt(String column, int row) {
		checkRow(row);
		if (data.get(indexOf(column)) instanceof int[] a) {
			return a[row];
		}
		throw new IllegalArgumentException("catalogue column '" + column + "' is not an int column");
	}

	public String getString(String column, int row) {
		checkRow(row);
		if (data.get(indexOf(column)) instanceof String[] s) {
			return s[row];
		}
		throw new IllegalArgumentException("catalogue column '" + column + "' is not a string column");
	}

	/** The cell as a Double, Integer or String. */
	public Object value(String column, int row) {
		checkRow(row);
		Object store = data.get(indexOf(column));
		if (store instanceof double[] d) {
			return d[row];
		}
		if (store instanceof int[] a) {
			return a[row];
		}
		return ((String[]) store)[row];
	}

	/** A copy of a numeric column as doubles. */
	public double[] doubleColumn(String column) {
		double[] out = new double[rows];
		for (int r = 0; r < rows; r++) {
			out[r] = getDouble(column, r);
		}
		return out;
	}

	public int[] intColumn(String column) {
		if (data.get(indexOf(column)) instanceof int[] a) {
			return Arrays.copyOf(a, rows);
		}
		throw new IllegalArgumentException("catalogue column '" + column + "' is not an int column");
	}

	public String[] stringColumn(String column) {
		if (data.get(indexOf(column)) instanceof String[] s) {
			return Arrays.copyOf(s, rows);
		}
		throw new IllegalArgumentException("catalogue column '" + column + "' is not a string column");
	}

	/** Metadata key of the line saying why the image's WCS was not used (CSV, FITS and region files carry it). */
	public static final String WCS_WARNING = "wcs_warning";

	/** Sets a metadata entry (e.g. "source", "model", "ood_method"); shown by the writers whose format has room. */
	public Catalog putMetadata(String key, String value) {
		metadata.put(key, value);
		return this;
	}

	public Map<String, String> metadata() {
		return Collections.unmodifiableMap(metadata);
	}

	/**
	 * The name of the probability column of a class: "p_" + the name with every character outside [A-Za-z0-9_] as '_'.
	 */
	public static String probabilityColumn(String className) {
		return "p_" + className.replaceAll("[^A-Za-z0-9_]", "_");
	}
}
