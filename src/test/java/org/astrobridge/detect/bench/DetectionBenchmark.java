package org.astrobridge.detect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.detect.DetectionResult;
import org.astrobridge.detect.DetectionSettings;
import org.astrobridge.detect.Detector;
import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsWriter;

/**
 * Detection speed and quality beside SExtractor ({@code source-extractor}) on the same synthetic FITS field. Arguments:
 * [size (4096)] [objects (3000)] [seed (42)] [tileSize (2048)]. Prints Mpix/s, counts, completeness against the truth
 * for S/N > 10, spurious detections and the median position difference to SExtractor.
 */
public final class DetectionBenchmark {

	private static final double NOISE = 10;
	private static final double SKY = 1000;
	private static final int REPEATS = 3;

	private DetectionBenchmark() {}

	/** Truth: position, flux, half-light radius, S/N of an optimal measurement. */
	record Truth(double x, double y, double flux, double rHalf, double snr) {}

	public static void main(String[] args) throws Exception {
		int size = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
		int count = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
		long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
		int tile = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
		Path dir = Files.createTempDirectory("astrobridge-detect-bench");
		float[] pixels = new float[size * size];
		List<Truth> truth = simulate(pixels, size, count, seed);
		Path fits = dir.resolve("field.fits");
		FitsWriter.write(fits, new FitsImage(size, size, new int[0], new float[][] { pixels }, new FitsHeader()));
		pixels = null;
		double mpix = (double) size * size / 1e6;
		System.out.printf(Locale.ROOT, "field: %d x %d (%.1f Mpix), %d objects, noise %.0f, file %s%n", size, size, mpix,
			count, NOISE, fits);

		DetectionSettings settings = DetectionSettings.defaults().withTiles(tile, 128);
		Detector detector = new Detector(settings);
		long t0 = System.nanoTime();
		FitsImage image = FitsReader.readImage(fits, null);
		long t1 = System.nanoTime();
		DetectionResult ours = detector.detect(image.plane(0), size, size, null);
		long t2 = System.nanoTime();
		double readS = (t1 - t0) / 1e9;
		double coldS = (t2 - t1) / 1e9;
		// Timed repeats after the cold (JIT-compiling) run, interleaved with SExtractor so both see the same load.
		Detector single = new Detector(settings.withThreads(1));
		double[] multiS = new double[REPEATS];
		double[] singleS = new double[REPEATS];
		double[] sexS = new double[REPEATS];
		List<double[]> sex = null;
		for (int r = 0; r < REPEATS; r++) {
			long a = System.nanoTime();
			DetectionResult m = detector.detect(image.plane(0), size, size, null);
			long b = System.nanoTime();
			DetectionResult s1 = single.detect(image.plane(0), size, size, null);
			long c = System.nanoTime();
			multiS[r] = (b - a) / 1e9;
			singleS[r] = (c - b) / 1e9;
			if (!m.objects().equals(ours.objects()) || !s1.objects().equals(ours.objects())) {
				throw new IllegalStateException("repeated detection gave a different catalogue");
			}
			SExtractor.Run run = SExtractor.detect(dir, fits, settings);
			sex = run.positions();
			sexS[r] = run.seconds();
		}
		int threads = Runtime.getRuntime().availableProcessors();
		double multi = median(multiS);
		double one = median(singleS);
		double sexMedian = median(sexS);
		System.out.printf(Locale.ROOT,
			"AstroBridge (median of %d after a cold run): %.2f s = %.1f Mpix/s with %d threads;" +
				" %.2f s = %.1f Mpix/s with one thread; cold first run %.2f s = %.1f Mpix/s; FITS read %.2f s%n", REPEATS,
			multi, mpix / multi, threads, one, mpix / one, coldS, mpix / coldS, readS);
		System.out.printf(Locale.ROOT, "SExtractor (median of %d, one thread): %.2f s wall including its FITS read and" +
			" catalogue = %.1f Mpix/s; AstroBridge read + detect with %d threads = %.1f Mpix/s%n", REPEATS, sexMedian, mpix /
				sexMedian, threads, mpix / (readS + multi));
		List<double[]> oursXy = new ArrayList<>();
		for (DetectedObject o : ours.objects()) {
			oursXy.add(new double[] { o.x(), o.y() });
		}
		report("AstroBridge", oursXy, truth);
		report("SExtractor", sex, truth);
		Matcher sexIndex = new Matcher(sex);
		List<Double> diffs = new ArrayList<>();
		for (double[] p : oursXy) {
			double[] m = sexIndex.nearest(p[0], p[1], 2.0);
			if (m != null) {
				diffs.add(Math.hypot(m[0] - p[0], m[1] - p[1]));
			}
		}
		double[] d = diffs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		System.out.printf(Locale.ROOT, "matched to SExtractor within 2 px: %d of %d; position difference median %.3f px," +
			" 90th percentile %.3f px%n", d.length, oursXy.size(), d.length > 0 ? d[d.length / 2] : Double.NaN, d.length > 0
				? d[(int) (0.9 * (d.length - 1))] : Double.NaN);
		DetectionResult whole = new Detector(settings.withTiles(0, 0)).detect(image.plane(0), size, size, null);
		System.out.printf(Locale.ROOT, "tiles: %d (large objects measured in grown windows: %d); catalogue identical" +
			" to the whole-image run: %b%n", ours.tiles(), ours.largeObjects(), whole.objects().equals(ours.objects()));
	}

