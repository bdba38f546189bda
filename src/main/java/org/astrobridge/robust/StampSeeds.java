package org.astrobridge.robust;

/**
 * Derives independent per-stamp seeds from one run seed, so that a stamp's perturbation depends only on (seed, stamp
 * index) and not on the order or thread in which stamps are processed.
 */
public final class StampSeeds {

	private StampSeeds() {}

	/** SplitMix64 finaliser of seed and index: well mixed, so neighbouring indices give unrelated streams. */
	public static long forStamp(long seed, long index) {
		long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
