package org.astrobridge.fits.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
 * ByteBuffer), median of 3 each, for two files of the same size in pixels: float32 without scaling (a bulk copy) and
 * int16 with BSCALE/BZERO (a conversion per pixel, the common raw-camera layout). Usage: FitsReadBenchmark [size,
 * default 8192] (needs about -Xmx3g for 8192).
 */
public final class FitsReadBenchmark {

	private FitsReadBenchmark() {}

	public static void main(String[] args) throws IOException {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
		Path dir = Files.createTempDirectory("fitsbench");
		try {
			Path f32 = dir.resolve("float32.fits");
			float[] px = new float[n * n];
			SplittableRandom r = new SplittableRandom(42);
			for (int i = 0; i < px.length; i++) {
				px[i] = (float) r.nextDouble();
			}
			FitsWriter.write(f32, new FitsImage(n, n, null, new float[][] { px }, new FitsHeader()));
			px = null;
			measure(f32, n, "float32");
			Path i16 = dir.resolve("int16.fits");
			writeInt16(i16, n, r);
			Files.delete(f32); // keep the page cache for the file being timed
			measure(i16, n, "int16 BSCALE=0.5 BZERO=32768");
		}
		finally {
			try (Stream<Path> s = Files.walk(dir)) {
				s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	private static void measure(Path file, int n, String kind) throws IOException {
		long bytes = Files.size(file);
		double[] plain = new double[3];
		double[] fits = new double[3];
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
			plain[k] = (System.nanoTime() - t0) / 1e9;
			if (total != bytes) {
				throw new IllegalStateException("short read");
			}
			System.gc();
			t0 = System.nanoTime();
			FitsImage img = FitsReader.readImage(file, null);
			fits[k] = (System.nanoTime() - t0) / 1e9;
			if (img.width() != n) {
				throw new IllegalStateException("wrong size");
			}
			img = null;
			System.gc();
		}
		// the floor under any reader: a fresh float[] of the image's size, allocated (zeroed) and written once
		double[] alloc = new double[3];
		for (int k = 0; k < 3; k++) {
			long t0 = System.nanoTime();
			float[] a = new float[n * n];
			Arrays.fill(a, 1f);
			alloc[k] = (System.nanoTime() - t0) / 1e9;
			if (a[n * n - 1] != 1f) {
				throw new IllegalStateException();
			}
			a = null;
			System.gc();
		}
		double p = median(plain);
		double f = median(fits);
		double mb = bytes / 1e6;
		System.out.printf(Locale.ROOT, "file: %dx%d %s, %.1f MB%n", n, n, kind, mb);
		System.out.printf(Locale.ROOT, "plain FileChannel read: %.0f MB/s (median of 3: %.3f s)%n", mb / p, p);
		System.out.printf(Locale.ROOT, "FitsReader.readImage:   %.0f MB/s (median of 3: %.3f s)%n", mb / f, f);
		System.out.printf(Locale.ROOT, "ratio FitsReader/plain: %.0f %%%n", 100 * p / f);
		System.out.printf(Locale.ROOT, "floor: new float[%d] + one write pass: %.3f s (median of 3; %.0f %% of the read)%n",
			n * n, median(alloc), 100 * median(alloc) / f);
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}

	/** An n x n BITPIX 16 image with BSCALE 0.5 and BZERO 32768 (unsigned counts stored as signed shorts, halved). */
	private static void writeInt16(Path file, int n, SplittableRandom r) throws IOException {
		StringBuilder h = new StringBuilder();
		card(h, "SIMPLE", "T");
		card(h, "BITPIX", "16");
		card(h, "NAXIS", "2");
		card(h, "NAXIS1", Integer.toString(n));
		card(h, "NAXIS2", Integer.toString(n));
		card(h, "BSCALE", "0.5");
		card(h, "BZERO", "32768.0");
		h.append(String.format(Locale.ROOT, "%-80s", "END"));
		while (h.length() % 2880 != 0) {
			h.append(' ');
		}
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
			ByteBuffer row = ByteBuffer.allocate(2 * n).order(ByteOrder.BIG_ENDIAN);
			for (int y = 0; y < n; y++) {
				row.clear();
				for (int x = 0; x < n; x++) {
					row.putShort((short) r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1));
				}
				out.write(row.array());
			}
			long data = 2L * n * n;
			out.write(new byte[(int) ((2880 - data % 2880) % 2880)]);
		}
	}

	private static void card(StringBuilder h, String key, String value) {
		h.append(String.format(Locale.ROOT, "%-8s= %20s%50s", key, value, ""));
	}
}
