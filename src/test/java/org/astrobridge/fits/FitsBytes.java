package org.astrobridge.fits;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Edits the header cards of a FITS file held in memory, the way a damaged or hand-edited file would look. */
final class FitsBytes {

	private FitsBytes() {}

	/** Offset of the first card with this keyword (searching header blocks of every HDU), or -1. */
	static int findCard(byte[] fits, String key) {
		return findCard(fits, key, 0);
	}

	static int findCard(byte[] fits, String key, int from) {
		String k = String.format(Locale.ROOT, "%-8s", key);
		for (int off = from - from % 80; off + 80 <= fits.length; off += 80) {
			if (new String(fits, off, 8, StandardCharsets.US_ASCII).equals(k)) {
				return off;
			}
		}
		return -1;
	}

	/** A copy with the value of the first card {@code key} replaced by {@code value} (written as given). */
	static byte[] setValue(byte[] fits, String key, String value) {
		int off = findCard(fits, key);
		if (off < 0) {
			throw new IllegalArgumentException("no card " + key);
		}
		byte[] out = fits.clone();
		putCard(out, off, valueCard(key, value));
		return out;
	}

	/** The card {@code KEY = value}, the value written as given, right-aligned in columns 11-30. */
	static String valueCard(String key, String value) {
		return String.format(Locale.ROOT, "%-8s= %20s", key, value);
	}

	/** Writes an 80-character card (padded with blanks) at {@code off}. */
	static void putCard(byte[] fits, int off, String card) {
		String c = String.format(Locale.ROOT, "%-80s", card).substring(0, 80);
		System.arraycopy(c.getBytes(StandardCharsets.US_ASCII), 0, fits, off, Math.max(0, Math.min(80, fits.length - off)));
	}
}
