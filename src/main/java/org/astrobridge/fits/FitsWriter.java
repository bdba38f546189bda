package org.astrobridge.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.astrobridge.util.AtomicFiles;

/** Writes float32 images and binary tables. Files are written completely or not at all (temp file + rename). */
public final class FitsWriter {

	private static final int BLOCK = 2880;
	private static final int CHUNK = 1 << 22;

	/** Keywords that describe the stored layout; the writer emits its own and drops these from copied headers. */
	private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND", "PCOUNT",
		"GCOUNT", "GROUPS", "BSCALE", "BZERO", "BLANK", "TFIELDS", "THEAP", "CHECKSUM", "DATASUM", "END", "ZIMAGE",
		"ZSIMPLE", "ZEXTEND", "ZBITPIX", "ZNAXIS", "ZCMPTYPE", "ZQUANTIZ", "ZDITHER0", "ZMASKCMP", "ZTENSION", "ZPCOUNT",
		"ZGCOUNT", "ZBLANK", "ZSCALE", "ZZERO", "ZHECKSUM", "ZDATASUM", "ZBLOCKED");
	private static final Pattern INDEXED_STRUCTURAL = Pattern.compile(
		"(NAXIS|ZNAXIS|ZTILE|ZNAME|ZVAL|TTYPE|TFORM|TUNIT|TSCAL|TZERO|TNULL|TDISP|TDIM)\\d+");

	private FitsWriter() {}

	/** Writes a BITPIX -32 image (primary HDU) with its header and WCS, followed by the tables as BINTABLEs. */
	public static void write(Path file, FitsImage image, FitsTable... tables) throws IOException {
		atomically(file, ch -> {
			writeFully(ch, imageHeader(image, tables.length > 0).toBlocks());
			writePlanes(ch, image.planes());
			for (FitsTable t : tables) {
				writeTable(ch, t);
			}
		});
	}

	/** Writes an empty primary HDU followed by the tables as BINTABLE extensions. */
	public static void writeTables(Path file, FitsTable... tables) throws IOException {
		atomically(file, ch -> {
			FitsHeader h = new FitsHeader();
			h.set("SIMPLE", true, "conforms to FITS standard");
			h.set("BITPIX", 8, "array data type");
			h.set("NAXIS", 0, "number of array dimensions");
			h.set("EXTEND", true, null);
			writeFully(ch, h.toBlocks());
			for (FitsTable t : tables) {
				writeTable(ch, t);
			}
		});
	}

	static boolean isStructural(String key) {
		return STRUCTURAL.contains(key) || INDEXED_STRUCTURAL.matcher(key).matches();
	}

	private static FitsHeader imageHeader(FitsImage image, boolean extend) {
		FitsHeader h = new FitsHeader();
		h.set("SIMPLE", true, "conforms to FITS standard");
		h.set("BITPIX", -32, "array data type");
		int[] extra = image.extraAxes();
		h.set("NAXIS", 2 + extra.length, "number of array dimensions");
		h.set("NAXIS1", image.width(), null);
		h.set("NAXIS2", image.height(), null);
		for (int i = 0; i < extra.length; i++) {
			h.set("NAXIS" + (i + 3), extra[i], null);
		}
		if (extend) {
			h.set("EXTEND", true, null);
		}
		for (FitsHeader.Card c : image.header()) {
			if (c.value() == null ? !c.key().equals("END") : !isStructural(c.key())) {
				h.add(c);
			}
		}
		return h;
	}

	private static void writePlanes(FileChannel ch, float[][] planes) throws IOException {
		ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.BIG_ENDIAN);
		long bytes = 0;
		for (float[] plane : planes) {
			int off = 0;
			while (off < plane.length) {
				int n = Math.min(plane.length - off, CHUNK / 4);
				buf.clear();
				buf.asFloatBuffer().put(plane, off, n);
				buf.limit(n * 4);
				writeFully(ch, buf);
				off += n;
			}
			bytes += 4L * plane.length;
		}
		pad(ch, bytes);
	}

	private static void writeTable(FileChannel ch, FitsTable t) throws IOException {
		List<String> names = t.columnNames();
		int[] widths = new int[names.size()];
		String[] forms = new String[names.size()];
		byte[][][] strings = new byte[names.size()][][];
		int rowBytes = 0;
		for (int c = 0; c < names.size(); c++) {
			Object col = t.column(names.get(c));
			if (col instanceof double[]) {
				widths[c] = 8;
				forms[c] = "D";
			}
			else if (col instanceof int[]) {
				widths[c] = 4;
				forms[c] = "J";
			}
			else {
				String[] s = (String[]) col;
				strings[c] = new byte[s.length][];
				int w = 1;
				for (int r = 0; r < s.length; r++) {
					strings[c][r] = (s[r] == null ? "" : s[r]).getBytes(StandardCharsets.UTF_8);
					w = Math.max(w, strings[c][r].length);
				}
				widths[c] = w;
				forms[c] = w + "A";
			}
			rowBytes += widths[c];
		}
		FitsHeader h = new FitsHeader();
		h.set("XTENSION", "BINTABLE", "binary table extension");
		h.set("BITPIX", 8, "array data type");
		h.set("NAXIS", 2, "number of array dimensions");
		h.set("NAXIS1", rowBytes, "length of a row in bytes");
		h.set("NAXIS2", t.rowCount(), "number of rows");
		h.set("PCOUNT", 0, "number of group parameters");
		h.set("GCOUNT", 1, "number of groups");
		h.set("TFIELDS", names.size(), "number of table fields");
		for (int c = 0; c < names.size(); c++) {
			h.set("TTYPE" + (c + 1), names.get(c), null);
			h.set("TFORM" + (c + 1), forms[c], null);
			String unit = t.unit(names.get(c));
			if (unit != null) {
				h.set("TUNIT" + (c + 1), unit, null);
			}
		}
		if (t.extname() != null && !t.extname().isEmpty()) {
			h.set("EXTNAME", t.extname(), "extension name");
		}
		for (String c : t.comments()) {
			// COMMENT cards hold 72 characters; longer texts go on as many cards as they need
			String text = c.replaceAll("[\\r\\n]+", " ");
			for (int i = 0; i < text.length(); i += 72) {
				h.addComment(text.substring(i, Math.min(text.length(), i + 72)));
			}
		}
		writeFully(ch, h.toBlocks());
		ByteBuffer buf = ByteBuffer.allocate(Math.max(CHUNK, rowBytes)).order(ByteOrder.BIG_ENDIAN);
		for (int r = 0; r < t.rowCount(); r++) {
			if (buf.remaining() < rowBytes) {
				buf.flip();
				writeFully(ch, buf);
				buf.clear();
			}
			for (int c = 0; c < names.size(); c++) {
				Object col = t.column(names.get(c));
				if (col instanceof double[] d) {
					buf.putDouble(d[r]);
				}
				else if (col instanceof int[] a) {
					buf.putInt(a[r]);
				}
				else {
					byte[] s = strings[c][r];
					buf.put(s);
					for (int k = s.length; k < widths[c]; k++) {
						buf.put((byte) 0);
					}
				}
			}
		}
		buf.flip();
		writeFully(ch, buf);
		pad(ch, (long) rowBytes * t.rowCount());
	}

	private static void pad(FileChannel ch, long bytes) throws IOException {
		int rem = (int) (bytes % BLOCK);
		if (rem != 0) {
			writeFully(ch, ByteBuffer.allocate(BLOCK - rem));
		}
	}

	private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
		writeFully(ch, ByteBuffer.wrap(bytes));
	}

	private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
		while (buf.hasRemaining()) {
			ch.write(buf);
		}
	}

	private interface Body {

		void write(FileChannel ch) throws IOException;
	}

	private static void atomically(Path file, Body body) throws IOException {
		try {
			AtomicFiles.write(file, tmp -> {
				try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
					body.write(ch);
					ch.force(false);
				}
			});
		}
		catch (IOException | RuntimeException e) {
			throw new FitsException(file + ": cannot write FITS file: " + e.getMessage(), e);
		}
	}
}
