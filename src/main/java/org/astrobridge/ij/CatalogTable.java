package org.astrobridge.ij;

import ij.measure.ResultsTable;

import org.astrobridge.report.Catalog;

/** A catalogue as an ImageJ ResultsTable with every column (ints and doubles as numbers, strings as text). */
public final class CatalogTable {

	/** Title of the table the classify command shows. */
	public static final String TITLE = "AstroBridge Catalog";

	private CatalogTable() {}

	public static ResultsTable of(Catalog catalog) {
		ResultsTable t = new ResultsTable();
		t.setPrecision(6);
		t.showRowNumbers(false);
		for (int r = 0; r < catalog.rowCount(); r++) {
			t.incrementCounter();
			for (Catalog.Column c : catalog.columns()) {
				switch (c.type()) {
					case DOUBLE -> t.addValue(c.name(), catalog.getDouble(c.name(), r));
					case INT -> t.addValue(c.name(), catalog.getInt(c.name(), r));
					case STRING -> t.addValue(c.name(), catalog.getString(c.name(), r));
					default -> throw new IllegalStateException("column type " + c.type());
				}
			}
		}
		return t;
	}
}
