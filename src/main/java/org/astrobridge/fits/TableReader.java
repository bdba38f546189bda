package org.astrobridge.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scalar columns of a BINTABLE: L, B, I, J (int), K, E, D (double; TSCAL/TZERO applied), nA (string). Vector,
 * complex, bit and variable-length columns are skipped.
 */
final class TableReader {

	private static final Pattern TFORM = Pattern.compile("\\s*(\\d*)\\s*([LXBIJKAEDCMPQ])(.*)");

	private TableReader() {}

	/** The repeat count of a TFORM; a count too large for any row comes back as -1. */
	private static long parseRepeat(String digits) {
		return digits.length() > 12 ? -1 : Long.parseLong(digits);
	}

	/** The bytes of one element of a binary-table column of this TFORM type (X counts one byte per bit). */
	static int elementBytes(char type) {
		return switch (type) {
			case 'L', 'B', 'A', 'X' -> 1;
			case 'I' -> 2;
			case 'J', 'E' -> 4;
			case 'K', 'D', 'C', 'P' -> 8;
			default -> 16; // M, Q
		};
	}

	static FitsTable read(FitsLayout layout, FitsLayout.Hdu h) throws IOException {
		FitsHeader hdr = h.header();
		String what = layout.file + ": HDU " + h.label();
		long rowBytes = hdr.getLong("NAXIS1", 0);
		long rows = hdr.getLong("NAXIS2", 0);
		long tfields = hdr.getLong("TFIELDS", 0);
		if (tfields < 0 || tfields > 999) {
			throw new FitsException(what + ": invalid TFIELDS (" + hdr.getString("TFIELDS") + ")");
		}
		int fields = (int) tfields;
		// the layout has checked NAXIS1 x NAXIS2 against the file; this guards the int index of one buffer
		if (rowBytes < 0 || rows < 0 || rowBytes * rows > Integer.MAX_VALUE - 8 || rows > Integer.MAX_VALUE) {
			throw new FitsException(what + ": table of " + rows + " rows x " + rowBytes + " bytes is too large");
		}
		ByteBuffer data = ByteBuffer.allocate((int) (rowBytes * rows)).order(ByteOrder.BIG_ENDIAN);
		layout.readData(h, data, what + ": truncated table data");
		String extname = h.extname();
		FitsTable table = new FitsTable(extname);
		long offset = 0;
		for (int f = 1; f <= fields; f++) {
			String form = hdr.getString("TFORM" + f);
			Matcher m = form == null ? null : TFORM.matcher(form);
			if (m == null || !m.matches()) {
				throw new FitsException(what + ": column " + f + " has an invalid TFORM '" + form + "'");
			}
			long repeat = m.group(1).isEmpty() ? 1 : parseRepeat(m.group(1));
			char type = m.group(2).charAt(0);
			long width = type == 'X' ? (repeat + 7) / 8 : repeat * elementBytes(type);
			if (repeat < 0 || offset + width > rowBytes) {
				throw new FitsException(what + ": column " + f + " (TFORM" + f + " = '" + form.trim() +
					"') does not fit in a row of NAXIS1 = " + rowBytes + " bytes");
			}
			String name = hdr.getString("TTYPE" + f);
			if (name == null || name.isBlank()) {
				name = "col" + f;
			}
			String unit = hdr.getString("TUNIT" + f);
			boolean scaled = hdr.contains("TSCAL" + f) || hdr.contains("TZERO" + f);
			double tscal = hdr.getDouble("TSCAL" + f, 1.0);
			double tzero = hdr.getDouble("TZERO" + f, 0.0);
			int n = (int) rows;
			if (type == 'A') {
				String[] v = new String[n];
				byte[] tmp = new byte[(int) repeat];
				for (int r = 0; r < n; r++) {
					data.get((int) (r * rowBytes + offset), tmp);
					int len = 0;
					while (len < tmp.length && tmp[len] != 0) {
						len++;
					}
					v[r] = new String(tmp, 0, len, StandardCharsets.UTF_8).stripTrailing();
				}
				table.addColumn(name, v);
			}
			else if (repeat == 1 && type == 'L') {
				String[] v = new String[n];
				for (int r = 0; r < n; r++) {
					byte b = data.get((int) (r * rowBytes + offset));
					v[r] = b == 'T' ? "T" : b == 'F' ? "F" : "";
				}
				table.addColumn(name, v);
			}
			else if (repeat == 1 && !scaled && (type == 'B' || type == 'I' || type == 'J')) {
				int[] v = new int[n];
				for (int r = 0; r < n; r++) {
					int at = (int) (r * rowBytes + offset);
					v[r] = type == 'B' ? data.get(at) & 0xff : type == 'I' ? data.getShort(at) : data.getInt(at);
				}
				table.addColumn(name, v, unit);
			}
			else if (repeat == 1 && "BIJKED".indexOf(type) >= 0) {
				double[] v = new double[n];
				for (int r = 0; r < n; r++) {
					int at = (int) (r * rowBytes + offset);
					double raw = switch (type) {
						case 'B' -> data.get(at) & 0xff;
						case 'I' -> data.getShort(at);
						case 'J' -> data.getInt(at);
						case 'K' -> data.getLong(at);
						case 'E' -> data.getFloat(at);
						default -> data.getDouble(at);
					};
					v[r] = raw * tscal + tzero;
				}
				table.addColumn(name, v, unit);
			}
			offset += width;
		}
		if (offset != rowBytes) {
			throw new FitsException(what + ": the TFORM widths add up to " + offset + " bytes but NAXIS1 is " + rowBytes);
		}
		return table;
	}
}
