package org.astrobridge.nn;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A stack of equally sized multi-band image stamps with optional class labels, held in memory. Pixels are in NHWC
 * order: index = ((k * height + j) * width + i) * bands + b for stamp k, FITS row j, FITS column i and band b (rows in
 * FITS order, j = 0 at the bottom). A label of -1 marks an unlabelled stamp; a set with no labels at all passes
 * {@code labels == null}.
 */
public final class StampSet {

	public static final int UNLABELLED = -1;

	private final int count;
	private final int height;
	private final int width;
	private final int bands;
	private final float[] pixels;
	private final int[] labels;
	private final String[] classNames;
	private final String domain;
	private final String provenance;

	/**
	 * @param labels one per stamp (-1 = unlabelled), or null when no stamp is labelled
	 * @param classNames names of the classes the labels index; may be null only when labels is null
	 * @param domain short domain name such as "sim" or "sdss" (may be null)
	 * @param provenance where the stamps came from, e.g. file names (may be null)
	 */
	public StampSet(int count, int height, int width, int bands, float[] pixels, int[] labels, String[] classNames,
		String domain, String provenance)
	{
		if (count < 1) throw new IllegalArgumentException("a stamp set needs at least one stamp, got " + count);
		if (height < 1 || width < 1 || bands < 1) throw new IllegalArgumentException("stamp size must be positive, got " +
			width + "x" + height + "x" + bands + " (width x height x bands)");
		if (pixels == null) throw new IllegalArgumentException("stamp pixels are missing");
		long expected = (long) count * height * width * bands;
		if (pixels.length != expected) throw new IllegalArgumentException("pixel array holds " + pixels.length +
			" values but " + count + " stamps of " + width + "x" + height + "x" + bands + " need " + expected);
		if (labels != null) {
			if (labels.length != count) throw new IllegalArgumentException((labels.length < count ? "missing labels: "
				: "extra labels: ") + labels.length + " labels for " + count + " stamps");
			if (classNames == null || classNames.length < 1) throw new IllegalArgumentException(
				"labels are given but no class names");
			for (int k = 0; k < count; k++)
				if (labels[k] < UNLABELLED || labels[k] >= classNames.length) throw new IllegalArgumentException("label " +
					labels[k] + " of stamp " + k + " is out of range: expected -1 (unlabelled) or 0.." + (classNames.length - 1) +
					" " + Arrays.toString(classNames));
		}
		if (classNames != null) {
			for (int c = 0; c < classNames.length; c++)
				if (classNames[c] == null || classNames[c].isBlank()) throw new IllegalArgumentException("class name " + c +
					" is empty");
			Set<String> seen = new HashSet<>();
			for (String name : classNames)
				if (!seen.add(name)) throw new IllegalArgumentException("class name '" + name + "' is given twice (" +
					classNames.length + " class names)");
		}
		this.count = count;
		this.height = height;
		this.width = width;
		this.bands = bands;
		this.pixels = pixels;
		this.labels = labels;
		this.classNames = classNames == null ? null : classNames.clone();
		this.domain = domain;
		this.provenance = provenance;
	}

	/** An unlabelled set (for a target domain or for inference). */
	public static StampSet unlabelled(int count, int height, int width, int bands, float[] pixels, String domain,
		String provenance)
	{
		return new StampSet(count, height, width, bands, pixels, null, null, domain, provenance);
	}

	public int count() {
		return count;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	public int bands() {
		return bands;
	}

	public int stampSize() {
		return height * width * bands;
	}

	/** The backing array (not copied): callers must not modify it. */
	public float[] pixels() {
		return pixels;
	}

	/** The labels (not copied) or null. */
	public int[] labels() {
		return labels;
	}

	public String[] classNames() {
		return classNames == null ? null : classNames.clone();
	}

	public int classCount() {
		return classNames == null ? 0 : classNames.length;
	}

	public String domain() {
		return domain;
	}

	public String provenance() {
		return provenance;
	}

	public boolean hasLabels() {
		return labelledCount() > 0;
	}

	public int labelledCount() {
		if (labels == null) return 0;
		int n = 0;
		for (int l : labels)
			if (l >= 0) n++;
		return n;
	}

	public int label(int k) {
		return labels == null ? UNLABELLED : labels[k];
	}

	/** Copies the stamps at the given indices into a new set (same classes, domain and provenance). */
	public StampSet subset(int[] indices) {
		int s = stampSize();
		float[] px = new float[indices.length * s];
		int[] lb = labels == null ? null : new int[indices.length];
		for (int k = 0; k < indices.length; k++) {
			System.arraycopy(pixels, indices[k] * s, px, k * s, s);
			if (lb != null) lb[k] = labels[indices[k]];
		}
		return new StampSet(indices.length, height, width, bands, px, lb, classNames, domain, provenance);
	}

	/** Checks that another set has the same stamp geometry, naming both sets in the message. */
	public void requireSameGeometry(StampSet other, String thisName, String otherName) {
		if (other.height != height || other.width != width || other.bands != bands) throw new IllegalArgumentException(
			"stamps of different sizes: " + thisName + " has " + describeGeometry() + " but " + otherName + " has " + other
				.describeGeometry());
	}

	public String describeGeometry() {
		return width + "x" + height + " pixels x " + bands + (bands == 1 ? " band" : " bands");
	}

	/**
	 * The same stamps with labels re-expressed as indices of {@code classes}, matched by class name; stamps of classes
	 * not in {@code classes} become unlabelled (-1). An unlabelled set stays unlabelled.
	 */
	public StampSet relabelled(String[] classes) {
		if (labels == null) return new StampSet(count, height, width, bands, pixels, null, null, domain, provenance);
		java.util.List<String> target = Arrays.asList(classes);
		int[] mapped = new int[count];
		for (int k = 0; k < count; k++)
			mapped[k] = labels[k] < 0 ? UNLABELLED : target.indexOf(classNames[labels[k]]);
		return new StampSet(count, height, width, bands, pixels, mapped, classes, domain, provenance);
	}
}
