package org.astrobridge.classify;

import java.util.List;
import java.util.Map;

import org.astrobridge.detect.DetectedObject;
import org.astrobridge.report.Catalog;

/**
 * What a classification produced.
 *
 * @param catalog        one row per object (detections) or stamp, every column of {@code report.CatalogBuilder}
 * @param objects        the detected objects in catalogue order; empty for a stamp stack
 * @param classCounts    objects per predicted class, in the model's class order
 * @param oodCount       objects flagged out-of-distribution
 * @param filledStamps   stamps that were partly filled because they left the image or touched masked pixels
 * @param cutoutFactor   image pixels per stamp pixel (1 = no resampling)
 * @param oodDescription the score and threshold used, for logs and metadata
 */
public record Classification(Catalog catalog, List<DetectedObject> objects, Map<String, Integer> classCounts,
		int oodCount, int filledStamps, double cutoutFactor, String oodDescription) {

	/** One line: objects, counts per class, OOD count. */
	public String summary() {
		StringBuilder sb = new StringBuilder();
		sb.append(catalog.rowCount()).append(" objects");
		for (Map.Entry<String, Integer> e : classCounts.entrySet()) {
			sb.append(", ").append(e.getKey()).append('=').append(e.getValue());
		}
		sb.append(", ood=").append(oodCount);
		return sb.toString();
	}
}
