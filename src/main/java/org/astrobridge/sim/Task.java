package org.astrobridge.sim;

import java.util.List;
import java.util.Locale;

/**
 * A labelled benchmark: its classes (label = index into {@link #classes()}) and the brightness and size of its objects:
 * galaxies are drawn at r = 16.8..18.8 mag shifted by the task's magnitude offset, with sizes scaled by its size scale.
 * {@code mergers}: r = 18-20, S/N ~30-100 in SDSS; {@code morphology}: bigger and brighter (Galaxy10 galaxies are
 * bright and resolved); {@code noise}: faint, small galaxies for which LSST year-1 noise matters; {@code shape}: small
 * smooth galaxies, round (axis ratio 0.85-1) or elongated (0.4-0.65), a label that lives in a few pixels and that a
 * wide PSF erases.
 */
public enum Task {

		MERGERS("mergers", List.of("non_merger", "merger"), 1.2, 1), MORPHOLOGY("morphology", List.of("disturbed",
			"merging", "round_smooth", "in_between_round_smooth", "cigar_shaped_smooth", "barred_spiral",
			"unbarred_tight_spiral", "unbarred_loose_spiral", "edge_on_without_bulge", "edge_on_with_bulge", "lens"), 0.2,
			1.4), NOISE("noise", List.of("non_merger", "merger"), 4.5, 0.5), SHAPE("shape", List.of("round", "elongated"),
				0.6, 0.5);

	/** Label of the lens class of {@link #MORPHOLOGY}, present only when a lens fraction is asked for. */
	public static final int LENS = 10;

	private final String id;
	private final List<String> classes;
	private final double magOffset;
	private final double sizeScale;

	Task(String id, List<String> classes, double magOffset, double sizeScale) {
		this.id = id;
		this.classes = classes;
		this.magOffset = magOffset;
		this.sizeScale = sizeScale;
	}

	public String id() {
		return id;
	}

	/** All class names; for morphology the last one, {@code lens}, only occurs with lensFraction &gt; 0. */
	public List<String> classes() {
		return classes;
	}

	/** Classes that occur without lenses (morphology: 10 Galaxy10-like classes). */
	public int baseClassCount() {
		return this == MORPHOLOGY ? 10 : classes.size();
	}

	double magOffset() {
		return magOffset;
	}

	double sizeScale() {
		return sizeScale;
	}

	public static Task parse(String s) {
		for (Task t : values()) {
			if (t.id.equals(s.toLowerCase(Locale.ROOT))) return t;
		}
		throw new IllegalArgumentException("unknown task '" + s + "'; expected one of mergers, morphology, noise, shape");
	}
}
