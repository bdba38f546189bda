package org.astrobridge.nn;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/** Thread count and device choice for TensorFlow sessions, and the report of where ops actually ran. */
public final class SessionSettings {

	static {
		TensorFlowRuntime.configure(); // before this class first touches TensorFlow
	}

	/**
	 * TensorFlow sizes its intra- and inter-op thread pools once per process, from the first session's settings; later
	 * sessions share them whatever they ask for. This is that first count (0 before any session).
	 */
	private static final AtomicInteger PROCESS_THREADS = new AtomicInteger();

	private final int threads;
	private final String device;

	/** @param threads intra- and inter-op threads, 0 = all processors; @param device auto, cpu or gpu */
	public SessionSettings(int threads, String device) {
		if (threads < 0) throw new IllegalArgumentException("threads must not be negative, got " + threads);
		String d = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
		if (!d.equals("auto") && !d.equals("cpu") && !d.equals("gpu")) throw new IllegalArgumentException(
			"unknown device '" + device + "': expected auto, cpu or gpu");
		this.threads = threads;
		this.device = d;
	}

	public static SessionSettings of(TrainingOptions o) {
		return new SessionSettings(o.getInt("threads"), o.get("device"));
	}

	public int threads() {
		return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
	}

	/** The thread count TensorFlow's pools in this process actually have (0 before the first session). */
	public static int processThreads() {
		return PROCESS_THREADS.get();
	}

	public String device() {
		return device;
	}

	public ConfigProto config() {
		PROCESS_THREADS.compareAndSet(0, threads());
		ConfigProto.Builder c = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads())
			.setInterOpParallelismThreads(threads()).setAllowSoftPlacement(!device.equals("gpu"));
		if (device.equals("cpu")) c.putDeviceCount("GPU", 0);
		return c.build();
	}

	/** Traces one run and summarises the devices that executed its ops, e.g. "CPU:0 (154 ops)". */
	public static String placement(Session.Runner runner) {
		RunOptions traced = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.SOFTWARE_TRACE).build();
		try (Result r = runner.setOptions(traced).runAndFetchMetadata()) {
			return describe(r.getMetadata().orElse(null));
		}
	}

	static String describe(RunMetadata meta) {
		if (meta == null || !meta.hasStepStats()) return "unknown (no run metadata)";
		Map<String, Integer> counts = new TreeMap<>();
		for (DeviceStepStats d : meta.getStepStats().getDevStatsList()) {
			String name = d.getDevice();
			int at = name.indexOf("device:");
			counts.merge(at >= 0 ? name.substring(at + 7) : name, d.getNodeStatsCount(), Integer::sum);
		}
		StringBuilder s = new StringBuilder();
		for (Map.Entry<String, Integer> e : counts.entrySet()) {
			if (s.length() > 0) s.append(", ");
			s.append(e.getKey()).append(" (").append(e.getValue()).append(" ops)");
		}
		return s.length() == 0 ? "unknown" : s.toString();
	}

	/**
	 * The training step (counted from 1 over the whole run) that is traced in full for a per-op time profile: the system
	 * property {@code astrobridge.profileStep}, 0 (the default) for none. Read by the training-profile benchmark through
	 * {@link #lastProfile()}.
	 */
	static long profileStep() {
		return Long.getLong("astrobridge.profileStep", 0);
	}

	private static volatile RunMetadata lastProfile;

	static void recordProfile(RunMetadata meta) {
		lastProfile = meta;
	}

	/** Step statistics of the last step traced for {@link #profileStep()}, or null when none was. */
	public static RunMetadata lastProfile() {
		return lastProfile;
	}

	/** Fails when a GPU was demanded but the traced run used none. */
	void requireDevice(String placement) {
		if (device.equals("gpu") && !placement.contains("GPU")) throw new IllegalStateException(
			"device=gpu was requested but TensorFlow ran on " + placement +
				": the CPU-only native build is installed, or CUDA 12.5 / cuDNN 9 are missing");
	}

	@Override
	public String toString() {
		return "threads=" + threads() + ", device=" + device;
	}
}
