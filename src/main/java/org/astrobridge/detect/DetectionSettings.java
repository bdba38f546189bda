package org.astrobridge.detect;

/**
 * Detection parameters. The component names are the option keys the commands use.
 *
 * @param threshold        detection threshold in units of the local background RMS of the unfiltered image
 * @param minArea          minimum number of connected pixels above the threshold
 * @param deblendLevels    number of exponentially spaced deblending thresholds (1 = no deblending)
 * @param deblendContrast  minimum fraction of the parent's detection flux a branch needs to become an object
 * @param backgroundMesh   side of a background mesh in pixels
 * @param backgroundFilter side of the median filter over meshes (1 = none)
 * @param filterFwhm       FWHM in pixels of the Gaussian matched filter for detection (0 = no filter)
 * @param saturation       raw pixel level at and above which an object is flagged saturated
 * @param tileSize         side of a processing tile in pixels (0 = whole image at once)
 * @param tileMargin       overlap added around each tile; should exceed the largest object
 * @param threads          worker threads (0 = all processors, limited by the free heap)
 */
public record DetectionSettings(double threshold, int minArea, int deblendLevels, double deblendContrast,
		int backgroundMesh, int backgroundFilter, double filterFwhm, double saturation, int tileSize, int tileMargin,
		int threads) {

	public DetectionSettings {
		require(threshold > 0 && Double.isFinite(threshold), "threshold must be a positive number of sigma", threshold);
		require(minArea >= 1, "minArea must be at least 1", minArea);
		require(deblendLevels >= 1 && deblendLevels <= 256, "deblendLevels must be between 1 and 256", deblendLevels);
		require(deblendContrast >= 0 && deblendContrast <= 1, "deblendContrast must be between 0 and 1", deblendContrast);
		require(backgroundMesh >= 4, "backgroundMesh must be at least 4 pixels", backgroundMesh);
		require(backgroundFilter >= 1 && backgroundFilter % 2 == 1, "backgroundFilter must be an odd number >= 1",
				backgroundFilter);
		require(filterFwhm >= 0 && filterFwhm <= 50, "filterFwhm must be between 0 (off) and 50 pixels", filterFwhm);
		require(!Double.isNaN(saturation), "saturation must be a number (Infinity = never)", saturation);
		require(tileSize == 0 || tileSize >= 64, "tileSize must be 0 (no tiling) or at least 64", tileSize);
		require(tileMargin >= 0, "tileMargin must not be negative", tileMargin);
		require(threads >= 0, "threads must not be negative", threads);
	}

	/** Threshold 1.5 sigma, 5 pixels, 32 levels, contrast 0.005, 64 px meshes, 3x3 filter, FWHM 2, 2048 px tiles. */
	public static DetectionSettings defaults() {
		return new DetectionSettings(1.5, 5, 32, 0.005, 64, 3, 2.0, Double.POSITIVE_INFINITY, 2048, 128, 0);
	}

	public DetectionSettings withThreshold(double v) {
		return new DetectionSettings(v, minArea, deblendLevels, deblendContrast, backgroundMesh, backgroundFilter,
				filterFwhm, saturation, tileSize, tileMargin, threads);
	}

	public DetectionSettings withMinArea(int v) {
		return new DetectionSettings(threshold, v, deblendLevels, deblendContrast, backgroundMesh, backgroundFilter,
				filterFwhm, saturation, tileSize, tileMargin, threads);
	}

	public DetectionSettings withDeblend(int levels, double contrast) {
		return new DetectionSettings(threshold, minArea, levels, contrast, backgroundMesh, backgroundFilter,
				filterFwhm, saturation, tileSize, tileMargin, threads);
	}

	public DetectionSettings withBackground(int mesh, int filter) {
		return new DetectionSettings(threshold, minArea, deblendLevels, deblendContrast, mesh, filter, filterFwhm,
				saturation, tileSize, tileMargin, threads);
	}

	public DetectionSettings withFilterFwhm(double v) {
		return new DetectionSettings(threshold, minArea, deblendLevels, deblendContrast, backgroundMesh,
				backgroundFilter, v, saturation, tileSize, tileMargin, threads);
	}

	public DetectionSettings withSaturation(double v) {
		return new DetectionSettings(threshold, minArea, deblendLevels, deblendContrast, backgroundMesh,
				backgroundFilter, filterFwhm, v, tileSize, tileMargin, threads);
	}

	public DetectionSettings withTiles(int size, int margin) {
		return new DetectionSettings(threshold, minArea, deblendLevels, deblendContrast, backgroundMesh,
				backgroundFilter, filterFwhm, saturation, size, margin, threads);
	}

	public DetectionSettings withThreads(int v) {
		return new DetectionSettings(threshold, minArea, deblendLevels, deblendContrast, backgroundMesh,
				backgroundFilter, filterFwhm, saturation, tileSize, tileMargin, v);
	}

	private static void require(boolean ok, String message, Object value) {
		if (!ok) {
			throw new IllegalArgumentException("Detection settings: " + message + " (got " + value + ")");
		}
	}
}
