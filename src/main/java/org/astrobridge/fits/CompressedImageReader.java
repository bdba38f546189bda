package org.astrobridge.fits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.image.compression.hdu.CompressedImageHDU;

/**
 * Tile-compressed images (RICE_1, GZIP_1, GZIP_2, HCOMPRESS_1, PLIO_1), decompressed by nom-tam-fits; scaling and null
 * pixels are applied here: BSCALE/BZERO, BLANK/ZBLANK for integer images; quantized float images are de-quantized here
 * (dither, ZSCALE/ZZERO, ZBLANK nulls), since nom-tam-fits 1.20 gets their nulls wrong.
 */
final class CompressedImageReader {

	private static final String HIDDEN_PREFIX = "AB_";
	private static final List<String> KNOWN_ALGORITHMS = List.of("RICE_1", "RICE_ONE", "GZIP_1", "GZIP_2", "HCOMPRESS_1",
		"PLIO_1", "NOCOMPRESS");

	private CompressedImageReader() {}

	/** The header of the image as it was before compression (Z keywords mapped back, table keywords dropped). */
	static FitsHeader imageHeader(FitsHeader z) {
		FitsHeader out = new FitsHeader();
		out.set("XTENSION", "IMAGE", "image extension");
		out.set("BITPIX", z.getLong("ZBITPIX", 0), "array data type");
		// keywords end at 8 characters: ZNAXIS99 is the last axis a compressed image can declare
		long naxis = Math.max(0, Math.min(99, z.getLong("ZNAXIS", 0)));
		out.set("NAXIS", naxis, "number of array dimensions");
		for (int i = 1; i <= naxis; i++) {
			out.set("NAXIS" + i, z.getLong("ZNAXIS" + i, 0), null);
		}
		out.set("PCOUNT", 0, null);
		out.set("GCOUNT", 1, null);
		for (FitsHeader.Card c : z) {
			String k = c.key();
			boolean keep = c.value() == null || !(FitsWriter.isStructural(k)) || k.equals("BSCALE") || k.equals("BZERO") || k
				.equals("BLANK");
			if (keep) {
				out.add(c);
			}
		}
		return out;
	}

	static FitsImage read(FitsLayout layout, FitsLayout.Hdu h, String source) throws IOException {
		Path file = layout.file;
		FitsHeader z = h.header();
		int[] axes = FitsReader.axes(z, "Z", file, h.label());
		checkTiles(layout, h, axes);
		int zbitpix = (int) z.getLong("ZBITPIX", 0);
		// beside the float planes, nom-tam-fits holds the whole image in ZBITPIX (at most 8 bytes a pixel), and a
		// quantized image is also copied once as ints here
		float[][] planes = FitsReader.allocate(axes, "Z", 8 + 4, file, h.label());
		boolean quantized = zbitpix < 0 && (hasColumn(z, "ZSCALE") || z.contains("ZSCALE"));
		Object[] columns = new Object[2];
		Object kernel = decompress(layout, h, quantized, columns);
		long expected = (long) planes.length * planes[0].length;
		long[] filled = { 0 };
		if (quantized) {
			int[] q = new int[(int) Math.min(expected, Integer.MAX_VALUE - 8)];
			flattenInts(kernel, q, filled);
			if (filled[0] == expected) {
				try {
					Dequantizer.apply(z, axes, q, planes, columns[0], columns[1]);
				}
				catch (IllegalArgumentException e) {
					throw new FitsException(file + ": HDU " + h.label() + " has an " + e.getMessage(), e);
				}
			}
		}
		else {
			boolean hasBlank = z.contains("BLANK") || z.contains("ZBLANK");
			long blank = z.contains("BLANK") ? z.getLong("BLANK", 0) : z.getLong("ZBLANK", 0);
			fill(kernel, planes, new PixelDecoder(zbitpix, z.getDouble("BSCALE", 1.0), z.getDouble("BZERO", 0.0), hasBlank,
				blank), filled);
		}
		if (filled[0] != expected) {
			throw new FitsException(file + ": HDU " + h.label() + " decompressed to " + filled[0] + " pixels instead of " +
				expected);
		}
		return new FitsImage(axes[0], axes.length > 1 ? axes[1] : 1, FitsReader.extraAxes(axes), planes, imageHeader(z),
			source);
	}

