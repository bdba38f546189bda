package org.astrobridge.robust;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.astrobridge.nn.StampSet;

/**
 * A degradation of image stamps with a strength and a seed. Implementations are stateless and thread-safe. The same
 * (stamp, strength, seed) always gives the same result; strength 0 gives back exactly the input values; the input array
 * is never modified.
 */
public interface Perturbation {

	/** Short registry name such as "noise" or "blur". */
	String name();

	/** What one unit of strength means, for tables and documentation. */
	String strengthUnit();

	/** Five increasing strengths for a robustness report. */
	double[] defaultStrengths();

	/** Throws IllegalArgumentException, naming the perturbation, when the strength is outside its range. */
	default void checkStrength(double strength) {
		if (!Double.isFinite(strength) || strength < 0) throw new IllegalArgumentException(name() +
			": strength must be a finite number >= 0, got " + strength);
	}

	/**
	 * Applies the perturbation to {@code pixels}, a private copy of the stamp that may be changed in place. Called by
	 * {@link #apply(float[], StampShape, double, long)} only for valid, non-zero strengths.
	 */
	void perturbInPlace(float[] pixels, StampShape shape, double strength, SplittableRandom random);

	/** A perturbed copy of one NHWC stamp. */
	default float[] apply(float[] stamp, StampShape shape, double strength, long seed) {
		shape.requireMatches(stamp);
		checkStrength(strength);
		float[] out = stamp.clone();
		if (strength != 0) perturbInPlace(out, shape, strength, new SplittableRandom(seed));
		return out;
	}

	default float[] apply(float[] stamp, int height, int width, int bands, double strength, long seed) {
		return apply(stamp, new StampShape(height, width, bands), strength, seed);
	}

	/**
	 * A perturbed copy of a whole set (labels, classes and domain kept). Stamp k uses the seed
	 * {@link StampSeeds#forStamp}(seed, k), so the result does not depend on threading.
	 */
	default StampSet apply(StampSet set, double strength, long seed) {
		checkStrength(strength);
		StampShape shape = StampShape.of(set);
		int n = shape.size();
		float[] source = set.pixels();
		float[] out = new float[source.length];
		IntStream.range(0, set.count()).parallel().forEach(k -> {
			float[] stamp = new float[n];
			System.arraycopy(source, k * n, stamp, 0, n);
			if (strength != 0) perturbInPlace(stamp, shape, strength, new SplittableRandom(StampSeeds.forStamp(seed, k)));
			System.arraycopy(stamp, 0, out, k * n, n);
		});
		int[] labels = set.labels() == null ? null : set.labels().clone();
		String provenance = (set.provenance() == null ? "" : set.provenance() + " ") + "[" + name() + " " + strength +
			", seed " + seed + "]";
		return new StampSet(set.count(), set.height(), set.width(), set.bands(), out, labels, set.classNames(), set
			.domain(), provenance);
	}
}
