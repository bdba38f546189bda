package org.astrobridge.classify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.astrobridge.fits.FitsException;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.report.Catalog;
import org.astrobridge.fits.HduInfo;
import org.astrobridge.report.CatalogFiles;
import org.astrobridge.report.CatalogFormat;

/**
 * Scores a classified catalogue against a truth catalogue (the simulator's {@code TRUTH} table or
 * {@code _truth.csv}): objects are matched one to one, nearest pairs first, within a radius in pixels.
 * Galaxies are truth rows with a label of 0 or more; stars have label -1 (class {@code star} or
 * {@code saturated_star}); other negative labels are artefacts or unknown classes (the simulator's cosmic rays, bad
 * columns, satellite trails, ghosts and lenses: {@code sim.FieldArtefacts}). Every truth row with a negative label is
 * also counted under its class name in {@link #kinds()}.
 */
public record TruthComparison(int galaxies, int matchedGalaxies, int correct, int galaxiesFlaggedOod, int stars,
		int matchedStars, int starsFlaggedOod, int unmatchedDetections, int unmatchedFlaggedOod, double radiusPx,
		List<Kind> kinds) {

	/** Truth rows of one class name with a negative label: how many, how many detected, how many of those flagged. */
	public record Kind(String name, int truth, int matched, int flaggedOod) {
	}

	public TruthComparison {
		kinds = List.copyOf(kinds);
	}

	/** Share of matched galaxies whose predicted class is their true class. */
	public double accuracy() {
		return matchedGalaxies == 0 ? Double.NaN : (double) correct / matchedGalaxies;
	}

	/** Share of truth galaxies that were detected. */
	public double completeness() {
		return galaxies == 0 ? Double.NaN : (double) matchedGalaxies / galaxies;
	}

	public String summary() {
		return String.format(Locale.ROOT, "truth: %d of %d galaxies detected (%.1f %%), class accuracy %.1f %% (%d of %d); "
			+ "%d of %d stars detected; %d detections match nothing (radius %.1f px)%n"
			+ "flagged OOD: galaxies %d of %d (%.1f %%), stars %d of %d (%.1f %%), unmatched detections %d of %d (%.1f %%)",
			matchedGalaxies, galaxies, 100 * completeness(), 100 * accuracy(), correct, matchedGalaxies, matchedStars, stars,
			unmatchedDetections, radiusPx, galaxiesFlaggedOod, matchedGalaxies, percent(galaxiesFlaggedOod, matchedGalaxies),
			starsFlaggedOod, matchedStars, percent(starsFlaggedOod, matchedStars), unmatchedFlaggedOod, unmatchedDetections,
			percent(unmatchedFlaggedOod, unmatchedDetections)) + kindsSummary();
	}

	/** One more line with the flag rate per kind, when the truth lists more than plain stars. */
	private String kindsSummary() {
		if (kinds.stream().allMatch(k -> k.name().equals("star"))) return "";
		StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nflagged OOD by truth kind:"));
		for (Kind k : kinds) {
			sb.append(String.format(Locale.ROOT, " %s %d of %d detected", k.name(), k.matched(), k.truth()));
			if (k.matched() > 0) {
				sb.append(String.format(Locale.ROOT, ", %d flagged (%.1f %%)", k.flaggedOod(), percent(k.flaggedOod(), k.matched())));
			}
			sb.append(k == kinds.get(kinds.size() - 1) ? "" : ";");
		}
		return sb.toString();
	}

	private static double percent(int part, int whole) {
		return whole == 0 ? Double.NaN : 100.0 * part / whole;
	}

	/**
	 * Reads the truth from a catalogue file in any {@link CatalogFormat} (by extension); from a FITS file its
	 * {@code TRUTH} table, or its first table.
	 */
	public static Catalog readTruth(Path file) throws IOException {
		CatalogFormat format = CatalogFormat.ofFile(file);
		if (format != CatalogFormat.FITS) return CatalogFiles.read(file, format);
		List<HduInfo> hdus = FitsReader.list(file);
		for (int i = 0; i < hdus.size(); i++) {
			if ("TRUTH".equalsIgnoreCase(hdus.get(i).extname())) return CatalogFiles.read(file, format, hdus.get(i).index());
		}
		return CatalogFiles.read(file, format, 0);
	}

	public static TruthComparison compare(Catalog detected, Catalog truth, double radiusPx) throws FitsException {
		for (String c : List.of("x", "y", "label", "class_name")) {
			if (!truth.hasColumn(c)) throw new FitsException("truth catalogue has no column '" + c + "' (has " + truth.columnNames() + ")");
		}
		double[] dx = detected.doubleColumn("x_fits");
		double[] dy = detected.doubleColumn("y_fits");
		String[] dClass = detected.stringColumn("class");
		int[] dOod = detected.hasColumn("ood") ? detected.intColumn("ood") : new int[dx.length];
		double[] tx = truth.doubleColumn("x");
		double[] ty = truth.doubleColumn("y");
		int[] label = truth.intColumn("label");
		String[] tClass = truth.stringColumn("class_name");

		Integer[] byX = new Integer[dx.length];
		for (int i = 0; i < byX.length; i++) byX[i] = i;
		Arrays.sort(byX, Comparator.comparingDouble(i -> dx[i]));
		double[] sortedX = Arrays.stream(byX).mapToDouble(i -> dx[i]).toArray();
		List<double[]> pairs = new ArrayList<>(); // distance, truth index, detection index
		double r2 = radiusPx * radiusPx;
		for (int t = 0; t < tx.length; t++) {
			int lo = Arrays.binarySearch(sortedX, tx[t] - radiusPx);
			for (int k = lo < 0 ? -lo - 1 : lo; k < sortedX.length && sortedX[k] <= tx[t] + radiusPx; k++) {
				int d = byX[k];
				double dist2 = (dx[d] - tx[t]) * (dx[d] - tx[t]) + (dy[d] - ty[t]) * (dy[d] - ty[t]);
				if (dist2 <= r2) pairs.add(new double[] { dist2, t, d });
			}
		}
		pairs.sort(Comparator.comparingDouble(p -> p[0]));
		boolean[] tUsed = new boolean[tx.length];
		boolean[] dUsed = new boolean[dx.length];
		int galaxies = 0, stars = 0, matchedGalaxies = 0, correct = 0, galaxiesOod = 0, matchedStars = 0, starsOod = 0;
		Map<String, int[]> kinds = new TreeMap<>(); // truth, matched, flagged
		for (int t = 0; t < tx.length; t++) {
			if (label[t] >= 0) galaxies++;
			else {
				if (label[t] == -1) stars++;
				kinds.computeIfAbsent(tClass[t], k -> new int[3])[0]++;
			}
		}
		for (double[] p : pairs) {
			int t = (int) p[1], d = (int) p[2];
			if (tUsed[t] || dUsed[d]) continue;
			tUsed[t] = dUsed[d] = true;
			if (label[t] >= 0) {
				matchedGalaxies++;
				if (tClass[t].equals(dClass[d])) correct++;
				if (dOod[d] != 0) galaxiesOod++;
			} else {
				int[] k = kinds.get(tClass[t]);
				k[1]++;
				if (dOod[d] != 0) k[2]++;
				if (label[t] == -1) {
					matchedStars++;
					if (dOod[d] != 0) starsOod++;
				}
			}
		}
		int unmatched = 0, unmatchedOod = 0;
		for (int d = 0; d < dUsed.length; d++) {
			if (dUsed[d]) continue;
			unmatched++;
			if (dOod[d] != 0) unmatchedOod++;
		}
		return new TruthComparison(galaxies, matchedGalaxies, correct, galaxiesOod, stars, matchedStars, starsOod, unmatched,
			unmatchedOod, radiusPx, kinds.entrySet().stream().map(e -> new Kind(e.getKey(), e.getValue()[0], e.getValue()[1],
				e.getValue()[2])).toList());
	}
}
