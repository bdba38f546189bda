package org.astrobridge.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.astrobridge.fits.FitsException;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsTable;
import org.astrobridge.nn.StampSet;

/**
 * Reads stamps in the project's input formats (the ones the simulator writes):
 * <ul>
 * <li>a FITS stamp stack (NAXIS3 = stamps, NAXIS4 = bands) with labels from a CSV
 * ({@code index,label[,class_name,...]}), a FITS binary table, or the stack's own {@code LABELS} HDU;</li>
 * <li>a folder per class ({@code <root>/<class_name>/<id>.fits}, classes in alphabetical order);</li>
 * <li>a flat folder of stamp files (unlabelled, e.g. a target domain).</li>
 * </ul>
 */
public final class StampSetLoader {

	private StampSetLoader() {}

	/** Files in a folder that could not be read, each with its reason; the rest were loaded. */
	public record Skipped(Path file, String reason) {}

	/**
	 * A loaded set, the files that were skipped, and the pixel scale in arcsec (from a {@code PIXSCALE} keyword or the
	 * WCS; NaN when the files do not say).
	 */
	public record Loaded(StampSet stamps, List<Skipped> skipped, double pixelScaleArcsec) {}

	/**
	 * @param source a stamp-stack FITS file or a folder
	 * @param labels a CSV or FITS label table for a stack, or null (then the stack's LABELS HDU if any)
	 * @param domain a short domain name recorded with the set, may be null
	 */
	public static Loaded load(Path source, Path labels, String domain) throws IOException {
		if (!Files.exists(source)) throw new FitsException(source + ": no such file or folder");
		if (Files.isDirectory(source)) {
			if (labels != null) throw new FitsException(source + ": a folder carries its labels in sub-folder names; " +
				"do not also give a label file (" + labels + ")");
			return loadFolder(source, domain);
		}
		FitsImage image = FitsReader.readImage(source, null);
		LabelTable table = labels != null ? null : LabelTable.fromStack(source, stampCount(source, image));
		return new Loaded(loadStack(source.toString(), image, labels, table, domain), List.of(), pixelScale(image));
	}

	/**
	 * Stamps from an image already in memory (e.g. an ImageJ stack: slices = stamps, channels = bands), with labels from
	 * a CSV or FITS table, or none.
	 */
	public static Loaded fromImage(FitsImage image, String name, Path labels, String domain) throws IOException {
		return new Loaded(loadStack(name, image, labels, null, domain), List.of(), pixelScale(image));
	}

	private static int stampCount(Path file, FitsImage image) throws FitsException {
		int[] extra = image.extraAxes();
		if (extra.length > 2) throw new FitsException(file + ": a stamp stack has at most 4 axes (x, y, stamp, band), " +
			"this image has " + (extra.length + 2));
		return extra.length > 0 ? extra[0] : 1;
	}

	private static double pixelScale(FitsImage image) {
		double scale = image.header().getDouble("PIXSCALE", Double.NaN);
		if (Double.isNaN(scale) && image.wcs() != null) scale = image.wcs().pixelScaleArcsec();
		return scale;
	}

	/** @param ownLabels labels that came with the stack itself, used when no label file is given */
	private static StampSet loadStack(String file, FitsImage image, Path labelFile, LabelTable ownLabels, String domain)
		throws IOException
	{
		int count = stampCount(Path.of(file), image);
		int[] extra = image.extraAxes();
		int bands = extra.length > 1 ? extra[1] : 1;
		float[] pixels = interleave(image, count, bands);
		LabelTable table = labelFile != null ? LabelTable.read(labelFile, count) : ownLabels;
		if (table == null) {
			return StampSet.unlabelled(count, image.height(), image.width(), bands, pixels, domain, file);
		}
		String source = file + (labelFile == null ? "" : " + " + labelFile);
		try {
			return new StampSet(count, image.height(), image.width(), bands, pixels, table.labels(), table.classNames(),
				domain, source);
		}
		catch (IllegalArgumentException e) { // labels or class names that a damaged table can hold
			throw new IOException(source + ": " + e.getMessage(), e);
		}
	}

	/** FITS planes (stamp fastest, then band) to NHWC. */
	private static float[] interleave(FitsImage image, int count, int bands) {
		int w = image.width();
		int h = image.height();
		int stamp = w * h * bands;
		float[] out = new float[count * stamp];
		for (int b = 0; b < bands; b++) {
			for (int k = 0; k < count; k++) {
				float[] plane = image.plane(k + count * b);
				int base = k * stamp + b;
				for (int p = 0; p < w * h; p++)
					out[base + p * bands] = plane[p];
			}
		}
		return out;
	}