	/**
	 * Checks the tile geometry before nom-tam-fits sizes its buffers from it (a zero ZTILEn made it allocate without
	 * bound): 1 &lt;= ZTILEn &lt;= ZNAXISn, one table row per tile, and a heap (THEAP) inside the data.
	 */
	static void checkTiles(FitsLayout layout, FitsLayout.Hdu h, int[] axes) throws IOException {
		FitsHeader z = h.header();
		String what = layout.file + ": HDU " + h.label();
		if (!z.contains("ZBITPIX") || !z.contains("ZNAXIS")) {
			throw new FitsException(what + " is marked ZIMAGE but lacks " + (z.contains("ZBITPIX") ? "ZNAXIS" : "ZBITPIX"));
		}
		String cmp = String.valueOf(z.getString("ZCMPTYPE")).trim().toUpperCase(Locale.ROOT);
		if (!KNOWN_ALGORITHMS.contains(cmp)) {
			throw new FitsException(what + " has an unknown ZCMPTYPE (" + z.getString("ZCMPTYPE") + "); known: " + String
				.join(", ", KNOWN_ALGORITHMS));
		}
		long zbitpix = z.getLong("ZBITPIX", 0);
		if (!FitsLayout.isBitpix(zbitpix)) {
			throw new FitsException(what + " has an invalid ZBITPIX (" + z.getString("ZBITPIX") + ")");
		}
		long tiles = 1;
		StringBuilder image = new StringBuilder();
		StringBuilder tiling = new StringBuilder();
		for (int i = 0; i < axes.length; i++) {
			String key = "ZTILE" + (i + 1);
			long tile = z.getLong(key, i == 0 ? axes[0] : 1);
			// nom-tam-fits reads a non-integer value its own way (-1E308 made it allocate until out of memory)
			boolean integer = !z.contains(key) || String.valueOf(z.getString(key)).trim().matches("[+-]?\\d{1,10}");
			if (!integer || tile < 1 || tile > Math.max(axes[i], 1)) {
				throw new FitsException(what + " has an invalid " + key + " (" + z.getString(key) + "); it must lie" +
					" between 1 and ZNAXIS" + (i + 1) + " = " + axes[i]);
			}
			tiles *= (axes[i] + tile - 1) / tile;
			image.append(i > 0 ? " x " : "").append(axes[i]);
			tiling.append(i > 0 ? " x " : "").append(tile);
		}
		long rows = z.getLong("NAXIS2", 0);
		if (rows != tiles) {
			throw new FitsException(what + " has NAXIS2 = " + rows + " table rows, but an image of ZNAXISn = " + image +
				" in tiles of ZTILEn = " + tiling + " makes " + tiles + " tiles");
		}
		long table = z.getLong("NAXIS1", 0) * rows;
		long theap = z.getLong("THEAP", table);
		if (theap < table || theap > h.dataBytes()) {
			throw new FitsException(what + " has an invalid THEAP (" + z.getString("THEAP") + "); the heap must start" +
				" after the " + table + " bytes of the table and within the " + h.dataBytes() + " bytes of data");
		}
		checkDescriptors(layout, h, table, theap);
	}

	private static final Pattern TFORM = Pattern.compile("\\s*(\\d*)\\s*([LXBIJKAEDCMPQ])\\s*([LXBIJKAEDCM]?).*");

