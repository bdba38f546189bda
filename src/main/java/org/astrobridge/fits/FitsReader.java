package org.astrobridge.fits;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.astrobridge.fits.wcs.LookupTable;

/**
 * Reads images and binary tables from FITS files (.fits .fit .fts .fz, and any of them gzip-compressed as a whole).
 * <p>
 * HDU selection: null or "" = the first HDU holding an image; "2" = HDU index (0 = primary); "SCI" = the first HDU with
 * that EXTNAME; "SCI,2" = EXTNAME and EXTVER. Brackets are allowed ("[SCI,2]").
 */
public final class FitsReader {

	private FitsReader() {}

	/** Every HDU of the file. */
	public static List<HduInfo> list(Path file) throws IOException {
		FitsLayout layout = FitsLayout.scan(file);
		List<HduInfo> out = new ArrayList<>();
		for (FitsLayout.Hdu h : layout.hdus) {
			out.add(info(layout, h));
		}
		return out;
	}

	/** The header of the first HDU, without reading any data. */
	public static FitsHeader primaryHeader(Path file) throws IOException {
		return FitsLayout.scan(file).hdus.get(0).header();
	}

	/** The human-readable listing that {@code astrobridge fits-info FILE} prints. */
	public static String describe(Path file) throws IOException {
		List<HduInfo> infos = list(file);
		StringBuilder sb = new StringBuilder();
		sb.append(file).append(": ").append(infos.size()).append(infos.size() == 1 ? " HDU\n" : " HDUs\n");
		sb.append(String.format(Locale.ROOT, "%3s  %-20s %-16s %6s  %-22s %s%n", "#", "EXTNAME,VER", "TYPE", "BITPIX",
			"SHAPE (NAXIS1 x ...)", "WCS"));
		for (HduInfo i : infos) {
			StringJoiner shape = new StringJoiner(" x ");
			for (int n : i.shape()) {
				shape.add(Integer.toString(n));
			}
			String name = i.extname() == null ? "-" : i.extname() + "," + i.extver();
			sb.append(String.format(Locale.ROOT, "%3d  %-20s %-16s %6d  %-22s %s%n", i.index(), name, i.type(), i.bitpix(), i
				.shape().length == 0 ? "-" : shape.toString(), i.wcsSummary() == null ? "-" : i.wcsSummary()));
		}
		return sb.toString();
	}

	/** Reads an image HDU as float32 physical values (see the class comment for {@code hdu}). */
	public static FitsImage readImage(Path file, String hdu) throws IOException {
		FitsLayout layout = FitsLayout.scan(file);
		FitsLayout.Hdu h = select(layout, hdu, true);
		try {
			return readImage(layout, h);
		}
		catch (OutOfMemoryError e) {
			// the sizes were checked against the free heap before reading; this is a failure of this file only
			throw outOfMemory(layout, h, e);
		}
	}

	private static FitsImage readImage(FitsLayout layout, FitsLayout.Hdu h) throws IOException {
		Path file = layout.file;
		String source = file.getFileName() + "[" + (h.extname() != null && h.index() > 0 ? h.extname() + "," + h.extver()
			: Integer.toString(h.index())) + "]";
		switch (h.kind()) {
			case IMAGE -> {
				return withTables(layout, h, readPlain(layout, h, source));
			}
			case COMPRESSED_IMAGE -> {
				return withTables(layout, h, CompressedImageReader.read(layout, h, source));
			}
			case EMPTY -> throw new FitsException(file + ": HDU " + h.label() + " holds no data");
			case RANDOM_GROUPS -> throw new FitsException(file + ": HDU " + h.label() +
				" is in the random groups format, which cannot be read as an image");
			case BINTABLE, TABLE -> throw new FitsException(file + ": HDU " + h.label() + " is a " + (h
				.kind() == FitsLayout.Kind.TABLE ? "ASCII" : "binary") + " table, not an image");
			default -> throw new FitsException(file + ": HDU " + h.label() + " is a " + h.header().getString("XTENSION") +
				" extension, not an image");
		}
	}

