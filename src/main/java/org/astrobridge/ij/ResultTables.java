package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/**
 * Makes a command's table readable from macros. ImageJ 1.x keeps a table under a title only as a window, which cannot
 * exist headless, while the "Results" table (nResults, getResult, getResultString, Table.* without a title) exists in
 * every mode. So the table becomes the "Results" table everywhere, and where a display exists it is also shown under
 * its own title, which batch-mode macros and {@code Table.*(..., title)} can read.
 */
final class ResultTables {

	private ResultTables() {}

	static void publish(ResultsTable table, String title) {
		publish(table, table, title);
	}

	/** {@code results} becomes the "Results" table; with a display, {@code titled} is also shown as {@code title}. */
	static void publish(ResultsTable results, ResultsTable titled, String title) {
		ResultsTable copy = (ResultsTable) results.clone();
		// set first: show("Results") returns early without an ImageJ window (ImageJ -batch), leaving nResults at 0
		Analyzer.setResultsTable(copy);
		if (!GraphicsEnvironment.isHeadless()) {
			copy.show("Results");
			titled.show(title);
		}
	}
}
