package org.astrobridge.fits.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsWriter;

/**
 * Reading speed of FitsReader.readImage against a plain sequential read of the same file (FileChannel into a
 * ByteBuffer), best of 3 each. Usage: FitsReadBenchmark [size, default 8192] (needs about -Xmx2g for 8192).
 */
public final class FitsReadBenchmark {

	private FitsReadBenchmark() {}

	public static void main(String[] args) throws IOException {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
		Path dir = Files.createTempDirectory("fitsbench");
		try {
			Path file = dir.resolve("bench.fits");
			float[] px = new float[n * n];
			SplittableRandom r = new SplittableRandom(42);
			for (int i = 0; i < px.length; i++) {
				px[i] = (float) r.nextDouble();
			}
			FitsWriter.write(file, new FitsImage(n, n, null, new float[][] { px }, new FitsHeader()));
			px = null;
			long bytes = Files.size(file);
			double plain = Double.MAX_VALUE;
			double fits = Double.MAX_VALUE;
			ByteBuffer buf = ByteBuffer.allocateDirect(1 << 23);
			for (int k = 0; k < 3; k++) {
				long t0 = System.nanoTime();
				long total = 0;
				try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
					int got;
					while ((got = ch.read(buf)) >= 0) {
						total += got;
						buf.clear();
					}
				}
				plain = Math.min(plain, (System.nanoTime() - t0) / 1e9);
				if (total != bytes) {
					throw new IllegalStateException("short read");
				}
				System.gc();
				t0 = System.nanoTime();
				FitsImage img = FitsReader.readImage(file, null);
				fits = Math.min(fits, (System.nanoTime() - t0) / 1e9);
				if (img.width() != n) {
					throw new IllegalStateException("wrong size");
				}
				img = null;
				System.gc();
			}
			double mb = bytes / 1e6;
			System.out.printf(Locale.ROOT, "file: %dx%d float32, %.1f MB%n", n, n, mb);
			System.out.printf(Locale.ROOT, "plain FileChannel read: %.0f MB/s (best of 3: %.3f s)%n", mb / plain, plain);
			System.out.printf(Locale.ROOT, "FitsReader.readImage:   %.0f MB/s (best of 3: %.3f s)%n", mb / fits, fits);
			System.out.printf(Locale.ROOT, "ratio FitsReader/plain: %.0f %%%n", 100 * plain / fits);
		}
		finally {
			try (Stream<Path> s = Files.walk(dir)) {
				s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}
}
