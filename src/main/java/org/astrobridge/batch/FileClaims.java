package org.astrobridge.batch;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Claims on the files of a batch that several processes (array tasks, possibly on several nodes) share one output
 * folder for. A claim is the file {@code <name>.claim} in that folder, holding host, pid, process start and time; it is
 * created complete and atomically (hard link of a finished temporary file, so no reader ever sees half a claim, and
 * exactly one of two racing processes gets it). While held, its modification time is refreshed every quarter of
 * {@code staleAfter}, so a claim whose node died stops being refreshed and goes stale.
 * <p>
 * A claim is stale, and is taken over, when {@code takeover} is set, when it was not refreshed for {@code staleAfter},
 * or when it was made on this host by a process that no longer runs (pid gone, or reused by a process that started at
 * another time). Two processes taking over the same stale claim at the same instant may both do that file; outputs are
 * written complete-or-absent, so that costs time, never a wrong or half file. Held claims are released on close and,
 * when the JVM is stopped by a signal (scancel sends SIGTERM), by a shutdown hook; after {@code kill -9} the claim
 * stays until a rerun finds its process gone.
 */
public final class FileClaims implements AutoCloseable {

	/** Suffix of claim files in the output folder. */
	public static final String SUFFIX = ".claim";

	/** A claim that this process holds. */
	public final class Claim implements AutoCloseable {

		private final Path file;

		private Claim(Path file) {
			this.file = file;
		}

		/** Gives the file back (after success or failure alike: the catalogue, not the claim, marks a file done). */
		@Override
		public void close() {
			if (held.remove(file)) deleteQuietly(file);
		}
	}

	/** Result of {@link #claim}: the claim, or why there is none. */
	public record Outcome(Claim claim, String heldBy, String tookOverFrom) {}

	private static final AtomicLong COUNTER = new AtomicLong();

	private final Path dir;
	private final Duration staleAfter;
	private final boolean takeover;
	private final String host = hostName();
	private final ProcessHandle self = ProcessHandle.current();
	private final Set<Path> held = ConcurrentHashMap.newKeySet();
	private final ScheduledExecutorService heartbeat;
	private final Thread releaseOnExit;

	public FileClaims(Path dir, Duration staleAfter, boolean takeover) {
		if (staleAfter.isNegative() || staleAfter.isZero()) throw new IllegalArgumentException(
			"stale time must be positive");
		this.dir = dir;
		this.staleAfter = staleAfter;
		this.takeover = takeover;
		heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "astrobridge-claim-heartbeat");
			t.setDaemon(true);
			return t;
		});
		long every = Math.max(1000, staleAfter.toMillis() / 4);
		heartbeat.scheduleAtFixedRate(this::refresh, every, every, TimeUnit.MILLISECONDS);
		releaseOnExit = new Thread(this::releaseAll, "astrobridge-claim-release");
		Runtime.getRuntime().addShutdownHook(releaseOnExit);
	}

	public static Path claimFile(Path dir, String name) {
		return dir.resolve(name + SUFFIX);
	}

	/** Claims the file of that name, taking over a stale claim; an I/O failure is the folder's problem. */
	public Outcome claim(String name) throws IOException {
		Path file = claimFile(dir, name);
		if (create(file)) return new Outcome(held(file), null, null);
		Map<String, String> other = read(file);
		if (other == null) return claim(name, file, null); // released between our two steps: try once more
		if (!isStale(file, other)) return new Outcome(null, describe(other), null);
		// move the stale claim aside rather than delete it, so that of two processes taking over only one succeeds
		Path aside = dir.resolve("." + name + SUFFIX + ".stale-" + self.pid() + "-" + COUNTER.incrementAndGet());
		try {
			Files.move(file, aside);
		}
		catch (NoSuchFileException e) {
			return claim(name, file, null);
		}
		deleteQuietly(aside);
		return claim(name, file, describe(other));
	}

	private Outcome claim(String name, Path file, String tookOverFrom) throws IOException {
		if (create(file)) return new Outcome(held(file), null, tookOverFrom);
		Map<String, String> other = read(file);
		return new Outcome(null, other == null ? "another process" : describe(other), null);
	}

	private Claim held(Path file) {
		held.add(file);
		return new Claim(file);
	}

	/** Atomically creates the claim with its whole content; false when one exists. */
	private boolean create(Path file) throws IOException {
		String content = "host=" + host + "\npid=" + self.pid() + "\nstart=" + self.info().startInstant().map(
			Instant::toEpochMilli).orElse(0L) + "\ntime=" + Instant.now() + "\n";
		Path tmp = dir.resolve("." + file.getFileName() + "." + self.pid() + "-" + COUNTER.incrementAndGet() + ".tmp");
		Files.writeString(tmp, content, StandardCharsets.UTF_8);
		try {
			Files.createLink(file, tmp);
			return true;
		}
		catch (FileAlreadyExistsException e) {
			return false;
		}
		catch (UnsupportedOperationException e) {
			// no hard links here: CREATE_NEW is as atomic, only a reader may briefly see it empty
			try {
				Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
				return true;
			}
			catch (FileAlreadyExistsException e2) {
				return false;
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** The key=value lines of a claim, or null when it is gone. */
	private static Map<String, String> read(Path file) throws IOException {
		Map<String, String> kv = new HashMap<>();
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				int eq = line.indexOf('=');
				if (eq > 0) kv.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		catch (NoSuchFileException e) {
			return null;
		}
		return kv;
	}

	boolean isStale(Path file, Map<String, String> claim) throws IOException {
		if (takeover) return true;
		FileTime refreshed;
		try {
			refreshed = Files.getLastModifiedTime(file);
		}
		catch (NoSuchFileException e) {
			return true;
		}
		if (Duration.between(refreshed.toInstant(), Instant.now()).compareTo(staleAfter) > 0) return true;
		if (!host.equals(claim.get("host"))) return false; // another node's process: only its age tells
		try {
			long pid = Long.parseLong(claim.getOrDefault("pid", ""));
			long start = Long.parseLong(claim.getOrDefault("start", "0"));
			return ProcessHandle.of(pid).map(p -> start != 0 && p.info().startInstant().map(Instant::toEpochMilli).orElse(
				start) != start).orElse(true);
		}
		catch (NumberFormatException e) {
			return false; // not ours to judge: wait for it to age
		}
	}

	private static String describe(Map<String, String> claim) {
		return claim.getOrDefault("host", "?") + " pid " + claim.getOrDefault("pid", "?") + " since " + claim.getOrDefault(
			"time", "?");
	}

	private void refresh() {
		FileTime now = FileTime.from(Instant.now());
		for (Path p : held) {
			try {
				Files.setLastModifiedTime(p, now);
			}
			catch (IOException e) {
				// gone (taken over after a long stall, or the folder removed): nothing to keep alive
			}
		}
	}

	private void releaseAll() {
		for (Path p : held)
			deleteQuietly(p);
		held.clear();
	}

	private static void deleteQuietly(Path p) {
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException e) {
			// a claim left behind goes stale and is taken over by the next run
		}
	}

	static String hostName() {
		// the kernel's name, not $HOSTNAME, which shells set but do not always export: every process must agree
		try {
			String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
			if (!h.isEmpty()) return h;
		}
		catch (IOException e) {
			// not Linux
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException e) {
			return "unknown-host";
		}
	}

	@Override
	public void close() {
		heartbeat.shutdownNow();
		releaseAll();
		try {
			Runtime.getRuntime().removeShutdownHook(releaseOnExit);
		}
		catch (IllegalStateException e) {
			// already shutting down: the hook runs anyway
		}
	}
}
