package org.astrobridge.detect;

import java.util.List;

/**
 * The catalogue of one detection run.
 *
 * @param objects          detected objects sorted by y, then x; ids 1..n in that order
 * @param background       the background model used (global level and RMS, mesh grid)
 * @param tiles            number of tiles processed (1 = whole image at once)
 * @param largeObjects     objects that outgrew their tile's margin and were measured in a larger window
 */
public record DetectionResult(List<DetectedObject> objects, BackgroundModel background, int tiles,
		int largeObjects) {
}
