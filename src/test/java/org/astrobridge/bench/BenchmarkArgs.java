package org.astrobridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** What the benchmarks that take {@code key=value} arguments and work in a temporary folder share. */
public final class BenchmarkArgs {

	private BenchmarkArgs() {}

	/** The defaults with the {@code key=value} arguments put over them; an unknown key is refused with the known ones. */
	public static Map<String, String> parse(String[] args, Map<String, String> defaults) {
		Map<String, String> o = new LinkedHashMap<>(defaults);
		for (String a : args) {
			int eq = a.indexOf('=');
			if (eq <= 0 || !defaults.containsKey(a.substring(0, eq))) {
				throw new IllegalArgumentException("unknown argument '" + a + "'; expected key=value with key one of " +
					defaults.keySet());
			}
			o.put(a.substring(0, eq), a.substring(eq + 1));
		}
		return o;
	}

	/** Deletes a benchmark's working folder and everything in it. */
	public static void deleteTree(Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).toList())
				Files.deleteIfExists(p);
		}
	}
}
