package org.astrobridge.robust;

import org.astrobridge.nn.StampSet;

/**
 * The geometry of one stamp: {@code height} FITS rows, {@code width} FITS columns and {@code bands} bands, stored
 * NHWC as in {@link StampSet}: index = (j * width + i) * bands + b (row j = 0 at the bottom).
 */
public record StampShape(int height, int width, int bands) {

	public StampShape {
		if (height < 1 || width < 1 || bands < 1)
			throw new IllegalArgumentException("stamp size must be positive, got " + width + "x" + height + "x" + bands + " (width x height x bands)");
	}

	public static StampShape of(StampSet set) {
		return new StampShape(set.height(), set.width(), set.bands());
	}

	/** Number of values in one stamp. */
	public int size() {
		return height * width * bands;
	}

	public int index(int column, int row, int band) {
		return (row * width + column) * bands + band;
	}

	/** A copy of stamp {@code k} of the set. */
	public static float[] stamp(StampSet set, int k) {
		if (k < 0 || k >= set.count()) throw new IndexOutOfBoundsException("stamp " + k + " does not exist: the set holds " + set.count());
		int n = set.stampSize();
		float[] out = new float[n];
		System.arraycopy(set.pixels(), k * n, out, 0, n);
		return out;
	}

	void requireMatches(float[] stamp) {
		if (stamp == null) throw new IllegalArgumentException("stamp pixels are missing");
		if (stamp.length != size())
			throw new IllegalArgumentException("stamp holds " + stamp.length + " values but " + width + "x" + height + "x" + bands + " needs " + size());
	}
}