	private static double median(double[] v) {
		double[] c = v.clone();
		Arrays.sort(c);
		return c[c.length / 2];
	}

	private static void report(String name, List<double[]> detected, List<Truth> truth) {
		Matcher index = new Matcher(detected);
		int bright = 0;
		int found = 0;
		for (Truth t : truth) {
			if (t.snr() > 10) {
				bright++;
				if (index.nearest(t.x(), t.y(), Math.max(2.0, t.rHalf())) != null) {
					found++;
				}
			}
		}
		List<double[]> truthXy = new ArrayList<>();
		double[] radius = new double[truth.size()];
		for (int i = 0; i < truth.size(); i++) {
			truthXy.add(new double[] { truth.get(i).x(), truth.get(i).y(), i });
			radius[i] = Math.max(3.0, 2.5 * truth.get(i).rHalf());
		}
		Matcher truthIndex = new Matcher(truthXy);
		double maxRadius = Arrays.stream(radius).max().orElse(0);
		int spurious = 0;
		for (double[] p : detected) {
			if (!truthIndex.within(p[0], p[1], radius, maxRadius)) {
				spurious++;
			}
		}
		System.out.printf(Locale.ROOT, "%s: %d detections; completeness for S/N > 10: %d / %d = %.1f %%;" +
			" spurious (no true object within max(3 px, 2.5 r_half)): %d%n", name, detected.size(), found, bright, 100.0 *
				found / bright, spurious);
	}