	/**
	 * The celestial WCS of an HDU's header (of any HDU, with or without data), with the lookup tables of its
	 * CPDIS/D2IMDIS distortions read from the file's other HDUs.
	 */
	public static WcsResult readWcs(Path file, String hdu) throws IOException {
		FitsLayout layout = FitsLayout.scan(file);
		String s = hdu == null || hdu.isBlank() ? "0" : hdu;
		return wcsOf(layout, select(layout, s, true));
	}

	private static FitsImage withTables(FitsLayout layout, FitsLayout.Hdu h, FitsImage image) {
		FitsHeader hdr = image.header();
		if (hdr.containsAny("CPDIS1", "CPDIS2", "D2IMDIS1", "D2IMDIS2")) {
			image.withWcs(wcsOf(layout, h));
		}
		return image;
	}

	private static WcsResult wcsOf(FitsLayout layout, FitsLayout.Hdu h) {
		FitsHeader hdr = h.kind() == FitsLayout.Kind.COMPRESSED_IMAGE ? CompressedImageReader.imageHeader(h.header()) : h
			.header();
		return Wcs.read(hdr, (extname, extver) -> lookupTable(layout, extname, extver));
	}

	/** The distortion table in the image HDU with this EXTNAME and EXTVER; null if there is none. */
	private static LookupTable lookupTable(FitsLayout layout, String extname, int extver) throws IOException {
		for (FitsLayout.Hdu h : layout.hdus) {
			if (h.kind() == FitsLayout.Kind.IMAGE && extname.equalsIgnoreCase(h.extname()) && h.extver() == extver) {
				FitsImage t = readPlain(layout, h, null);
				FitsHeader th = h.header();
				return new LookupTable(t.plane(0), t.width(), t.height(), new double[] { th.getDouble("CRPIX1", 0.0), th
					.getDouble("CRPIX2", 0.0) }, new double[] { th.getDouble("CRVAL1", 0.0), th.getDouble("CRVAL2", 0.0) },
					new double[] { th.getDouble("CDELT1", 1.0), th.getDouble("CDELT2", 1.0) });
			}
		}
		return null;
	}

	/** Reads a binary table HDU (the first one when {@code hdu} is null or empty). */
	public static FitsTable readTable(Path file, String hdu) throws IOException {
		FitsLayout layout = FitsLayout.scan(file);
		FitsLayout.Hdu h = select(layout, hdu, false);
		if (h.kind() != FitsLayout.Kind.BINTABLE) {
			throw new FitsException(file + ": HDU " + h.label() + " is not a binary table (it is " + info(layout, h).type() +
				")");
		}
		try {
			return TableReader.read(layout, h);
		}
		catch (OutOfMemoryError e) {
			throw outOfMemory(layout, h, e);
		}
	}

	/** The one-line report of a read that ran out of Java heap: what the file needed and what there was. */
	private static FitsException outOfMemory(FitsLayout layout, FitsLayout.Hdu h, OutOfMemoryError e) {
		boolean compressed = h.kind() == FitsLayout.Kind.COMPRESSED_IMAGE;
		long needed = h.dataBytes();
		if (h.kind() == FitsLayout.Kind.IMAGE || compressed) {
			long pixels = 1;
			for (int n : shapeOf(h.header(), compressed ? "Z" : "")) {
				pixels *= Math.max(n, 1);
			}
			needed = pixels * (compressed ? 4 + 8 : 4) + h.dataBytes();
		}
		return new FitsException(layout.file + ": HDU " + h.label() + " needs about " + (needed >> 20) +
			" MB of Java heap to read, more than the " + (Runtime.getRuntime().maxMemory() >> 20) + " MB available (" + e
				.getMessage() + "; raise -Xmx)");
	}

	// ---- selection ------------------------------------------------------------------------------------------

