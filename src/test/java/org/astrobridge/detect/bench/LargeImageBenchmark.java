package org.astrobridge.detect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.SplittableRandom;
import org.astrobridge.detect.DetectionResult;
import org.astrobridge.detect.DetectionSettings;
import org.astrobridge.detect.Detector;

/**
 * Tiled detection on a 16384 x 16384 float image (1 GiB) within a small heap. Run with -Xmx2g. Arguments: [size
 * (16384)] [objects (20000)] [seed (7)].
 */
public final class LargeImageBenchmark {

	private LargeImageBenchmark() {}

	public static void main(String[] args) {
		int size = args.length > 0 ? Integer.parseInt(args[0]) : 16384;
		int count = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
		long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
		float[] px = new float[size * size];
		SplittableRandom rnd = new SplittableRandom(seed);
		for (int p = 0; p < px.length; p++) {
			// Sum of four uniforms: near-Gaussian noise of RMS 10 at a fraction of Box-Muller's cost.
			px[p] = (float) (1000 + 10 * Math.sqrt(3) * (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() + rnd
				.nextDouble() - 2));
		}
		for (int k = 0; k < count; k++) {
			double x = rnd.nextDouble(size);
			double y = rnd.nextDouble(size);
			double flux = 300 + rnd.nextDouble(30000);
			double sigma = 1.2 + rnd.nextDouble(2.5);
			int r = (int) Math.ceil(4 * sigma);
			double norm = flux / (2 * Math.PI * sigma * sigma);
			for (int j = Math.max(0, (int) y - r); j <= Math.min(size - 1, (int) y + r); j++) {
				for (int i = Math.max(0, (int) x - r); i <= Math.min(size - 1, (int) x + r); i++) {
					double d2 = (i - x) * (i - x) + (j - y) * (j - y);
					px[j * size + i] += (float) (norm * Math.exp(-0.5 * d2 / (sigma * sigma)));
				}
			}
		}
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		long t0 = System.nanoTime();
		DetectionResult r = new Detector(DetectionSettings.defaults()).detect(px, size, size, null);
		double s = (System.nanoTime() - t0) / 1e9;
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		System.out.printf(Locale.ROOT, "%d x %d: %d objects (%d inserted), %d tiles, %d large; %.1f s = %.1f Mpix/s;" +
			" max heap %d MiB, peak heap use %d MiB (image %d MiB)%n", size, size, r.objects().size(), count, r.tiles(), r
				.largeObjects(), s, (double) size * size / 1e6 / s, Runtime.getRuntime().maxMemory() >> 20, peak >> 20, (4L *
					size * size) >> 20);
	}
}