	/** Gaussian and exponential (Sersic n = 1) galaxies plus noise on a sky level with a gentle gradient. */
	static List<Truth> simulate(float[] px, int size, int count, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		for (int j = 0; j < size; j++) {
			for (int i = 0; i < size; i++) {
				px[j * size + i] = (float) (SKY + 20.0 * i / size - 10.0 * j / size);
			}
		}
		List<Truth> truth = new ArrayList<>();
		for (int k = 0; k < count; k++) {
			double x = 8 + rnd.nextDouble(size - 16);
			double y = 8 + rnd.nextDouble(size - 16);
			double flux = Math.exp(Math.log(150) + rnd.nextDouble() * Math.log(3000));
			double q = 0.4 + 0.6 * rnd.nextDouble();
			double theta = rnd.nextDouble(Math.PI);
			boolean exponential = rnd.nextDouble() < 0.3;
			double rHalf = exponential ? 1.5 + 2.5 * rnd.nextDouble() : 1.4 + 2.6 * rnd.nextDouble();
			double c = Math.cos(theta);
			double s = Math.sin(theta);
			int r = (int) Math.ceil(exponential ? 6 * rHalf : 4 * rHalf);
			double sigma = rHalf / Math.sqrt(2 * Math.log(2));
			double scale = rHalf / 1.678;
			double norm = exponential ? flux / (2 * Math.PI * scale * scale * q) : flux / (2 * Math.PI * sigma * sigma * q);
			for (int j = Math.max(0, (int) y - r); j <= Math.min(size - 1, (int) y + r); j++) {
				for (int i = Math.max(0, (int) x - r); i <= Math.min(size - 1, (int) x + r); i++) {
					double dx = i - x;
					double dy = j - y;
					double u = dx * c + dy * s;
					double v = (-dx * s + dy * c) / q;
					double rr = Math.sqrt(u * u + v * v);
					double val = exponential ? Math.exp(-rr / scale) : Math.exp(-0.5 * rr * rr / (sigma * sigma));
					px[j * size + i] += (float) (norm * val);
				}
			}
			// S/N of the optimal (PSF-weighted) flux for a Gaussian of the same half-light radius.
			double seff = rHalf / Math.sqrt(2 * Math.log(2));
			double snr = flux / (NOISE * Math.sqrt(4 * Math.PI * seff * seff * q));
			truth.add(new Truth(x, y, flux, rHalf, snr));
		}
		for (int p = 0; p < px.length; p++) {
			double u1 = rnd.nextDouble();
			double u2 = rnd.nextDouble();
			px[p] += (float) (NOISE * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
		}
		return truth;
	}

	/** Grid index of points for nearest-neighbour queries. */
	static final class Matcher {

		private static final int CELL = 16;
		private final List<double[]> points;
		private final java.util.Map<Long, List<Integer>> grid = new java.util.HashMap<>();

		Matcher(List<double[]> points) {
			this.points = points;
			for (int i = 0; i < points.size(); i++) {
				grid.computeIfAbsent(cell(points.get(i)[0], points.get(i)[1]), k -> new ArrayList<>()).add(i);
			}
		}

		private static long cell(double x, double y) {
			return ((long) Math.floor(x / CELL) << 32) ^ ((long) Math.floor(y / CELL) & 0xffffffffL);
		}

		double[] nearest(double x, double y, double maxDist) {
			double[] best = null;
			double bd = maxDist;
			int reach = (int) Math.ceil(maxDist / CELL);
			long cx = (long) Math.floor(x / CELL);
			long cy = (long) Math.floor(y / CELL);
			for (long gx = cx - reach; gx <= cx + reach; gx++) {
				for (long gy = cy - reach; gy <= cy + reach; gy++) {
					List<Integer> l = grid.get((gx << 32) ^ (gy & 0xffffffffL));
					if (l == null) {
						continue;
					}
					for (int i : l) {
						double[] p = points.get(i);
						double d = Math.hypot(p[0] - x, p[1] - y);
						if (d <= bd) {
							bd = d;
							best = p;
						}
					}
				}
			}
			return best;
		}

		/** Whether a point lies within its own radius (radius[index stored in p[2]]) of (x, y). */
		boolean within(double x, double y, double[] radius, double max) {
			int reach = (int) Math.ceil(max / CELL);
			long cx = (long) Math.floor(x / CELL);
			long cy = (long) Math.floor(y / CELL);
			for (long gx = cx - reach; gx <= cx + reach; gx++) {
				for (long gy = cy - reach; gy <= cy + reach; gy++) {
					List<Integer> l = grid.get((gx << 32) ^ (gy & 0xffffffffL));
					if (l == null) {
						continue;
					}
					for (int i : l) {
						double[] p = points.get(i);
						if (Math.hypot(p[0] - x, p[1] - y) <= radius[(int) p[2]]) {
							return true;
						}
					}
				}
			}
			return false;
		}
	}
}
