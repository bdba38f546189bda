package org.astrobridge.fits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A binary table with double, int and string columns; columns keep insertion order. */
public final class FitsTable {

	private final String extname;
	private final Map<String, Object> columns = new LinkedHashMap<>();
	private final Map<String, String> units = new LinkedHashMap<>();
	private int rows = -1;

	private final java.util.List<String> comments = new java.util.ArrayList<>();

	/** Adds a COMMENT card to the table's header (split over several cards when long). */
	public FitsTable addComment(String text) {
		comments.add(text);
		return this;
	}

	/** The COMMENT texts, in order. */
	public java.util.List<String> comments() {
		return java.util.Collections.unmodifiableList(comments);
	}

	public FitsTable(String extname) {
		this.extname = extname;
	}

	public FitsTable addColumn(String name, double[] values, String unit) {
		return add(name, values.clone(), values.length, unit);
	}

	public FitsTable addColumn(String name, int[] values, String unit) {
		return add(name, values.clone(), values.length, unit);
	}

	public FitsTable addColumn(String name, String[] values) {
		return add(name, values.clone(), values.length, null);
	}

	private FitsTable add(String name, Object values, int length, String unit) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("column name must not be empty in table " + extname);
		}
		if (columns.containsKey(name)) {
			throw new IllegalArgumentException("table " + extname + " already has a column " + name);
		}
		if (rows >= 0 && length != rows) {
			throw new IllegalArgumentException("column " + name + " has " + length + " rows but table " + extname + " has " +
				rows);
		}
		rows = length;
		columns.put(name, values);
		if (unit != null && !unit.isEmpty()) {
			units.put(name, unit);
		}
		return this;
	}

	public int rowCount() {
		return Math.max(rows, 0);
	}

	public String extname() {
		return extname;
	}

	public List<String> columnNames() {
		return Collections.unmodifiableList(new ArrayList<>(columns.keySet()));
	}

	/** The unit of a column, or null. */
	public String unit(String name) {
		return units.get(name);
	}

	/** The values of a numeric column as doubles (int columns are widened). */
	public double[] doubleColumn(String name) {
		Object c = column(name);
		if (c instanceof double[] d) {
			return d.clone();
		}
		if (c instanceof int[] a) {
			double[] d = new double[a.length];
			for (int i = 0; i < a.length; i++) {
				d[i] = a[i];
			}
			return d;
		}
		throw new IllegalArgumentException("column " + name + " of table " + extname + " is not numeric");
	}

	public int[] intColumn(String name) {
		Object c = column(name);
		if (c instanceof int[] a) {
			return a.clone();
		}
		throw new IllegalArgumentException("column " + name + " of table " + extname + " is not an int column");
	}

	public String[] stringColumn(String name) {
		Object c = column(name);
		if (c instanceof String[] s) {
			return s.clone();
		}
		throw new IllegalArgumentException("column " + name + " of table " + extname + " is not a string column");
	}

	/** The raw column array (double[], int[] or String[]), for the writer. */
	Object column(String name) {
		Object c = columns.get(name);
		if (c == null) {
			throw new IllegalArgumentException("table " + extname + " has no column " + name + "; columns: " + columns
				.keySet());
		}
		return c;
	}
}