	/**
	 * Every variable-length array (the compressed tiles) must lie inside the heap: nom-tam-fits allocates what a
	 * descriptor claims before reading it, so a damaged descriptor would make it allocate up to 2 GB per row.
	 */
	private static void checkDescriptors(FitsLayout layout, FitsLayout.Hdu h, long table, long theap) throws IOException {
		FitsHeader z = h.header();
		String what = layout.file + ": HDU " + h.label();
		long rowBytes = z.getLong("NAXIS1", 0);
		int rows = (int) z.getLong("NAXIS2", 0);
		long heap = h.dataBytes() - theap;
		if (table > Integer.MAX_VALUE - 8) {
			throw new FitsException(what + ": table of NAXIS1 x NAXIS2 = " + table + " bytes is too large");
		}
		ByteBuffer data = ByteBuffer.allocate((int) table);
		layout.readData(h, data, what + ": truncated table data");
		long offset = 0;
		for (int f = 1; f <= Math.min(999, z.getLong("TFIELDS", 0)); f++) {
			String form = z.getString("TFORM" + f);
			Matcher m = form == null ? null : TFORM.matcher(form);
			if (m == null || !m.matches() || m.group(1).length() > 9) {
				throw new FitsException(what + ": column " + f + " has an invalid TFORM" + f + " ('" + form + "')");
			}
			long repeat = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
			char type = m.group(2).charAt(0);
			int size = TableReader.elementBytes(type);
			if (type == 'P' || type == 'Q') {
				int element = TableReader.elementBytes(m.group(3).isEmpty() ? 'B' : m.group(3).charAt(0));
				for (int r = 0; r < rows && repeat > 0; r++) {
					long at = r * rowBytes + offset;
					if (at + size > table) {
						throw new FitsException(what + ": TFORM" + f + " = '" + form.trim() +
							"' does not fit in a row of NAXIS1 = " + rowBytes + " bytes");
					}
					long count = type == 'P' ? data.getInt((int) at) & 0xffffffffL : data.getLong((int) at);
					long start = type == 'P' ? data.getInt((int) at + 4) & 0xffffffffL : data.getLong((int) at + 8);
					if (count < 0 || start < 0 || count > heap || start > heap - count * element) {
						throw new FitsException(what + ": row " + (r + 1) + " of column " + f + " points at " + count +
							" elements from byte " + start + " of a heap of " + heap +
							" bytes (PCOUNT, THEAP); the tile table is damaged");
					}
				}
			}
			offset += type == 'X' ? (repeat + 7) / 8 : repeat * size;
		}
	}

