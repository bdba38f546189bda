package org.astrobridge.nn;

import java.util.SplittableRandom;

/**
 * Random flips and 90-degree rotations of NHWC stamps, applied in place on a batch. Galaxy morphology does not depend
 * on orientation, so these are label-preserving; rotations are only drawn for square stamps.
 */
final class Augmenter {

	private final int height, width, bands;
	private final float[] scratch;

	Augmenter(int height, int width, int bands) {
		this.height = height;
		this.width = width;
		this.bands = bands;
		this.scratch = new float[height * width * bands];
	}

	/** Transforms stamp k of the batch by one of the 8 (square) or 4 (non-square) symmetries, drawn from r. */
	void apply(float[] batch, int k, SplittableRandom r) {
		int t = r.nextInt(height == width ? 8 : 4);
		if (t == 0) return;
		int size = height * width * bands, base = k * size;
		System.arraycopy(batch, base, scratch, 0, size);
		boolean flip = (t & 1) != 0;
		int turns = height == width ? t >> 1 : (t & 2) != 0 ? 2 : 0;
		for (int j = 0; j < height; j++)
			for (int i = 0; i < width; i++) {
				int si = flip ? width - 1 - i : i, sj = j;
				if (height != width) {
					if (turns == 2) {
						si = width - 1 - si;
						sj = height - 1 - sj;
					}
				}
				else {
					for (int q = 0; q < turns; q++) {
						int ni = sj, nj = width - 1 - si;
						si = ni;
						sj = nj;
					}
				}
				System.arraycopy(scratch, (sj * width + si) * bands, batch, base + (j * width + i) * bands, bands);
			}
	}
}
