package org.astrobridge.detect;

/** Bits of {@link DetectedObject#flags()}. */
public final class ObjectFlags {

	/** A footprint pixel lies on the first or last row or column of the image. */
	public static final int EDGE = 1;
	/** The object was split from a blend by the deblender. */
	public static final int BLENDED = 2;
	/** A footprint pixel's raw value is at or above the saturation level. */
	public static final int SATURATED = 4;
	/** A masked (NaN) pixel lies in the footprint or touches it (8-connected). */
	public static final int NAN = 8;
	/**
	 * The object's footprint was larger than the largest window tiled processing allows; it was measured on the truncated
	 * part (only in tiled mode; raise tileSize or tileMargin).
	 */
	public static final int TRUNCATED = 16;

	private ObjectFlags() {}

	/** Names of the set bits, joined by '+', or "" when none are set. */
	public static String describe(int flags) {
		StringBuilder sb = new StringBuilder();
		String[] names = { "edge", "blended", "saturated", "nan", "truncated" };
		for (int b = 0; b < names.length; b++) {
			if ((flags & (1 << b)) != 0) {
				sb.append(sb.length() == 0 ? "" : "+").append(names[b]);
			}
		}
		return sb.toString();
	}
}