	private static FitsLayout.Hdu select(FitsLayout layout, String spec, boolean image) throws FitsException {
		Path file = layout.file;
		String s = spec == null ? "" : spec.trim();
		if (s.startsWith("[") && s.endsWith("]")) {
			s = s.substring(1, s.length() - 1).trim();
		}
		if (s.isEmpty()) {
			for (FitsLayout.Hdu h : layout.hdus) {
				boolean ok = image ? (h.kind() == FitsLayout.Kind.IMAGE || h.kind() == FitsLayout.Kind.COMPRESSED_IMAGE) : h
					.kind() == FitsLayout.Kind.BINTABLE;
				if (ok && h.dataBytes() > 0) {
					return h;
				}
			}
			throw new FitsException(file + ": no " + (image ? "image" : "binary table") + " HDU with data (HDUs: " + summary(
				layout) + ")");
		}
		if (s.chars().allMatch(Character::isDigit)) {
			int index;
			try {
				index = Integer.parseInt(s);
			}
			catch (NumberFormatException e) {
				index = Integer.MAX_VALUE;
			}
			if (index >= layout.hdus.size()) {
				throw new FitsException(file + ": there is no HDU " + s + "; the file has " + layout.hdus.size() +
					" HDU(s), numbered 0 to " + (layout.hdus.size() - 1));
			}
			return layout.hdus.get(index);
		}
		String name = s;
		Integer ver = null;
		int comma = s.lastIndexOf(',');
		if (comma > 0) {
			name = s.substring(0, comma).trim();
			try {
				ver = Integer.parseInt(s.substring(comma + 1).trim());
			}
			catch (NumberFormatException e) {
				throw new FitsException(file + ": bad HDU selector '" + spec + "' (expected NAME or NAME,VERSION)");
			}
		}
		for (FitsLayout.Hdu h : layout.hdus) {
			String n = h.extname();
			if (n != null && n.equalsIgnoreCase(name) && (ver == null || h.extver() == ver)) {
				return h;
			}
		}
		throw new FitsException(file + ": no HDU named '" + s + "' (HDUs: " + summary(layout) + ")");
	}

	private static String summary(FitsLayout layout) {
		StringJoiner j = new StringJoiner(", ");
		for (FitsLayout.Hdu h : layout.hdus) {
			j.add(h.label() + " " + h.kind().name());
		}
		return j.toString();
	}

	// ---- images ---------------------------------------------------------------------------------------------

	/** Image axes NAXIS1..n of an uncompressed image or (Z-keywords) a compressed one. */
	static int[] axes(FitsHeader h, String prefix, Path file, String label) throws FitsException {
		long declared = h.getLong(prefix + "NAXIS", 0);
		// keywords end at 8 characters: NAXIS999 and ZNAXIS99 are the last axes a header can declare
		if (declared < 0 || declared > (prefix.isEmpty() ? 999 : 99)) {
			throw new FitsException(file + ": HDU " + label + " has an invalid " + prefix + "NAXIS (" + declared + ")");
		}
		int naxis = (int) declared;
		int[] axes = new int[naxis];
		for (int i = 0; i < naxis; i++) {
			long n = h.getLong(prefix + "NAXIS" + (i + 1), -1);
			if (n < 0 || n > Integer.MAX_VALUE) {
				throw new FitsException(file + ": HDU " + label + " has an invalid " + prefix + "NAXIS" + (i + 1));
			}
			axes[i] = (int) n;
		}
		return axes;
	}

	/** Allocates the planes for the given axes, after checking the size makes sense and fits in memory. */
	static float[][] allocate(int[] axes, Path file, String label) throws FitsException {
		return allocate(axes, "", 0, file, label);
	}

	/**
	 * As {@link #allocate(int[], Path, String)}, for axes declared by {@code prefix}NAXISn, where the read needs
	 * {@code extraBytesPerPixel} more bytes per pixel beside the float planes while it runs (a decompressor's copy).
	 */
	static float[][] allocate(int[] axes, String prefix, int extraBytesPerPixel, Path file, String label)
		throws FitsException
	{
		if (axes.length == 0 || Arrays.stream(axes).anyMatch(n -> n == 0)) {
			throw new FitsException(file + ": HDU " + label + " holds no pixels");
		}
		long plane = (long) axes[0] * (axes.length > 1 ? axes[1] : 1);
		long planes = 1;
		for (int i = 2; i < axes.length; i++) {
			planes *= axes[i];
		}
		StringJoiner keys = new StringJoiner(" x ");
		StringJoiner sizes = new StringJoiner(" x ");
		for (int i = 0; i < axes.length; i++) {
			keys.add(prefix + "NAXIS" + (i + 1));
			sizes.add(Integer.toString(axes[i]));
		}
		String declared = keys + " = " + sizes;
		if (plane > Integer.MAX_VALUE - 8) {
			throw new FitsException(file + ": HDU " + label + " declares " + declared + ": " + plane +
				" pixels per plane, more than one Java array can hold");
		}
		long bytes = (4L + extraBytesPerPixel) * plane * planes;
		Runtime rt = Runtime.getRuntime();
		long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		if (bytes > free) {
			throw new FitsException(file + ": HDU " + label + " declares " + declared + ", which needs " + (bytes >> 20) +
				" MB to read but only " + (free >> 20) + " MB of Java heap are free (raise -Xmx if the file is right)");
		}
		float[][] out = new float[(int) planes][];
		for (int p = 0; p < planes; p++) {
			out[p] = new float[(int) plane];
		}
		return out;
	}

