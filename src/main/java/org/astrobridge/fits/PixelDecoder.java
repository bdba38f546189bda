package org.astrobridge.fits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.stream.IntStream;
import java.nio.channels.ReadableByteChannel;

/**
 * Turns stored FITS pixels (any BITPIX, big-endian) into float32 physical values: BSCALE/BZERO applied, BLANK (integer
 * data) to NaN. Reads through a large direct buffer; float32 data without scaling is bulk-copied.
 */
final class PixelDecoder {

	private static final int CHUNK = 1 << 23;
	private static final int SEGMENT = 1 << 22;
	/** Elements converted per bulk get: small enough to stay in the first-level cache. */
	private static final int BLOCK = 4096;

	private final int bitpix;
	private final double scale;
	private final double zero;
	private final boolean hasBlank;
	private final long blank;

	PixelDecoder(int bitpix, double scale, double zero, boolean hasBlank, long blank) {
		this.bitpix = bitpix;
		this.scale = scale;
		this.zero = zero;
		this.hasBlank = hasBlank && bitpix > 0;
		this.blank = blank;
	}

	/** Fills the planes in order from the channel; {@code what} names the source in messages. */
	void read(ReadableByteChannel ch, float[][] planes, String what) throws IOException {
		int elem = Math.abs(bitpix) / 8;
		long remaining = 0;
		for (float[] p : planes) {
			remaining += (long) p.length * elem;
		}
		ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.BIG_ENDIAN);
		buf.limit(0);
		for (float[] plane : planes) {
			int off = 0;
			while (off < plane.length) {
				if (buf.remaining() < elem) {
					buf.compact();
					int want = (int) Math.min(buf.remaining(), remaining);
					buf.limit(buf.position() + want);
					while (buf.hasRemaining()) {
						if (ch.read(buf) < 0) {
							throw new FitsException(what + ": truncated: the data ends " + remaining + " bytes early");
						}
					}
					remaining -= want;
					buf.flip();
				}
				int n = Math.min(plane.length - off, buf.remaining() / elem);
				convert(buf, plane, off, n);
				off += n;
			}
		}
	}

	/**
	 * Fills the planes from a plain file by mapping it in segments converted in parallel: one copy from the page cache
	 * into the float arrays instead of two through a read buffer, spread over the cores.
	 */
	void read(FileChannel ch, long start, float[][] planes, String what) throws IOException {
		int elem = Math.abs(bitpix) / 8;
		long total = 0;
		for (float[] p : planes) {
			total += (long) p.length * elem;
		}
		if (start + total > ch.size()) {
			throw new FitsException(what + ": truncated: the data ends " + (start + total - ch.size()) + " bytes early");
		}
		long planeStart = start;
		try {
			for (float[] plane : planes) {
				long base = planeStart;
				int segments = (plane.length + SEGMENT - 1) / SEGMENT;
				IntStream.range(0, segments).parallel().forEach(seg -> {
					int off = seg * SEGMENT;
					int n = Math.min(SEGMENT, plane.length - off);
					try {
						MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, base + (long) off * elem, (long) n * elem);
						convert(m.order(ByteOrder.BIG_ENDIAN), plane, off, n);
					}
					catch (IOException e) {
						throw new UncheckedIOException(e);
					}
				});
				planeStart += (long) plane.length * elem;
			}
		}
		catch (UncheckedIOException e) {
			throw new FitsException(what + ": cannot read the data: " + e.getCause().getMessage(), e.getCause());
		}
	}

	private void convert(ByteBuffer buf, float[] out, int off, int n) {
		int start = buf.position();
		switch (bitpix) {
			case -32 -> {
				if (scale == 1.0 && zero == 0.0) {
					buf.asFloatBuffer().get(out, off, n);
				}
				else {
					var fb = buf.asFloatBuffer();
					for (int k = 0; k < n; k++) {
						out[off + k] = (float) (fb.get(k) * scale + zero);
					}
				}
			}
			case -64 -> {
				var db = buf.asDoubleBuffer();
				for (int k = 0; k < n; k++) {
					out[off + k] = (float) (db.get(k) * scale + zero);
				}
			}
			case 8 -> {
				for (int k = 0; k < n; k++) {
					out[off + k] = value(buf.get(start + k) & 0xff);
				}
			}
			case 16 -> {
				// bulk swap into a small cached array, then a branch-free loop the JIT vectorizes: per-element
				// ShortBuffer.get with the BLANK test inside ran at a tenth of the plain read
				var sb = buf.asShortBuffer();
				short[] raw = new short[Math.min(n, BLOCK)];
				for (int b = 0; b < n; b += BLOCK) {
					int len = Math.min(BLOCK, n - b);
					sb.get(b, raw, 0, len);
					int o = off + b;
					for (int k = 0; k < len; k++) {
						out[o + k] = (float) (raw[k] * scale + zero);
					}
					if (hasBlank) {
						for (int k = 0; k < len; k++) {
							if (raw[k] == blank) {
								out[o + k] = Float.NaN;
							}
						}
					}
				}
			}
			case 32 -> {
				var ib = buf.asIntBuffer();
				int[] raw = new int[Math.min(n, BLOCK)];
				for (int b = 0; b < n; b += BLOCK) {
					int len = Math.min(BLOCK, n - b);
					ib.get(b, raw, 0, len);
					int o = off + b;
					for (int k = 0; k < len; k++) {
						out[o + k] = (float) (raw[k] * scale + zero);
					}
					if (hasBlank) {
						for (int k = 0; k < len; k++) {
							if (raw[k] == blank) {
								out[o + k] = Float.NaN;
							}
						}
					}
				}
			}
			default -> {
				var lb = buf.asLongBuffer();
				for (int k = 0; k < n; k++) {
					out[off + k] = value(lb.get(k));
				}
			}
		}
		buf.position(start + n * (Math.abs(bitpix) / 8));
	}

	/** Physical value of a stored integer. */
	float value(long raw) {
		if (hasBlank && raw == blank) {
			return Float.NaN;
		}
		return (float) (raw * scale + zero);
	}

	/** Physical value of a stored floating-point number. */
	float value(double raw) {
		return (float) (raw * scale + zero);
	}
}
