package org.astrobridge.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileClaimsTest {

	private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

	@Test
	void aLiveClaimIsRespectedUntilReleased(@TempDir Path dir) throws Exception {
		try (FileClaims a = new FileClaims(dir, TEN_MINUTES, false);
				FileClaims b = new FileClaims(dir, TEN_MINUTES, false))
		{
			FileClaims.Outcome first = a.claim("f1");
			assertNotNull(first.claim());
			String content = Files.readString(dir.resolve("f1.claim"));
			assertTrue(content.contains("pid=" + ProcessHandle.current().pid()), content);
			FileClaims.Outcome second = b.claim("f1");
			assertNull(second.claim(), "this process still runs: its claim holds");
			assertTrue(second.heldBy().contains("pid " + ProcessHandle.current().pid()), second.heldBy());
			first.claim().close();
			assertFalse(Files.exists(dir.resolve("f1.claim")), "released");
			assertNotNull(b.claim("f1").claim(), "free again after release");
		}
		assertFalse(Files.exists(dir.resolve("f1.claim")), "closing releases what is still held");
	}

	@Test
	void aClaimOfAProcessThatIsGoneIsTakenOver(@TempDir Path dir) throws Exception {
		Process dead = new ProcessBuilder("true").start();
		dead.waitFor();
		Files.writeString(dir.resolve("f2.claim"), "host=" + FileClaims.hostName() + "\npid=" + dead.pid() +
			"\nstart=1\ntime=2026-01-01T00:00:00Z\n");
		try (FileClaims c = new FileClaims(dir, TEN_MINUTES, false)) {
			FileClaims.Outcome o = c.claim("f2");
			assertNotNull(o.claim(), "dead pid on this host: stale");
			assertTrue(o.tookOverFrom().contains("pid " + dead.pid()), o.tookOverFrom());
			assertTrue(Files.readString(dir.resolve("f2.claim")).contains("pid=" + ProcessHandle.current().pid()));
		}
		assertEquals(List.of(), names(dir), "no claim or side file left behind");
	}

	@Test
	void anotherNodesClaimHoldsWhileFreshAndGoesStaleWhenNotRefreshed(@TempDir Path dir) throws Exception {
		Path claim = dir.resolve("f3.claim");
		Files.writeString(claim, "host=some-other-node\npid=1\nstart=1\ntime=2026-01-01T00:00:00Z\n");
		try (FileClaims c = new FileClaims(dir, TEN_MINUTES, false)) {
			assertNull(c.claim("f3").claim(), "pid 1 on another node cannot be checked: only age counts");
			Files.setLastModifiedTime(claim, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
			FileClaims.Outcome o = c.claim("f3");
			assertNotNull(o.claim(), "not refreshed for longer than the stale time");
			assertTrue(o.tookOverFrom().startsWith("some-other-node pid 1"), o.tookOverFrom());
		}
		Files.writeString(claim, "host=some-other-node\npid=1\nstart=1\ntime=2026-01-01T00:00:00Z\n");
		try (FileClaims forced = new FileClaims(dir, TEN_MINUTES, true)) {
			assertNotNull(forced.claim("f3").claim(), "takeover takes any claim");
		}
	}

	@Test
	void aHeldClaimIsRefreshedSoItNeverLooksStale(@TempDir Path dir) throws Exception {
		try (FileClaims c = new FileClaims(dir, Duration.ofSeconds(4), false)) {
			assertNotNull(c.claim("f4").claim());
			Path claim = dir.resolve("f4.claim");
			Files.setLastModifiedTime(claim, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
			Thread.sleep(2500); // the heartbeat runs every second here
			assertTrue(Duration.between(Files.getLastModifiedTime(claim).toInstant(), Instant.now()).getSeconds() < 3);
		}
	}

	@Test
	void ofManyRacingProcessesExactlyOneGetsTheFile(@TempDir Path dir) throws Exception {
		int racers = 8;
		ExecutorService pool = Executors.newFixedThreadPool(racers);
		List<FileClaims> claims = new ArrayList<>();
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < racers; i++) {
				FileClaims c = new FileClaims(dir, TEN_MINUTES, false);
				claims.add(c);
				Callable<Boolean> race = () -> {
					go.await();
					return c.claim("f5").claim() != null;
				};
				results.add(pool.submit(race));
			}
			go.countDown();
			int winners = 0;
			for (Future<Boolean> r : results)
				winners += r.get() ? 1 : 0;
			assertEquals(1, winners);
		}
		finally {
			pool.shutdown();
			for (FileClaims c : claims)
				c.close();
		}
	}

	private static List<String> names(Path dir) throws java.io.IOException {
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
