package org.astrobridge.nn;

import java.nio.charset.StandardCharsets;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Process-wide TensorFlow settings that must be in place before TensorFlow's native library first runs. Every class
 * that touches TensorFlow calls {@link #configure()} first (in its static initialiser).
 * <p>
 * TensorFlow reads {@code TF_ENABLE_ONEDNN_OPTS} from the C environment of the process. Its oneDNN kernels were
 * 1.3-2.3x faster on the CPUs measured (docs/installation.md, "oneDNN kernels"), so AstroBridge switches them on unless
 * the variable is already set (an explicit {@code TF_ENABLE_ONEDNN_OPTS=0} is respected). Java cannot change the C
 * environment, and inside an already running Fiji JVM there is no launcher script to set it, so the entry is added to
 * libc's {@code environ} array with JavaCPP's raw-memory primitives (JavaCPP is already TensorFlow Java's native
 * layer): a new array holding the old entries plus ours replaces the pointer, and the old array stays valid for any
 * reader that holds it.
 */
public final class TensorFlowRuntime {

	public static final String ONEDNN_VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

	/** Pointer size of the 64-bit platforms TensorFlow Java ships natives for. */
	private static final long POINTER_BYTES = 8;

	private static boolean configured;
	private static boolean oneDnn;
	private static String oneDnnSource;

	private TensorFlowRuntime() {}

	/** Sets the process environment TensorFlow reads; idempotent, and cheap after the first call. */
	public static synchronized void configure() {
		if (configured) return;
		configured = true;
		String current = currentValue();
		if (current != null) {
			oneDnn = isTrue(current);
			oneDnnSource = ONEDNN_VARIABLE + "=" + current + " (from the environment)";
			return;
		}
		try {
			addToEnvironment(ONEDNN_VARIABLE, "1");
			oneDnn = "1".equals(readEnvironment(ONEDNN_VARIABLE));
			oneDnnSource = oneDnn ? ONEDNN_VARIABLE + "=1 (AstroBridge default, set in-process)" : ONEDNN_VARIABLE +
				" unset (could not set it: TensorFlow's default applies)";
		}
		catch (RuntimeException | UnsatisfiedLinkError e) {
			// the kernels are only a speed-up: run without them rather than fail
			oneDnn = false;
			oneDnnSource = ONEDNN_VARIABLE + " unset (could not set it: " + e + ")";
		}
	}

	/** Whether TensorFlow runs its oneDNN kernels in this process (layer shapes depend on it). */
	public static synchronized boolean oneDnnEnabled() {
		configure();
		return oneDnn;
	}

	/** One line for logs and benchmark headers: the setting and where it came from. */
	public static synchronized String describe() {
		configure();
		return oneDnnSource;
	}

	/**
	 * The kernel setting as TensorFlow sees it, e.g. {@code TF_ENABLE_ONEDNN_OPTS=1}: the C environment after the default
	 * was applied, so a launch with the variable unset and one with it set to 1 record the same setting.
	 */
	public static synchronized String kernelSetting() {
		configure();
		String value = currentValue();
		return ONEDNN_VARIABLE + "=" + (value == null ? "unset" : value);
	}

	/** The kernel variable in the C environment, or in the launch environment where JavaCPP's natives are missing. */
	private static String currentValue() {
		try {
			return readEnvironment(ONEDNN_VARIABLE);
		}
		catch (RuntimeException | UnsatisfiedLinkError e) {
			return System.getenv(ONEDNN_VARIABLE); // no JavaCPP natives here: the launch environment is all we know
		}
	}

	private static boolean isTrue(String value) {
		String v = value.trim();
		return v.equals("1") || v.equalsIgnoreCase("true");
	}

	/** The value in the C environment (what TensorFlow sees), not Java's copy taken at start-up. */
	static String readEnvironment(String name) {
		PointerPointer<?> entries = environ();
		if (entries == null) return System.getenv(name);
		String prefix = name + "=";
		for (long i = 0;; i++) {
			Pointer entry = entries.get(i);
			if (isNull(entry)) return null;
			String s = new BytePointer(entry).getString(StandardCharsets.UTF_8);
			if (s.startsWith(prefix)) return s.substring(prefix.length());
		}
	}

	private static void addToEnvironment(String name, String value) {
		Pointer environSymbol = environSymbol();
		if (environSymbol == null) throw new IllegalStateException("libc's environ symbol not found");
		PointerPointer<?> old = environ();
		long n = 0;
		while (old != null && !isNull(old.get(n)))
			n++;
		byte[] text = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
		// malloc'd, never freed: the C environment must outlive every reader
		BytePointer entry = new BytePointer(Pointer.malloc(text.length + 1)).capacity(text.length + 1);
		entry.put(text).put(text.length, (byte) 0);
		PointerPointer<?> fresh = new PointerPointer<>(Pointer.malloc((n + 2) * POINTER_BYTES)).capacity(n + 2);
		for (long i = 0; i < n; i++)
			fresh.put(i, old.get(i));
		fresh.put(n, entry);
		fresh.put(n + 1, (Pointer) null);
		new PointerPointer<>(environSymbol).capacity(1).put(0, fresh);
	}

	/** The address of libc's {@code char **environ} variable. */
	private static Pointer environSymbol() {
		Loader.load(Loader.class); // JavaCPP's own natives (jnijavacpp), before any TensorFlow library loads
		Pointer p = Loader.addressof("environ");
		return isNull(p) ? null : p;
	}

	private static PointerPointer<?> environ() {
		Pointer symbol = environSymbol();
		if (symbol == null) return null;
		Pointer array = new PointerPointer<>(symbol).capacity(1).get(0);
		return isNull(array) ? null : new PointerPointer<>(array);
	}

	private static boolean isNull(Pointer p) {
		return p == null || p.isNull(); // JavaCPP returns null for a NULL element
	}
}
