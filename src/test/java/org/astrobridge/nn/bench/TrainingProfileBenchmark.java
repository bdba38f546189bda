package org.astrobridge.nn.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.Trainer;
import org.astrobridge.nn.TrainingOptions;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where the time of one training step goes: trains on random stamps as training-speed does and traces one step after
 * the warm-up in full (TensorFlow step stats), then prints the op time summed by op type, largest first. Op times
 * overlap when the inter-op pool runs ops side by side, so their sum can exceed the step's wall time.
 *
 * <pre>
 * astrobridge benchmark training-profile [method dann] [size 64] [bands 3] [batch 64] [step 20] [top 15]
 * </pre>
 */
public final class TrainingProfileBenchmark {

	private TrainingProfileBenchmark() {}

	public static void main(String[] args) throws Exception {
		String method = args.length > 0 ? args[0] : "dann";
		int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
		int bands = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
		int step = args.length > 4 ? Integer.parseInt(args[4]) : 20;
		int top = args.length > 5 ? Integer.parseInt(args[5]) : 15;
		if (step < 2) throw new IllegalArgumentException("step must be at least 2 (the first step warms up), got " + step);
		System.setProperty("astrobridge.profileStep", Integer.toString(step));
		int train = batch * step, val = 2 * batch;
		StampSet source = ThroughputBenchmark.random(train + val, size, bands, 1, true);
		StampSet target = ThroughputBenchmark.random(train, size, bands, 2, false);
		TrainingOptions o = TrainingOptions.fromMap(Map.of("method", method, "epochs", "1", "batch", String.valueOf(batch),
			"augment", "false", "val-fraction", String.valueOf((double) val / (train + val)), "patience", "0", "device",
			"cpu"));
		List<org.astrobridge.nn.EpochReport> reports = new ArrayList<>();
		new Trainer(o).train(source, method.equals("source-only") ? null : target, null, reports::add);
		RunMetadata meta = SessionSettings.lastProfile();
		if (meta == null || !meta.hasStepStats()) throw new IllegalStateException("no step was traced");
		Map<String, long[]> byType = new HashMap<>();
		long first = Long.MAX_VALUE, last = Long.MIN_VALUE, sum = 0;
		for (DeviceStepStats d : meta.getStepStats().getDevStatsList()) {
			for (NodeExecStats n : d.getNodeStatsList()) {
				long micros = n.getAllEndRelMicros();
				first = Math.min(first, n.getAllStartMicros());
				last = Math.max(last, n.getAllStartMicros() + micros);
				String type = opType(n);
				long[] acc = byType.computeIfAbsent(type, k -> new long[2]);
				acc[0] += micros;
				acc[1]++;
				sum += micros;
			}
		}
		System.out.printf(Locale.ROOT, "# %s step %d, %dx%dx%d, batch %d, %s; step wall %.1f ms, op time summed %.1f ms%n",
			method, step, size, size, bands, batch, org.astrobridge.nn.TensorFlowRuntime.describe(), (last - first) / 1e3,
			sum / 1e3);
		// the epoch's mean loss, in full: shows whether a change to the graph changed the arithmetic
		System.out.println("# epoch mean loss " + reports.get(0).loss());
		System.out.println("| op type | ms | % of op time | ops |");
		System.out.println("|---|---|---|---|");
		List<Map.Entry<String, long[]>> rows = new ArrayList<>(byType.entrySet());
		rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
		for (Map.Entry<String, long[]> e : rows.subList(0, Math.min(top, rows.size()))) {
			System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %d |%n", e.getKey(), e.getValue()[0] / 1e3, 100.0 * e
				.getValue()[0] / sum, e.getValue()[1]);
		}
	}

	/** The op type from the timeline label "name = Type(inputs)"; the node name where there is no label. */
	private static String opType(NodeExecStats n) {
		String label = n.getTimelineLabel();
		int eq = label.indexOf(" = ");
		int paren = label.indexOf('(', eq + 3);
		if (eq >= 0 && paren > eq) return label.substring(eq + 3, paren);
		return n.getNodeName().isEmpty() ? "?" : n.getNodeName();
	}
}
