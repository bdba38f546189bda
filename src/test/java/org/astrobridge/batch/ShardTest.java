package org.astrobridge.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ShardTest {

	@Test
	void parsesKOfNAndRefusesWhatIsNotAPart() {
		assertEquals(new Shard(2, 8), Shard.parse(" 2/8 "));
		for (String bad : List.of("3/2", "0/0", "0/4", "1/0", "-1/3", "2", "a/b", "1/2/3", "")) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
			assertTrue(e.getMessage().contains("'" + bad + "'"), "names the text: " + e.getMessage());
		}
	}

	@Test
	void everyFileFallsInExactlyOneShardWhateverTheListingOrder() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 1000; i++)
			names.add("field_" + i + ".fits");
		List<String> shuffled = new ArrayList<>(names);
		Collections.shuffle(shuffled, new Random(3));
		int n = 4;
		int total = 0;
		for (int k = 1; k <= n; k++) {
			Shard s = new Shard(k, n);
			List<String> part = s.select(names, Function.identity());
			List<String> partShuffled = new ArrayList<>(s.select(shuffled, Function.identity()));
			Collections.sort(partShuffled, (a, b) -> Integer.compare(names.indexOf(a), names.indexOf(b)));
			assertEquals(part, partShuffled, "same files whatever the order they were listed in");
			// a hash split is not exactly even, but 1000 names must not pile into one part
			assertTrue(part.size() > 200 && part.size() < 300, k + "/" + n + " has " + part.size());
			total += part.size();
			for (String f : part) {
				for (int j = 1; j <= n; j++)
					assertEquals(j == k, new Shard(j, n).takes(f), f);
			}
		}
		assertEquals(names.size(), total);
	}

	@Test
	void assignmentIsFixedAcrossVersionsAndMachines() {
		// SHA-256 of the UTF-8 name, first 8 bytes as an unsigned number, modulo N (python3: int.from_bytes(
		// hashlib.sha256(name.encode()).digest()[:8], 'big') % N). Changing it would make a resubmitted
		// array after an upgrade look for its files in other shards.
		// values printed by that python3 line for N = 7
		assertEquals(List.of(5, 6, 0), List.of(Shard.bucket("a.fits", 7), Shard.bucket("field_0042.fits.fz", 7), Shard
			.bucket("Ω.fits", 7)));
	}

	@Test
	void slurmArrayTasksMapOntoShardsFromTheirMinimum() {
		Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "7", "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_MIN",
			"5", "SLURM_ARRAY_TASK_MAX", "8");
		assertEquals(new Shard(3, 4), Shard.fromSlurm(env));
		assertEquals(new Shard(1, 2), Shard.fromSlurm(Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "2",
			"SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "1")));
		assertNull(Shard.fromSlurm(Map.of("SLURM_JOB_ID", "12")), "not an array task");
		IllegalArgumentException gaps = assertThrows(IllegalArgumentException.class, () -> Shard.fromSlurm(Map.of(
			"SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "3", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX",
			"7")));
		assertTrue(gaps.getMessage().contains("not contiguous"), gaps.getMessage());
	}
}
