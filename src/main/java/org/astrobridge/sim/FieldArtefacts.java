package org.astrobridge.sim;

/**
 * What a field holds besides the task's galaxies and the field stars, and whether the artefacts get truth rows.
 * Everything is off by default, so that a field made without these options has the bytes it had before them.
 * Truth labels of the rows they add (all negative, so no galaxy class is touched): -1 {@code star} and
 * {@code saturated_star}, -2 {@code cosmic_ray}, -3 {@code bad_column}, -4 {@code satellite_trail}, -5 {@code ghost},
 * -6 {@code lens}.
 *
 * @param artefactTruth truth rows for cosmic-ray hits and bad columns (and trails and ghosts, which always get them)
 * @param satelliteTrails straight trails across the field (count per field)
 * @param ghosts faint ring-shaped reflections beside the brightest stars (count per field)
 * @param bleedTrails charge above the full well bleeds along its column; stars that saturate are named
 *     {@code saturated_star}
 * @param brightStars extra stars 0.5-3 mag brighter than the saturation limit (count per field)
 * @param lenses strong lenses put among the task's galaxies as a class the task does not have (count per field)
 */
public record FieldArtefacts(boolean artefactTruth, int satelliteTrails, int ghosts, boolean bleedTrails,
		int brightStars, int lenses) {

	public static final int STAR = -1;
	public static final int COSMIC_RAY = -2;
	public static final int BAD_COLUMN = -3;
	public static final int SATELLITE_TRAIL = -4;
	public static final int GHOST = -5;
	public static final int LENS = -6;

	/** Length in pixels of the pieces a trail or bad column is listed in, one truth row each. */
	public static final int SEGMENT_PX = 50;

	public static final FieldArtefacts NONE = new FieldArtefacts(false, 0, 0, false, 0, 0);

	public FieldArtefacts {
		if (satelliteTrails < 0 || ghosts < 0 || brightStars < 0 || lenses < 0) {
			throw new IllegalArgumentException("satelliteTrails, ghosts, brightStars and lenses must be >= 0");
		}
	}

	/** Whether anything is asked for beyond the default field. */
	public boolean any() {
		return !equals(NONE);
	}
}
