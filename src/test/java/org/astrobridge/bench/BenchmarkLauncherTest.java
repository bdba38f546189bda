package org.astrobridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The launcher bin/astrobridge runs for benchmarks, in a fresh JVM as the script starts it. */
class BenchmarkLauncherTest {

	@Test
	void everyBenchmarkHasAMainMethod() throws Exception {
		assertEquals(15, BenchmarkLauncher.BENCHMARKS.size());
		assertTrue(BenchmarkLauncher.BENCHMARKS.containsKey("field-ood"));
		for (Map.Entry<String, String> e : BenchmarkLauncher.BENCHMARKS.entrySet()) {
			Method main = Class.forName(e.getValue(), false, getClass().getClassLoader()).getMethod("main", String[].class);
			assertTrue(Modifier.isStatic(main.getModifiers()), e.getKey());
		}
	}

	@Test
	void helpListsTheBenchmarksAndAnUnknownNameIsAUsageError() throws Exception {
		Run help = Run.of("benchmark", "--help");
		assertEquals(0, help.exit, help.output);
		for (String name : BenchmarkLauncher.BENCHMARKS.keySet())
			assertTrue(help.output.contains(name), help.output);
		Run unknown = Run.of("benchmark", "no-such-benchmark");
		assertEquals(2, unknown.exit, unknown.output);
		assertTrue(unknown.output.startsWith("usage: astrobridge benchmark NAME"), unknown.output);
	}

	@Test
	void runsABenchmarkWithItsArguments() throws Exception {
		Run run = Run.of("benchmark", "fits-read", "64");
		assertEquals(0, run.exit, run.output);
		assertTrue(run.output.contains("file: 64x64 float32, 0.0 MB"), run.output);
		assertTrue(run.output.contains("FitsReader.readImage:"), run.output);
	}

	@Test
	void badBenchmarkArgumentsGiveOneLine() throws Exception {
		Run run = Run.of("benchmark", "fits-read", "many");
		assertEquals(1, run.exit, run.output);
		assertEquals("astrobridge benchmark fits-read: For input string: \"many\"", run.output.trim());
	}

	private record Run(int exit, String output) {

		static Run of(String... args) throws Exception {
			List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator
				+ "java", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				BenchmarkLauncher.class.getName()));
			cmd.addAll(List.of(args));
			Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IllegalStateException("launcher did not finish: " + cmd);
			}
			return new Run(p.exitValue(), out);
		}
	}
}
