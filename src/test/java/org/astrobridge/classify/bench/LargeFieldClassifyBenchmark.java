package org.astrobridge.classify.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import org.astrobridge.bench.BenchmarkArgs;
import org.astrobridge.classify.Classification;
import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.classify.FieldClassifier;
import org.astrobridge.classify.TruthComparison;
import org.astrobridge.detect.DetectionResult;
import org.astrobridge.detect.DetectionSettings;
import org.astrobridge.detect.Detector;
import org.astrobridge.detect.bench.SExtractor;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogWriter;
import org.astrobridge.report.FitsCatalogWriter;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;
import org.astrobridge.util.Progress;

/**
 * End-to-end field classification of a 16384 x 16384 float32 field within a 2 GB heap (run with -Xmx2g), beside
 * SExtractor on the same file in the same run.
 * <p>
 * The simulator writes an SDSS-like {@code mergers} field (one band, TAN WCS at the model's pixel scale, galaxies plus
 * 0.3 as many stars, truth catalogue); it renders the field in memory once and streams it to the file. SExtractor then
 * detects on that file with our detection settings. Our pipeline runs as the {@code classify} command does:
 * {@link FitsReader#readImage}, {@link FieldClassifier#classify} (tiled detection, cut-outs, batched TensorFlow
 * inference, OOD scores, catalogue), then the CSV and FITS catalogue files. Printed: detection Mpix/s of both, our time
 * per step, end-to-end objects/s, peak heap from the FITS read on (sum of the heap pools' peaks, garbage included, and
 * the most in use right after a collection), completeness against the truth (one-to-one matches within {@code radius})
 * overall and for objects near the inner tile edges, and pairs of detections closer than 1 px (an object counted twice
 * by two tiles would be such a pair).
 *
 * <pre>
 * bin/astrobridge benchmark classify-large [size=16384] [objects=20000] [seed=7]
 *     [model=models/mergers-sim-to-sdss-dann.zip] [threads=1] [tile=2048] [radius=3] [warm=true] [out=DIR]
 * </pre>
 *
 * {@code objects}: simulated galaxies; {@code threads}: detection and TensorFlow threads, and the simulator's (0 = all
 * processors; SExtractor always uses one); {@code warm}: also time a second detection of the same pixels, after the JIT
 * has compiled the detector; {@code out}: folder to keep the field, truth and catalogues in (default: a temporary
 * folder deleted at the end).
 */
public final class LargeFieldClassifyBenchmark {

	/** Truth objects closer than this to an inner tile edge (pixels) count as "on a tile border". */
	private static final double EDGE_PX = 10;
	/** Two detections closer than this (pixels) would be one object counted twice. */
	private static final double TWIN_PX = 1;

	/** Names of the heap memory pools (G1: eden, survivor, old gen). */
	private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p
		.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

	private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

	static {
		DEFAULTS.put("size", "16384");
		DEFAULTS.put("objects", "20000");
		DEFAULTS.put("seed", "7");
		DEFAULTS.put("model", "models/mergers-sim-to-sdss-dann.zip");
		DEFAULTS.put("threads", "1");
		DEFAULTS.put("tile", "2048");
		DEFAULTS.put("radius", "3");
		DEFAULTS.put("warm", "true");
		DEFAULTS.put("out", "");
	}

	private LargeFieldClassifyBenchmark() {}

