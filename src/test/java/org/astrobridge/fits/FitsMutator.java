package org.astrobridge.fits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Damages a real FITS file the ways files get damaged: byte flips, truncations, header cards edited within the FITS
 * grammar (absurd NAXISn, BITPIX, tile keywords, TFORMs, heap pointers), a missing END, blocks lost or doubled, and
 * gzip streams cut short.
 */
final class FitsMutator {

	/** Keywords that decide sizes, types and layout: the ones worth lying about. */
	private static final List<String> KEYS = List.of("SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "NAXIS3", "EXTEND",
		"XTENSION", "PCOUNT", "GCOUNT", "THEAP", "TFIELDS", "TFORM1", "TFORM2", "TFORM3", "TTYPE1", "ZIMAGE", "ZBITPIX",
		"ZNAXIS", "ZNAXIS1", "ZNAXIS2", "ZTILE1", "ZTILE2", "ZCMPTYPE", "ZQUANTIZ", "ZVAL1", "ZVAL2", "ZNAME1", "ZBLANK",
		"ZDITHER0", "BSCALE", "BZERO", "BLANK", "GROUPS", "EXTNAME", "CTYPE1", "CTYPE2", "CRPIX1", "CDELT1", "CD1_1",
		"PC1_1", "CRVAL2", "A_ORDER", "PV2_1", "LONPOLE", "NAXIS4");
	private static final List<String> VALUES = List.of("0", "-1", "1", "2", "3", "7", "100000", "2147483647",
		"2147483648", "-2147483648", "9223372036854775807", "99999999999999999999999", "1.5", "-32", "-64", "64", "16", "T",
		"F", "'IMAGE   '", "'BINTABLE'", "'RICE_1  '", "'GZIP_2  '", "'HCOMPRESS_1'", "'PLIO_1  '", "'FOO     '",
		"'1PB(999999999)'", "'1QB     '", "'2147483647E'", "'0A      '", "'1X'", "'1PE(5) '", "'RA---TAN'", "'RA---ZPN'",
		"'DEC--TPV'", "NaN", "1E308", "-1E308", "'     '", "''", "'SUBTRACTIVE_DITHER_2'", "( 1.0, 2.0)", "=");

	private final SplittableRandom random;

	FitsMutator(long seed) {
		random = new SplittableRandom(seed);
	}

	/** One damaged variant; {@code how} receives a short description of the damage. */
	byte[] mutate(byte[] original, boolean gzipped, StringBuilder how) {
		byte[] b = original;
		int steps = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
		for (int s = 0; s < steps; s++) {
			b = once(b, how);
		}
		if (gzipped) {
			b = gzip(b);
			if (random.nextInt(3) == 0) {
				int cut = random.nextInt(b.length);
				how.append(" gzip cut at ").append(cut);
				b = Arrays.copyOf(b, cut);
			}
			else if (random.nextInt(4) == 0) {
				int at = random.nextInt(b.length);
				how.append(" gzip byte ").append(at).append(" flipped");
				b[at] ^= (byte) (1 << random.nextInt(8));
			}
		}
		return b;
	}

	private byte[] once(byte[] b, StringBuilder how) {
		if (b.length == 0) { // an earlier step truncated everything: an empty file is itself a case, keep it
			how.append(" (empty)");
			return b;
		}
		switch (random.nextInt(8)) {
			case 0, 1, 2 -> {
				return editCard(b, how);
			}
			case 3 -> {
				b = b.clone();
				int n = 1 + random.nextInt(8);
				boolean header = random.nextBoolean();
				how.append(" ").append(n).append(" bytes flipped").append(header ? " in the headers" : "");
				for (int i = 0; i < n; i++) {
					int at = header ? headerOffset(b) : random.nextInt(b.length);
					b[at] = (byte) (random.nextBoolean() ? b[at] ^ (1 << random.nextInt(8)) : random.nextInt(256));
				}
				return b;
			}
			case 4 -> {
				int cut = random.nextInt(b.length);
				how.append(" cut at ").append(cut);
				return Arrays.copyOf(b, cut);
			}
			case 5 -> {
				int end = FitsBytes.findCard(b, "END", random.nextBoolean() ? 0 : random.nextInt(b.length));
				if (end < 0) {
					return once(b, how);
				}
				b = b.clone();
				FitsBytes.putCard(b, end, "");
				how.append(" END at ").append(end).append(" removed");
				return b;
			}
			case 6 -> {
				int blocks = b.length / FitsLayout.BLOCK;
				if (blocks < 2) {
					return once(b, how);
				}
				int at = random.nextInt(blocks) * FitsLayout.BLOCK;
				boolean drop = random.nextBoolean();
				how.append(drop ? " block dropped at " : " block doubled at ").append(at);
				byte[] out = new byte[drop ? b.length - FitsLayout.BLOCK : b.length + FitsLayout.BLOCK];
				System.arraycopy(b, 0, out, 0, at);
				if (drop) {
					System.arraycopy(b, at + FitsLayout.BLOCK, out, at, b.length - at - FitsLayout.BLOCK);
				}
				else {
					System.arraycopy(b, at, out, at, FitsLayout.BLOCK);
					System.arraycopy(b, at, out, at + FitsLayout.BLOCK, b.length - at);
				}
				return out;
			}
			default -> {
				// a card from the grammar put in place of another one
				b = b.clone();
				int at = headerOffset(b) / 80 * 80;
				String key = KEYS.get(random.nextInt(KEYS.size()));
				String value = VALUES.get(random.nextInt(VALUES.size()));
				how.append(" card at ").append(at).append(" := ").append(key).append(" = ").append(value);
				FitsBytes.putCard(b, at, FitsBytes.valueCard(key, value));
				return b;
			}
		}
	}

	private byte[] editCard(byte[] b, StringBuilder how) {
		String key = KEYS.get(random.nextInt(KEYS.size()));
		int off = FitsBytes.findCard(b, key, random.nextInt(4) == 0 ? random.nextInt(b.length) : 0);
		if (off < 0) {
			off = FitsBytes.findCard(b, key);
		}
		if (off < 0) {
			return once(b, how);
		}
		String value = random.nextInt(3) == 0 ? Long.toString(random.nextLong(-4, 70000)) : VALUES.get(random.nextInt(VALUES
			.size()));
		how.append(" ").append(key).append("@").append(off).append(" = ").append(value);
		byte[] out = b.clone();
		FitsBytes.putCard(out, off, FitsBytes.valueCard(key, value));
		return out;
	}

	/** A random offset inside some header block (a block that starts with SIMPLE or XTENSION, or the next). */
	private int headerOffset(byte[] b) {
		int blocks = Math.max(1, b.length / FitsLayout.BLOCK);
		for (int tries = 0; tries < 8; tries++) {
			int blk = random.nextInt(blocks) * FitsLayout.BLOCK;
			if (blk + 9 <= b.length) {
				String start = new String(b, blk, 9, StandardCharsets.US_ASCII);
				if (start.startsWith("SIMPLE") || start.startsWith("XTENSION")) {
					return Math.min(b.length - 1, blk + random.nextInt(FitsLayout.BLOCK));
				}
			}
		}
		return random.nextInt(Math.min(b.length, FitsLayout.BLOCK));
	}

	static byte[] gzip(byte[] b) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream z = new GZIPOutputStream(out)) {
			z.write(b);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}
}
