package org.astrobridge.nn.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.astrobridge.nn.EpochReport;
import org.astrobridge.nn.InferenceGraph;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.nn.Trainer;
import org.astrobridge.nn.TrainingOptions;

/**
 * Training throughput (source images per second) of source-only, DANN and MMD, and inference throughput, of the
 * DeepMerge II network on random stamps, next to the PyTorch peer ../shared/bench/torch_reference.py when
 * /usr/bin/python3 has torch. Training is timed through the real {@link Trainer} (batch assembly in Java, Adam,
 * batch-norm updates; augmentation off as in the peer) over the epochs after the first, minus nothing: the tiny
 * validation split is included.
 *
 * <pre>
 * java -cp ... org.astrobridge.nn.bench.ThroughputBenchmark [size 64] [bands 3] [batch 64] [steps 30] [threads 0]
 * </pre>
 */
public final class ThroughputBenchmark {

	public static void main(String[] args) throws Exception {
		int size = args.length > 0 ? Integer.parseInt(args[0]) : 64;
		int bands = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
		int steps = args.length > 3 ? Integer.parseInt(args[3]) : 30;
		int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
		int nThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
		System.out.printf(Locale.ROOT, "# %dx%dx%d, batch %d, %d steps per epoch, %d threads, %s%n", size, size, bands,
			batch, steps, nThreads, org.astrobridge.nn.TensorFlowRuntime.describe());
		// The peer runs first, before this JVM starts TensorFlow, so nothing of ours (pool threads, GC, JIT) can run
		// beside it; the line after it says how much CPU this JVM used meanwhile. PEER_LAST=1 keeps the older order.
		boolean peerLast = "1".equals(System.getenv("PEER_LAST"));
		Map<String, Double> peer = peerLast ? Map.of() : timedPeer(size, bands, batch, steps, nThreads);
		int train = batch * steps, val = 2 * batch;
		StampSet source = random(train + val, size, bands, 1, true);
		StampSet target = random(train, size, bands, 2, false);
		Map<String, Double> ours = new LinkedHashMap<>();
		TrainedModel last = null;
		for (String method : new String[] { "source-only", "dann", "mmd" }) {
			TrainingOptions o = TrainingOptions.fromMap(Map.of("method", method, "epochs", "3", "batch", String.valueOf(
				batch), "augment", "false", "val-fraction", String.valueOf((double) val / (train + val)), "threads", String
					.valueOf(threads), "patience", "0", "device", "cpu"));
			List<EpochReport> reports = new ArrayList<>();
			last = new Trainer(o).train(source, method.equals("source-only") ? null : target, null, reports::add);
			double secs = reports.get(1).seconds() + reports.get(2).seconds();
			ours.put("train-" + method, 2.0 * train / secs);
			System.out.printf(Locale.ROOT, "astrobridge train-%s %.1f%n", method, 2.0 * train / secs);
		}
		StampSet big = random(256, size, bands, 3, false);
		float[] norm = last.normalisation().apply(big);
		try (InferenceGraph g = last.inferenceGraph(new SessionSettings(threads, "cpu"))) {
			g.predict(norm, 256, 256);
			g.predict(norm, 256, 256);
			long t0 = System.nanoTime();
			int n = 0;
			while (System.nanoTime() - t0 < 3e9) {
				g.predict(norm, 256, 256);
				n += 256;
			}
			double ips = n / ((System.nanoTime() - t0) / 1e9);
			ours.put("infer", ips);
			System.out.printf(Locale.ROOT, "astrobridge infer %.1f%n", ips);
		}
		if (peerLast) peer = timedPeer(size, bands, batch, steps, nThreads);
		if (peer.isEmpty()) {
			System.out.println(
				"# PyTorch peer not run (needs /usr/bin/python3 with torch and ../shared/bench/torch_reference.py)");
			return;
		}
		System.out.println("| measure | AstroBridge (TF Java) img/s | PyTorch peer img/s | ratio |");
		System.out.println("|---|---|---|---|");
		for (Map.Entry<String, Double> e : ours.entrySet()) {
			Double p = peer.get(e.getKey());
			System.out.printf(Locale.ROOT, "| %s | %.0f | %s | %s |%n", e.getKey(), e.getValue(), p == null ? "-" : String
				.format(Locale.ROOT, "%.0f", p), p == null ? "-" : String.format(Locale.ROOT, "%.2fx", e.getValue() / p));
		}
	}

	/** The peer's figures, and how much CPU this JVM burnt meanwhile (it should be idle). */
	private static Map<String, Double> timedPeer(int size, int bands, int batch, int steps, int threads)
		throws Exception
	{
		var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
		Map<String, Double> out = peer(size, bands, batch, steps, threads);
		System.out.printf(Locale.ROOT, "# this JVM used %.1f s of CPU during the peer's %.1f s%n", (os.getProcessCpuTime() -
			cpu0) / 1e9, (System.nanoTime() - t0) / 1e9);
		return out;
	}

	private static Map<String, Double> peer(int size, int bands, int batch, int steps, int threads) throws Exception {
		Map<String, Double> out = new LinkedHashMap<>();
		File script = new File("../shared/bench/torch_reference.py");
		if (!script.isFile() || !new File("/usr/bin/python3").canExecute()) return out;
		Process p = new ProcessBuilder("/usr/bin/python3", script.getPath(), "--size", "" + size, "--bands", "" + bands,
			"--batch", "" + batch, "--steps", "" + steps, "--threads", "" + threads).redirectErrorStream(true).start();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = r.readLine()) != null) {
				System.out.println(line);
				String[] f = line.trim().split("\\s+");
				if (f.length == 3 && f[0].equals("peer")) out.put(f[1], Double.parseDouble(f[2]));
			}
		}
		p.waitFor();
		return out;
	}

	static StampSet random(int n, int size, int bands, long seed, boolean labelled) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] px = new float[n * size * size * bands];
		for (int i = 0; i < px.length; i++)
			px[i] = (float) r.nextDouble(-1, 1);
		int[] labels = new int[n];
		for (int k = 0; k < n; k++)
			labels[k] = k % 2;
		return new StampSet(n, size, size, bands, px, labelled ? labels : null, labelled ? new String[] { "a", "b" } : null,
			"random", null);
	}
}