	public static void main(String[] args) throws Exception {
		Map<String, String> o = BenchmarkArgs.parse(args, DEFAULTS);
		int size = Integer.parseInt(o.get("size"));
		int objects = Integer.parseInt(o.get("objects"));
		int threads = Integer.parseInt(o.get("threads"));
		int tile = Integer.parseInt(o.get("tile"));
		double radius = Double.parseDouble(o.get("radius"));
		Path model = Path.of(o.get("model"));
		boolean keep = !o.get("out").isEmpty();
		Path dir = keep ? Files.createDirectories(Path.of(o.get("out"))) : Files.createTempDirectory(
			"astrobridge-classify-large");
		double mpix = (double) size * size / 1e6;
		try {
			long m0 = System.nanoTime();
			try (Predictor predictor = Predictor.open(model, new SessionSettings(threads, "auto"))) {
				double scale = predictor.card().pixelScaleArcsec();
				ClassifySettings settings = ClassifySettings.defaults().withDetection(DetectionSettings.defaults().withTiles(
					tile, DetectionSettings.defaults().tileMargin()).withThreads(threads));
				FieldClassifier classifier = new FieldClassifier(predictor, settings, model.toString());
				double modelS = seconds(m0);
				System.out.printf(Locale.ROOT, "model %s (%dx%dx%d stamps, %.3f\"/px, classes %s): loaded and OOD " +
					"scorer fitted in %.1f s%n", model, predictor.card().width(), predictor.card().height(), predictor.card()
						.bands(), scale, String.join(", ", predictor.card().classNames()), modelS);

				long s0 = System.nanoTime();
				SimulationSpec spec = field(size, objects, Long.parseLong(o.get("seed")), scale, threads, dir);
				BenchmarkWriter.write(spec);
				Path fits = dir.resolve(spec.stem() + "_field.fits");
				Path truthCsv = dir.resolve(spec.stem() + "_truth.csv");
				System.out.printf(Locale.ROOT, "field: %d x %d float32 (%.1f Mpix, %d MiB file), %d galaxies + %d" +
					" stars (simulator task mergers, domain sdss at %.3f\"/px), TAN WCS; simulated and written in" +
					" %.1f s: %s%n", size, size, mpix, Files.size(fits) >> 20, objects, Math.round(0.3 * objects), scale, seconds(
						s0), fits);

				SExtractor.Run sex = SExtractor.detect(dir, fits, settings.detection());
				System.out.printf(Locale.ROOT, "SExtractor (1 thread, same threshold, area, filter, deblending," +
					" mesh): %d detections in %.1f s = %.2f Mpix/s (wall, including its FITS read)%n", sex.positions().size(), sex
						.seconds(), mpix / sex.seconds());

				System.gc();
				resetPeaks();
				AfterCollections live = new AfterCollections();
				long t0 = System.nanoTime();
				FitsImage image = FitsReader.readImage(fits, null);
				long t1 = System.nanoTime();
				StepClock clock = new StepClock();
				Classification result = classifier.classify(image, clock);
				long t2 = clock.detected();
				long t3 = System.nanoTime();
				FitsCatalogWriter.write(result.catalog(), dir.resolve(spec.stem() + "_catalog.fits"), fits);
				CsvCatalogWriter.write(result.catalog(), dir.resolve(spec.stem() + "_catalog.csv"), fits);
				long t4 = System.nanoTime();
				long peak = peakHeap();
				long liveMax = live.max();
				int n = result.catalog().rowCount();
				double detectS = (t2 - t1) / 1e9;
				double classifyS = (t3 - t2) / 1e9;
				double totalS = (t4 - t0) / 1e9;
				int tilesPerSide = (size + tile - 1) / tile;
				System.out.printf(Locale.ROOT, "AstroBridge (threads=%d; %d tile(s) of %d px + %d px margin): FITS read" +
					" %.1f s; detection %.1f s = %.2f Mpix/s (first run in this JVM); cut-outs + inference + OOD" +
					" %.1f s = %.0f objects/s; catalogue CSV + FITS %.1f s%n", threads, tilesPerSide * tilesPerSide, tile,
					settings.detection().tileMargin(), (t1 - t0) / 1e9, detectS, mpix / detectS, classifyS, n / classifyS, (t4 -
						t3) / 1e9);
				System.out.printf(Locale.ROOT, "end to end (read, detect, classify, write): %d objects in %.1f s =" +
					" %.1f objects/s; %s%n", n, totalS, n / totalS, result.summary());
				System.out.printf(Locale.ROOT, "heap from the FITS read to the written catalogue: max %d MiB; peak" +
					" use %d MiB (heap pools' peaks, garbage included); at most %d MiB in use after a garbage" +
					" collection; the image alone is %d MiB%n", Runtime.getRuntime().maxMemory() >> 20, peak >> 20, liveMax >> 20,
					(4L * size * size) >> 20);

				String warm = "";
				if (Boolean.parseBoolean(o.get("warm"))) {
					long w0 = System.nanoTime();
					DetectionResult again = new Detector(settings.detection()).detect(image.plane(0), size, size, image.wcs());
					double warmS = seconds(w0);
					if (!again.objects().equals(result.objects())) {
						throw new IllegalStateException("a second detection of the same pixels gave another catalogue");
					}
					warm = String.format(Locale.ROOT, ", %.2f warm (second run, %.1f s)", mpix / warmS, warmS);
				}
				System.out.printf(Locale.ROOT, "detection Mpix/s: AstroBridge %.2f in the pipeline%s; SExtractor" + " %.2f%n",
					mpix / detectS, warm, mpix / sex.seconds());

				truth(result.catalog(), sexCatalog(sex.positions()), TruthComparison.readTruth(truthCsv), radius, tile, size);
			}
		}
		finally {
			if (!keep) {
				BenchmarkArgs.deleteTree(dir);
			}
		}
	}

