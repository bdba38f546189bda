package org.astrobridge.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one reader on many damaged inputs and collects every input that breaks the contract: the read returns, or throws
 * the project's error type with a message naming the input; nothing else, within a time and allocation bound. The
 * number of inputs comes from the system property {@code astrobridge.fuzz.inputs} (the long run) or the default.
 */
public final class FuzzRun {

	/** Reads one input; throws whatever the reader throws. */
	@FunctionalInterface
	public interface Reader {

		void read(Path input) throws Exception;
	}

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final Class<? extends Exception> expected;
	private final long timeoutMillis;
	private final List<String> crashes = new ArrayList<>();
	private ExecutorService worker = newWorker();
	private int inputs;
	private int opened;
	private int refused;
	private boolean stopped;

	public FuzzRun(Class<? extends Exception> expected, long timeoutMillis) {
		this.expected = expected;
		this.timeoutMillis = timeoutMillis;
	}

	/** Inputs for this run: the long run's count when the property is set, else the fast default. */
	public static int inputs(int fastDefault) {
		return Integer.getInteger("astrobridge.fuzz.inputs", fastDefault);
	}

	/** The seed: fixed for the suite, {@code astrobridge.fuzz.seed} for other runs. */
	public static long seed(long fixed) {
		return Long.getLong("astrobridge.fuzz.seed", fixed);
	}

	private static ExecutorService newWorker() {
		return Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "fuzz-reader");
			t.setDaemon(true);
			return t;
		});
	}

	/**
	 * Reads {@code input}, which was made by {@code how}; {@code allocationBound} is the most bytes the read may allocate
	 * (the thread's allocation counter, so it also catches allocations that would have succeeded).
	 */
	public void check(Path input, String how, long allocationBound, Reader reader) {
		if (stopped) return;
		int before = crashes.size();
		inputs++;
		try {
			run(input, how, allocationBound, reader);
		}
		finally {
			if (crashes.size() > before) System.err.println("fuzz: " + crashes.get(crashes.size() - 1));
		}
	}

	private void run(Path input, String how, long allocationBound, Reader reader) {
		Future<long[]> f = worker.submit(() -> {
			long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
			Throwable thrown = null;
			try {
				reader.read(input);
			}
			catch (Throwable t) {
				thrown = t;
			}
			long used = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
			if (thrown != null && !(expected.isInstance(thrown) && thrown.getMessage() != null && thrown.getMessage()
				.contains(input.getFileName().toString())))
			{
				throw new IllegalStateException(thrown.getClass().getName() + ": " + thrown.getMessage(), thrown);
			}
			return new long[] { thrown == null ? 1 : 0, used };
		});
		try {
			long[] r = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
			if (r[0] == 1) opened++;
			else refused++;
			if (r[1] > allocationBound) {
				crashes.add(how + ": allocated " + (r[1] >> 20) + " MB, bound " + (allocationBound >> 20) + " MB");
			}
		}
		catch (TimeoutException e) {
			f.cancel(true);
			worker.shutdownNow();
			worker = newWorker();
			crashes.add(how + ": no answer within " + timeoutMillis + " ms");
			// the reader thread cannot be stopped and may go on allocating: later inputs would not be judged fairly
			stopped = true;
		}
		catch (Exception e) {
			Throwable c = e.getCause() instanceof IllegalStateException ise ? ise : e;
			crashes.add(how + ": " + c.getMessage() + at(c.getCause()));
		}
	}

	private static String at(Throwable t) {
		if (t == null || t.getStackTrace().length == 0) return "";
		StackTraceElement top = t.getStackTrace()[0];
		return " at " + top.getClassName() + "." + top.getMethodName() + ":" + top.getLineNumber();
	}

	/** True once an input hung: the run ends there. */
	public boolean stopped() {
		return stopped;
	}

	public List<String> crashes() {
		return crashes;
	}

	public String summary() {
		return inputs + " inputs: " + opened + " opened, " + refused + " refused cleanly, " + crashes.size() +
			" broke the contract";
	}

	/** Fails with the summary and every input that broke the contract, if any did. */
	public void assertNoCrashes() {
		assertTrue(crashes.isEmpty(), summary() + "\n" + String.join("\n", crashes));
	}
}
