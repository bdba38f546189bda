package org.astrobridge.classify.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import org.astrobridge.cli.Cli;

/**
 * Soak: runs {@code classify-folder} on a folder of many fields in this one JVM and, each time another 50 files are
 * done (per-file catalogues in the output folder), records the Java heap in use after a collection and the process's
 * resident memory (VmRSS), which also holds TensorFlow's native memory. Flat RSS once warm means no native leak. Usage:
 * {@code bin/astrobridge benchmark soak FOLDER MODEL OUT} (scripts/soak.sh makes the folder).
 */
public final class SoakBenchmark {

	private SoakBenchmark() {}

	public static void main(String[] args) throws Exception {
		if (args.length != 3) throw new IllegalArgumentException("usage: benchmark soak FOLDER MODEL OUT");
		Path folder = Path.of(args[0]);
		Path out = Path.of(args[2]);
		long files;
		try (Stream<Path> s = Files.list(folder)) {
			files = s.filter(p -> p.toString().endsWith(".fits")).count();
		}
		int[] rc = { -1 };
		Thread work = new Thread(() -> rc[0] = Cli.run(new String[] { "classify-folder", "--folder", args[0], "--model",
			args[1], "--out", args[2], "--threads", "2" }), "soak-classify");
		long start = System.nanoTime();
		work.start();
		System.out.printf(Locale.ROOT, "%8s %9s %12s %10s%n", "files", "seconds", "heap_MB", "rss_MB");
		long next = 50;
		while (work.isAlive()) {
			work.join(500);
			long done = catalogues(out);
			if (done >= next || !work.isAlive()) {
				System.gc();
				long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
				System.out.printf(Locale.ROOT, "%8d %9.1f %12.1f %10.1f%n", done, (System.nanoTime() - start) / 1e9, heap /
					1048576.0, rssKb() / 1024.0);
				while (next <= done)
					next += 50;
			}
		}
		System.out.println("soak: " + files + " fields, classify-folder exit code " + rc[0]);
	}

	private static long catalogues(Path out) throws IOException {
		if (!Files.isDirectory(out)) return 0;
		try (Stream<Path> s = Files.list(out)) {
			return s.filter(p -> {
				String n = p.getFileName().toString();
				return n.endsWith(".csv") && !n.startsWith(".") && !n.startsWith("merged");
			}).count();
		}
	}

	/** VmRSS of this process, in kB (Linux). */
	static long rssKb() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
		}
		return -1;
	}
}