	private static boolean hasColumn(FitsHeader z, String name) {
		for (int i = 1; i <= z.getLong("TFIELDS", 0); i++) {
			if (name.equalsIgnoreCase(z.getString("TTYPE" + i))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Runs nom-tam-fits on the HDU. Quantized float HDUs are handed over relabelled as 32-bit integer images, so that the
	 * quantized integers come back untouched and {@link Dequantizer} can restore values and nulls the way cfitsio does
	 * (nom-tam-fits 1.20 mishandles ZBLANK there). {@code columns} receives ZSCALE and ZZERO.
	 */
	private static Object decompress(FitsLayout layout, FitsLayout.Hdu h, boolean quantized, Object[] columns)
		throws IOException
	{
		Path file = layout.file;
		FitsHeader z = h.header();
		try (InputStream in = quantized ? relabelled(layout, h) : layout.stream(); Fits fits = new Fits(in)) {
			BasicHDU<?> b = fits.getHDU(quantized ? 1 : h.index());
			if (!(b instanceof CompressedImageHDU c)) {
				throw new FitsException(file + ": HDU " + h.label() + " could not be opened as a compressed image");
			}
			String prefix = quantized ? HIDDEN_PREFIX : "";
			int si = c.findColumn(prefix + "ZSCALE");
			int zi = c.findColumn(prefix + "ZZERO");
			if (si >= 0 && zi >= 0) {
				columns[0] = c.getData().getColumn(si);
				columns[1] = c.getData().getColumn(zi);
			}
			return c.asImageHDU().getKernel();
		}
		catch (FitsException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			throw new FitsException(file + ": cannot decompress HDU " + h.label() + " (" + z.getString("ZCMPTYPE") + "): " + e
				.getMessage(), e);
		}
	}

	/** An in-memory FITS stream: empty primary HDU + this HDU with ZBITPIX 32 and no quantization keywords. */
	private static InputStream relabelled(FitsLayout layout, FitsLayout.Hdu h) throws IOException {
		if (h.dataBytes() > Integer.MAX_VALUE - 3 * FitsLayout.BLOCK) {
			throw new FitsException(layout.file + ": compressed HDU " + h.label() + " is too large to decompress");
		}
		FitsHeader primary = new FitsHeader();
		primary.set("SIMPLE", true, null);
		primary.set("BITPIX", 8, null);
		primary.set("NAXIS", 0, null);
		primary.set("EXTEND", true, null);
		FitsHeader ext = new FitsHeader(h.header());
		ext.set("ZBITPIX", 32, null);
		for (String k : new String[] { "ZQUANTIZ", "ZDITHER0", "ZBLANK", "ZSCALE", "ZZERO", "BSCALE", "BZERO", "BLANK" }) {
			ext.remove(k);
		}
		// hide the quantization columns from nom-tam-fits, which would otherwise insist on de-quantizing
		for (int i = 1; i <= ext.getLong("TFIELDS", 0); i++) {
			String name = ext.getString("TTYPE" + i);
			if ("ZSCALE".equalsIgnoreCase(name) || "ZZERO".equalsIgnoreCase(name)) {
				ext.set("TTYPE" + i, HIDDEN_PREFIX + name.toUpperCase(Locale.ROOT), null);
			}
		}
		byte[] p = primary.toBlocks();
		byte[] e = ext.toBlocks();
		long padded = (h.dataBytes() + FitsLayout.BLOCK - 1) / FitsLayout.BLOCK * FitsLayout.BLOCK;
		byte[] all = new byte[(int) (p.length + e.length + padded)];
		System.arraycopy(p, 0, all, 0, p.length);
		System.arraycopy(e, 0, all, p.length, e.length);
		ByteBuffer data = ByteBuffer.wrap(all, p.length + e.length, (int) h.dataBytes());
		layout.readData(h, data, layout.file + ": truncated data in HDU " + h.label());
		return new ByteArrayInputStream(all);
	}

	private static void flattenInts(Object array, int[] out, long[] pos) {
		if (array instanceof int[] a) {
			int n = (int) Math.min(a.length, out.length - pos[0]);
			System.arraycopy(a, 0, out, (int) pos[0], Math.max(n, 0));
			pos[0] += a.length;
		}
		else if (array instanceof Object[] subs) {
			for (Object sub : subs) {
				flattenInts(sub, out, pos);
			}
		}
	}

	/** Copies the leaves of a nom-tam multi-dimensional array (storage order) into the planes. */
	private static void fill(Object array, float[][] planes, PixelDecoder dec, long[] pos) {
		Class<?> ct = array.getClass().getComponentType();
		if (ct == null) {
			return;
		}
		if (!ct.isPrimitive()) {
			for (Object sub : (Object[]) array) {
				fill(sub, planes, dec, pos);
			}
			return;
		}
		int n = Array.getLength(array);
		int planeSize = planes[0].length;
		for (int k = 0; k < n; k++) {
			long idx = pos[0]++;
			int p = (int) (idx / planeSize);
			if (p >= planes.length) {
				continue;
			}
			float v;
			if (array instanceof short[] a) {
				v = dec.value(a[k]);
			}
			else if (array instanceof int[] a) {
				v = dec.value(a[k]);
			}
			else if (array instanceof byte[] a) {
				v = dec.value(a[k] & 0xff);
			}
			else if (array instanceof long[] a) {
				v = dec.value(a[k]);
			}
			else if (array instanceof float[] a) {
				v = dec.value(a[k]);
			}
			else {
				v = dec.value(Array.getDouble(array, k));
			}
			planes[p][(int) (idx % planeSize)] = v;
		}
	}
}