	static int[] extraAxes(int[] axes) {
		return Arrays.stream(axes, Math.min(2, axes.length), axes.length).filter(n -> n != 1).toArray();
	}

	private static FitsImage readPlain(FitsLayout layout, FitsLayout.Hdu h, String source) throws IOException {
		FitsHeader hdr = h.header();
		int[] axes = axes(hdr, "", layout.file, h.label());
		float[][] planes = allocate(axes, layout.file, h.label());
		PixelDecoder dec = new PixelDecoder((int) hdr.getLong("BITPIX", 0), hdr.getDouble("BSCALE", 1.0), hdr.getDouble(
			"BZERO", 0.0), hdr.contains("BLANK"), hdr.getLong("BLANK", 0));
		try (ReadableByteChannel ch = layout.dataChannel(h)) {
			if (ch instanceof FileChannel fc) {
				dec.read(fc, h.dataStart(), planes, layout.file + " HDU " + h.label());
			}
			else {
				dec.read(ch, planes, layout.file + " HDU " + h.label());
			}
		}
		return new FitsImage(axes[0], axes.length > 1 ? axes[1] : 1, extraAxes(axes), planes, hdr, source);
	}

	/** NAXISn (or ZNAXISn) as declared, clamped to what an int holds; for listings and messages only. */
	private static int[] shapeOf(FitsHeader hdr, String prefix) {
		int naxis = (int) Math.max(0, Math.min(prefix.isEmpty() ? 999 : 99, hdr.getLong(prefix + "NAXIS", 0)));
		int[] shape = new int[naxis];
		for (int i = 0; i < naxis; i++) {
			shape[i] = (int) Math.max(0, Math.min(Integer.MAX_VALUE, hdr.getLong(prefix + "NAXIS" + (i + 1), 0)));
		}
		return shape;
	}

	// ---- listing --------------------------------------------------------------------------------------------

	private static HduInfo info(FitsLayout layout, FitsLayout.Hdu h) {
		FitsHeader hdr = h.header();
		boolean compressed = h.kind() == FitsLayout.Kind.COMPRESSED_IMAGE;
		String prefix = compressed ? "Z" : "";
		int[] shape = shapeOf(hdr, prefix);
		String type = h.kind() == FitsLayout.Kind.OTHER ? String.valueOf(hdr.getString("XTENSION")).trim() : h.kind()
			.name();
		String wcs = null;
		if (h.kind() == FitsLayout.Kind.IMAGE || compressed || hdr.contains("CTYPE1")) {
			WcsResult r = wcsOf(layout, h);
			Wcs w = r.wcs();
			if (r.isRefused()) {
				wcs = "refused: " + r.refusal();
			}
			else if (w != null && shape.length >= 2) {
				double[] c = w.pixelToSky((shape[0] - 1) / 2.0, (shape[1] - 1) / 2.0);
				wcs = String.format(Locale.ROOT, "%s, %.2f arcsec/px, centre RA %.2f Dec %.2f", w.description(), w
					.pixelScaleArcsec(), c[0], c[1]);
			}
			else if (w != null) {
				wcs = String.format(Locale.ROOT, "%s, %.2f arcsec/px", w.description(), w.pixelScaleArcsec());
			}
		}
		return new HduInfo(h.index(), h.extname(), h.extver(), type, (int) hdr.getLong(prefix + "BITPIX", 0), shape, wcs);
	}
}