	/** A one-band SDSS-like mergers field at the given pixel scale, without the contact sheet. */
	private static SimulationSpec field(int size, int galaxies, long seed, double scale, int threads, Path dir) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("task", "mergers");
		m.put("domain", "sdss");
		m.put("mode", "field");
		m.put("fieldSize", Integer.toString(size));
		m.put("n", Integer.toString(galaxies));
		m.put("bands", "1");
		m.put("seed", Long.toString(seed));
		m.put("pixelScale", Double.toString(scale));
		m.put("contactSheet", "false");
		m.put("threads", Integer.toString(threads > 0 ? threads : Runtime.getRuntime().availableProcessors()));
		m.put("outputDir", dir.toString());
		return SimulationSpec.fromOptions(m);
	}

	/** Completeness of both catalogues overall and near the inner tile edges, and near-coincident detection pairs. */
	private static void truth(Catalog ours, Catalog sex, Catalog truth, double radius, int tile, int size)
		throws IOException
	{
		TruthComparison all = TruthComparison.compare(ours, truth, radius);
		System.out.println("truth, AstroBridge: " + all.summary());
		TruthComparison sexAll = TruthComparison.compare(sex, truth, radius);
		System.out.printf(Locale.ROOT, "truth, SExtractor: %d of %d galaxies detected (%.1f %%); %d of %d stars;" +
			" %d detections match nothing%n", sexAll.matchedGalaxies(), sexAll.galaxies(), 100 * sexAll.completeness(), sexAll
				.matchedStars(), sexAll.stars(), sexAll.unmatchedDetections());
		Catalog edge = nearEdges(truth, tile, size);
		TruthComparison oursEdge = TruthComparison.compare(ours, edge, radius);
		TruthComparison sexEdge = TruthComparison.compare(sex, edge, radius);
		if (oursEdge.galaxies() == 0) {
			System.out.printf(Locale.ROOT, "tile borders: no truth galaxy lies within %.0f px of an inner tile edge%n",
				EDGE_PX);
		}
		else {
			System.out.printf(Locale.ROOT, "tile borders: %d truth galaxies lie within %.0f px of an inner tile edge;" +
				" detected by AstroBridge %d (%.1f %%), by SExtractor %d (%.1f %%)%n", oursEdge.galaxies(), EDGE_PX, oursEdge
					.matchedGalaxies(), 100 * oursEdge.completeness(), sexEdge.matchedGalaxies(), 100 * sexEdge.completeness());
		}
		boolean[] onEdge = straddling(ours, tile);
		int crossing = 0;
		for (boolean b : onEdge) {
			crossing += b ? 1 : 0;
		}
		System.out.printf(Locale.ROOT, "detections whose footprint crosses an inner tile edge: %d; pairs of detections" +
			" closer than %.0f px: AstroBridge %d (%d of them with a footprint on a tile edge), SExtractor %d%n", crossing,
			TWIN_PX, closePairs(ours, null), closePairs(ours, onEdge), closePairs(sex, null));
	}

	/** SExtractor's positions as a catalogue {@link TruthComparison} can match (no class). */
	private static Catalog sexCatalog(List<double[]> positions) {
		Catalog c = new Catalog().addDouble("x_fits", "px", "").addDouble("y_fits", "px", "").addString("class", "");
		for (double[] p : positions) {
			c.addRow(p[0], p[1], "");
		}
		return c;
	}

	/** The truth rows closer than {@link #EDGE_PX} to an edge between two tile cores. */
	private static Catalog nearEdges(Catalog truth, int tile, int size) {
		Catalog c = new Catalog().addDouble("x", "px", "").addDouble("y", "px", "").addInt("label", "", "").addString(
			"class_name", "");
		double[] x = truth.doubleColumn("x");
		double[] y = truth.doubleColumn("y");
		int[] label = truth.intColumn("label");
		String[] name = truth.stringColumn("class_name");
		for (int i = 0; i < x.length; i++) {
			if (edgeDistance(x[i], tile, size) < EDGE_PX || edgeDistance(y[i], tile, size) < EDGE_PX) {
				c.addRow(x[i], y[i], label[i], name[i]);
			}
		}
		return c;
	}

	/** Distance from a coordinate to the nearest boundary between tile cores (they lie at k * tile - 0.5). */
	private static double edgeDistance(double v, int tile, int size) {
		long k = Math.round((v + 0.5) / tile);
		if (k < 1 || k * tile >= size) {
			return Double.POSITIVE_INFINITY;
		}
		return Math.abs(v - (k * tile - 0.5));
	}

	/** Per detection: whether its footprint's bounding box spans two tile cores. */
	private static boolean[] straddling(Catalog c, int tile) {
		int[] x0 = c.intColumn("x_min");
		int[] x1 = c.intColumn("x_max");
		int[] y0 = c.intColumn("y_min");
		int[] y1 = c.intColumn("y_max");
		boolean[] out = new boolean[x0.length];
		for (int i = 0; i < x0.length; i++) {
			out[i] = x0[i] / tile != x1[i] / tile || y0[i] / tile != y1[i] / tile;
		}
		return out;
	}

	/** Pairs of detections closer than {@link #TWIN_PX}; with {@code only}, pairs with a member flagged in it. */
	private static int closePairs(Catalog c, boolean[] only) {
		double[] x = c.doubleColumn("x_fits");
		double[] y = c.doubleColumn("y_fits");
		Integer[] order = new Integer[x.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
		int pairs = 0;
		for (int a = 0; a < order.length; a++) {
			int i = order[a];
			for (int b = a + 1; b < order.length && x[order[b]] - x[i] < TWIN_PX; b++) {
				int j = order[b];
				if (Math.hypot(x[j] - x[i], y[j] - y[i]) < TWIN_PX && (only == null || only[i] || only[j])) {
					pairs++;
				}
			}
		}
		return pairs;
	}

	/** Records when {@link FieldClassifier#classify} reports the end of detection ("N objects detected"). */
	private static final class StepClock implements Progress {

		private long detected;

		@Override
		public void update(double fraction, String message) {
			if (detected == 0 && message != null && message.endsWith(" objects detected")) {
				detected = System.nanoTime();
				System.out.println("  " + message);
			}
		}

		long detected() {
			if (detected == 0) {
				throw new IllegalStateException("FieldClassifier.classify did not report the end of detection");
			}
			return detected;
		}
	}

	/** The most heap in use right after any garbage collection since it was created (what the run really holds). */
	private static final class AfterCollections {

		private final AtomicLong max = new AtomicLong();

		AfterCollections() {
			for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
					if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
						long used = 0;
						GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
						for (Map.Entry<String, MemoryUsage> e : info.getMemoryUsageAfterGc().entrySet()) {
							if (HEAP_POOLS.contains(e.getKey())) {
								used += e.getValue().getUsed();
							}
						}
						max.accumulateAndGet(used, Math::max);
					}
				}, null, null);
			}
		}

		/** Collects once more (so that a run without collections still gives a figure), waits for the notices. */
		long max() throws InterruptedException {
			System.gc();
			Thread.sleep(200);
			return max.get();
		}
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
	}

	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

}