	private static Loaded loadFolder(Path root, String domain) throws IOException {
		List<Path> classDirs = new ArrayList<>();
		try (Stream<Path> s = Files.list(root)) {
			s.filter(Files::isDirectory).sorted().forEach(classDirs::add);
		}
		List<Skipped> skipped = new ArrayList<>();
		List<FitsImage> stamps = new ArrayList<>();
		List<Integer> labels = new ArrayList<>();
		List<String> names = new ArrayList<>();
		if (classDirs.isEmpty()) {
			readAll(fitsFiles(root), stamps, labels, -1, skipped);
		}
		else {
			for (Path dir : classDirs) {
				int before = stamps.size();
				readAll(fitsFiles(dir), stamps, labels, names.size(), skipped);
				if (stamps.size() > before) names.add(dir.getFileName().toString());
				else skipped.add(new Skipped(dir, "class folder holds no readable FITS stamp"));
			}
		}
		if (stamps.isEmpty()) throw new FitsException(root + ": no readable FITS stamps found" + (skipped.isEmpty() ? ""
			: " (" + skipped.size() + " files failed, first: " + skipped.get(0).reason() + ")"));
		FitsImage first = stamps.get(0);
		int bands = first.extraAxes().length > 0 ? first.extraAxes()[0] : 1;
		int stampSize = first.width() * first.height() * bands;
		float[] pixels = new float[stamps.size() * stampSize];
		List<Integer> kept = new ArrayList<>();
		int n = 0;
		for (int k = 0; k < stamps.size(); k++) {
			FitsImage s = stamps.get(k);
			int sb = s.extraAxes().length > 0 ? s.extraAxes()[0] : 1;
			if (s.width() != first.width() || s.height() != first.height() || sb != bands || s.extraAxes().length > 1) {
				skipped.add(new Skipped(Path.of(s.source() == null ? "?" : s.source()), "stamp is " + s.width() + "x" + s
					.height() + "x" + sb + " but the first stamp (" + first.source() + ") is " + first.width() + "x" + first
						.height() + "x" + bands));
				continue;
			}
			for (int b = 0; b < bands; b++) {
				float[] plane = s.plane(b);
				int base = n * stampSize + b;
				for (int p = 0; p < plane.length; p++)
					pixels[base + p * bands] = plane[p];
			}
			kept.add(labels.get(k));
			n++;
		}
		float[] used = n == stamps.size() ? pixels : Arrays.copyOf(pixels, n * stampSize);
		String provenance = root.toString();
		if (names.isEmpty()) {
			return new Loaded(StampSet.unlabelled(n, first.height(), first.width(), bands, used, domain, provenance), skipped,
				pixelScale(first));
		}
		int[] labelArray = kept.stream().mapToInt(Integer::intValue).toArray();
		return new Loaded(new StampSet(n, first.height(), first.width(), bands, used, labelArray, names.toArray(
			new String[0]), domain, provenance), skipped, pixelScale(first));
	}

