package org.astrobridge.interop;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.astrobridge.report.Catalog;

/**
 * The catalogues sent to SAMP clients, and what a client's row selection on one of them means: which catalogue, which
 * rows, which detected objects. A client names the table by the {@code table-id} and {@code url} of the load message it
 * got, and rows by their 0-based index in that file, so each sent catalogue is kept as read back from the very file the
 * client loaded. Knows nothing of ImageJ: the caller decides how to show a selection.
 */
public final class SentTables {

	/** A client shows one row of a table (TOPCAT sends it when a row is clicked). */
	public static final String HIGHLIGHT_ROW = "table.highlight.row";
	/** A client selects a set of rows (TOPCAT's "Transmit Subset"). */
	public static final String SELECT_ROW_LIST = "table.select.rowList";
	/** Longest list of object ids a description spells out. */
	private static final int LISTED = 20;

	/**
	 * A sent catalogue: its SAMP id and URL, the file, its rows as read from that file, and the image it was made from
	 * (null when unknown).
	 */
	public record Table(String tableId, String url, Path file, Catalog catalog, Path image) {
		/** The object id of a row: the catalogue's {@code id} column, else the row number from 1. */
		public int objectId(int row) {
			return catalog.hasColumn("id") ? catalog.getInt("id", row) : row + 1;
		}
	}

	/** A client's selection: the MType, the table, the selected rows (0-based, as sent) and their object ids. */
	public record Selection(String mtype, Table table, List<Integer> rows, List<Integer> objectIds) {
		/** One line for a log: what was selected, with the position and class of a single object. */
		public String describe(String sender) {
			String from = (sender == null ? "a SAMP client" : sender) + " ";
			String name = table.file().getFileName().toString();
			if (rows.size() == 1) {
				int r = rows.get(0);
				Catalog c = table.catalog();
				StringBuilder sb = new StringBuilder(from).append(HIGHLIGHT_ROW.equals(mtype) ? "highlights" : "selects")
					.append(" row ").append(r).append(" of ").append(name).append(": object ").append(objectIds.get(0));
				if (c.hasColumn("x_image") && c.hasColumn("y_image")) {
					sb.append(String.format(Locale.ROOT, " at x_image %.2f, y_image %.2f", c.getDouble("x_image", r),
						c.getDouble("y_image", r)));
				}
				if (c.hasColumn("class")) {
					sb.append(", class ").append(c.getString("class", r));
				}
				return sb.toString();
			}
			List<Integer> shown = objectIds.size() > LISTED ? objectIds.subList(0, LISTED) : objectIds;
			return from + "selects " + rows.size() + " rows of " + name + (rows.isEmpty() ? "" : ": objects " + shown
				+ (shown.size() < objectIds.size() ? " and " + (objectIds.size() - shown.size()) + " more" : ""));
		}
	}

	private final Map<String, Table> byId = new LinkedHashMap<>();

	/** Remembers a sent catalogue under its table-id (a later send of the same id replaces it). */
	public synchronized Table add(String tableId, String url, Path file, Catalog catalog, Path image) {
		Table t = new Table(tableId, url, file, catalog, image);
		byId.put(tableId, t);
		return t;
	}

	public synchronized Collection<Table> tables() {
		return List.copyOf(byId.values());
	}

	/**
	 * The sent table a message names: by {@code table-id}, else by {@code url}, the latest send of that file (file URLs
	 * compare as paths, since clients may write {@code file:/d/f.vot} for {@code file:///d/f.vot}).
	 */
	public synchronized Optional<Table> find(Object tableId, Object url) {
		if (tableId != null && byId.containsKey(tableId.toString())) {
			return Optional.of(byId.get(tableId.toString()));
		}
		if (url == null) {
			return Optional.empty();
		}
		Path path = filePath(url.toString());
		Table found = null;
		for (Table t : byId.values()) {
			if (t.url().equals(url.toString()) || (path != null && path.equals(filePath(t.url())))) {
				found = t; // the file's latest send: its rows are what the file holds now
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * What a {@code table.highlight.row} or {@code table.select.rowList} message selects.
	 *
	 * @throws IllegalArgumentException one line when the MType is another, the table was not sent from here, or a row is
	 *           not an index of the table
	 */
	public Selection selection(String mtype, Map<?, ?> params) {
		Table t = find(params.get("table-id"), params.get("url")).orElseThrow(() -> new IllegalArgumentException(
			"no table sent from here has table-id " + params.get("table-id") + " or url " + params.get("url")));
		List<Integer> rows = new ArrayList<>();
		if (HIGHLIGHT_ROW.equals(mtype)) {
			rows.add(row(params.get("row"), t));
		}
		else if (SELECT_ROW_LIST.equals(mtype)) {
			if (!(params.get("row-list") instanceof List<?> list)) {
				throw new IllegalArgumentException(mtype + " without a row-list");
			}
			for (Object o : list) {
				rows.add(row(o, t));
			}
		}
		else {
			throw new IllegalArgumentException("not a row selection: " + mtype);
		}
		List<Integer> ids = new ArrayList<>();
		for (int r : rows) {
			ids.add(t.objectId(r));
		}
		return new Selection(mtype, t, List.copyOf(rows), List.copyOf(ids));
	}

	/** A 0-based row index as SAMP sends it (a decimal string), checked against the table's rows. */
	private static int row(Object value, Table t) {
		int r;
		try {
			r = Integer.parseInt(String.valueOf(value).trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("row '" + value + "' is not a row index");
		}
		if (r < 0 || r >= t.catalog().rowCount()) {
			throw new IllegalArgumentException("row " + r + " is outside the " + t.catalog().rowCount() + " rows of " + t
				.file().getFileName());
		}
		return r;
	}

	/** The file a file: URL names, normalised; null for other URLs. */
	private static Path filePath(String url) {
		try {
			URI u = URI.create(url);
			return "file".equalsIgnoreCase(u.getScheme()) ? Path.of(u).toAbsolutePath().normalize() : null;
		}
		catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
			return null;
		}
	}
}