	private static List<Path> fitsFiles(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isRegularFile).filter(StampSetLoader::isFitsName).sorted().toList();
		}
	}

	static boolean isFitsName(Path p) {
		String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts") || n.endsWith(".fz") || n.endsWith(
			".fits.gz") || n.endsWith(".fit.gz") || n.endsWith(".fts.gz");
	}

	private static void readAll(List<Path> files, List<FitsImage> into, List<Integer> labels, int label,
		List<Skipped> skipped)
	{
		for (Path f : files) {
			try {
				into.add(FitsReader.readImage(f, null));
				labels.add(label);
			}
			catch (IOException | RuntimeException e) {
				skipped.add(new Skipped(f, e.getMessage()));
			}
		}
	}

	/** Labels by stamp index with their class names, validated against the stack. */
	record LabelTable(int[] labels, String[] classNames) {
		static final int MAX_CLASSES = 10_000;

		static LabelTable read(Path file, int count) throws IOException {
			if (!Files.exists(file)) throw new FitsException(file + ": label file not found");
			String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
			if (name.endsWith(".csv")) return fromCsv(file, count);
			return fromTable(file, FitsReader.readTable(file, null), count);
		}

		static LabelTable fromStack(Path stack, int count) throws IOException {
			boolean hasLabels = FitsReader.list(stack).stream().anyMatch(h -> "LABELS".equalsIgnoreCase(h.extname()));
			return hasLabels ? fromTable(stack, FitsReader.readTable(stack, "LABELS"), count) : null;
		}

		static LabelTable fromTable(Path file, FitsTable t, int count) throws FitsException {
			List<String> cols = t.columnNames().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
			if (!cols.contains("index") || !cols.contains("label")) {
				throw new FitsException(file + ": label table needs columns 'index' and 'label', has " + t.columnNames());
			}
			int[] index = ints(t, column(t, "index"));
			int[] label = ints(t, column(t, "label"));
			String[] names = cols.contains("class_name") ? t.stringColumn(column(t, "class_name")) : null;
			return build(file, index, label, names, count);
		}

		private static String column(FitsTable t, String lower) {
			return t.columnNames().stream().filter(c -> c.equalsIgnoreCase(lower)).findFirst().orElseThrow();
		}

		private static int[] ints(FitsTable t, String name) {
			try {
				return t.intColumn(name);
			} catch (RuntimeException notInt) {
				return Arrays.stream(t.doubleColumn(name)).mapToInt(v -> (int) Math.round(v)).toArray();
			}
		}

		static LabelTable fromCsv(Path file, int count) throws IOException {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			if (lines.isEmpty()) throw new FitsException(file + ": label file is empty");
			List<String> header = Arrays.stream(lines.get(0).split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
			int ci = header.indexOf("index");
			int cl = header.indexOf("label");
			int cn = header.indexOf("class_name");
			if (ci < 0 || cl < 0) throw new FitsException(file + ": the first line must name the columns, with at least "
				+ "'index,label' (optionally 'class_name'); found '" + lines.get(0) + "'");
			List<int[]> rows = new ArrayList<>();
			List<String> names = new ArrayList<>();
			for (int r = 1; r < lines.size(); r++) {
				String line = lines.get(r);
				if (line.isBlank()) continue;
				String[] f = line.split(",", -1);
				if (f.length <= Math.max(ci, Math.max(cl, cn))) {
					throw new FitsException(file + ": line " + (r + 1) + " has " + f.length + " fields, expected " + header.size());
				}
				try {
					rows.add(new int[] { Integer.parseInt(f[ci].trim()), Integer.parseInt(f[cl].trim()) });
				} catch (NumberFormatException e) {
					throw new FitsException(file + ": line " + (r + 1) + ": index and label must be integers: '" + line + "'");
				}
				if (cn >= 0) names.add(f[cn].trim());
			}
			int[] index = rows.stream().mapToInt(v -> v[0]).toArray();
			int[] label = rows.stream().mapToInt(v -> v[1]).toArray();
			return build(file, index, label, cn >= 0 ? names.toArray(new String[0]) : null, count);
		}

		private static LabelTable build(Path file, int[] index, int[] label, String[] names, int count) throws FitsException {
			int[] byStamp = new int[count];
			Arrays.fill(byStamp, Integer.MIN_VALUE);
			TreeMap<Integer, String> classes = new TreeMap<>();
			for (int r = 0; r < index.length; r++) {
				int k = index[r];
				if (k < 0 || k >= count) throw new FitsException(file + ": label row for index " + k
					+ " but the stack holds " + count + " stamps (indices 0.." + (count - 1) + ")");
				if (byStamp[k] != Integer.MIN_VALUE) throw new FitsException(file + ": index " + k + " is labelled twice");
				byStamp[k] = label[r];
				if (label[r] < -1) throw new FitsException(file + ": label " + label[r] + " of index " + k
					+ " is negative (use -1 for unlabelled)");
				// labels number the classes 0..n-1; a damaged value would otherwise make millions of class names
				if (label[r] >= MAX_CLASSES) throw new FitsException(file + ": label " + label[r] + " of index " + k
					+ " is beyond the " + MAX_CLASSES + " classes a label file may number (labels are 0..n-1)");
				if (label[r] >= 0) {
					String name = names == null ? "class" + label[r] : names[r];
					String previous = classes.putIfAbsent(label[r], name);
					if (previous != null && !previous.equals(name)) throw new FitsException(file + ": label " + label[r]
						+ " is called both '" + previous + "' and '" + name + "'");
				}
			}
			List<Integer> missing = new ArrayList<>();
			for (int k = 0; k < count && missing.size() < 10; k++) if (byStamp[k] == Integer.MIN_VALUE) missing.add(k);
			if (!missing.isEmpty()) throw new FitsException(file + ": no label for stamp(s) " + missing
				+ (missing.size() == 10 ? " and more" : "") + "; give -1 for unlabelled stamps");
			if (classes.isEmpty()) throw new FitsException(file + ": every stamp is unlabelled (-1)");
			int nClasses = classes.lastKey() + 1;
			String[] classNames = new String[nClasses];
			for (int c = 0; c < nClasses; c++) classNames[c] = classes.getOrDefault(c, "class" + c);
			return new LabelTable(byStamp, classNames);
		}
	}
}
