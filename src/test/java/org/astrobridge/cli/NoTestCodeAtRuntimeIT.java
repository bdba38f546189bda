package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test code stays out of what users run: the class path bin/astrobridge gives every subcommand but the benchmarks and
 * the GUI check, the plugin jars, and the main classes themselves (no reference to a test class, not even by name).
 * Runs after packaging (the jars) and reads what the build wrote under target/.
 */
class NoTestCodeAtRuntimeIT {

	private static final Path TARGET = Path.of("target");
	private static final List<String> TEST_JARS = List.of("junit", "opentest4j", "apiguardian");

	@Test
	void runtimeClassPathFileHoldsNoTestJars() throws IOException {
		List<String> runtime = entries(TARGET.resolve("astrobridge.classpath"));
		List<String> test = entries(TARGET.resolve("astrobridge-test.classpath"));
		assertTrue(runtime.stream().anyMatch(e -> e.contains("tensorflow-core-api")), "runtime class path: " + runtime);
		for (String jar : TEST_JARS) {
			assertTrue(test.stream().anyMatch(e -> e.contains(jar)), "the test class path has " + jar);
			assertFalse(runtime.stream().anyMatch(e -> e.contains(jar)), jar + " on the runtime class path: " + runtime);
		}
		assertFalse(runtime.stream().anyMatch(e -> e.contains("test-classes")), "runtime class path: " + runtime);
	}

	/** Runs the real script with stand-ins for mvn and java that record how java was called. */
	@Test
	void scriptPutsTestClassesOnlyOnTheBenchmarkClassPath(@TempDir Path dir) throws Exception {
		Path root = dir.resolve("checkout");
		Files.createDirectories(root.resolve("bin"));
		Files.createDirectories(root.resolve("src/main"));
		Files.createDirectories(root.resolve("target"));
		Files.copy(Path.of("bin", "astrobridge"), root.resolve("bin/astrobridge"));
		Files.writeString(root.resolve("pom.xml"), "<project/>");
		Files.copy(TARGET.resolve("astrobridge.classpath"), root.resolve("target/astrobridge.classpath"));
		Files.copy(TARGET.resolve("astrobridge-test.classpath"), root.resolve("target/astrobridge-test.classpath"));
		Path tools = Files.createDirectories(dir.resolve("tools"));
		Path record = dir.resolve("java-args.txt");
		script(tools.resolve("mvn"), "#!/bin/sh\nexit 0\n");
		script(tools.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '" + record + "'\n");

		List<String> fitsInfo = javaArguments(root, tools, record, "fits-info", "x.fits");
		String cp = fitsInfo.get(fitsInfo.indexOf("-cp") + 1);
		assertEquals(root.resolve("target/classes") + ":" + Files.readString(TARGET.resolve("astrobridge.classpath"))
			.trim(), cp);
		assertEquals(List.of("org.astrobridge.cli.Main", "fits-info", "x.fits"), fitsInfo.subList(fitsInfo.size() - 3,
			fitsInfo.size()));

		List<String> bench = javaArguments(root, tools, record, "benchmark", "fits-read", "64");
		String benchCp = bench.get(bench.indexOf("-cp") + 1);
		assertTrue(benchCp.startsWith(root.resolve("target/classes") + ":" + root.resolve("target/test-classes") + ":"),
			benchCp);
		assertTrue(benchCp.contains("junit-jupiter-api"), benchCp);
		assertEquals(List.of("org.astrobridge.bench.BenchmarkLauncher", "benchmark", "fits-read", "64"), bench.subList(bench
			.size() - 4, bench.size()));
	}

	@Test
	void pluginJarsHoldNoTestClasses() throws IOException {
		List<String> testClasses = testClassNames();
		assertTrue(testClasses.contains("org/astrobridge/bench/BenchmarkLauncher"), "test classes found: " + testClasses
			.size());
		List<Path> jars;
		try (Stream<Path> files = Files.list(TARGET)) {
			// the plain jar and the shaded one the update site ships; -tests and -sources jars are test code and text
			jars = files.filter(p -> p.getFileName().toString().matches("astrobridge-.*\\.jar") && !p.getFileName().toString()
				.matches(".*-(tests|sources|javadoc)\\.jar")).collect(Collectors.toList());
		}
		assertEquals(2, jars.size(), "jars: " + jars);
		assertTrue(jars.stream().anyMatch(p -> p.toString().endsWith("-fiji.jar")), "jars: " + jars);
		for (Path jar : jars) {
			try (JarFile j = new JarFile(jar.toFile())) {
				List<String> bad = j.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/junit/") || n.endsWith(
					".class") && testClasses.contains(n.substring(0, n.length() - ".class".length()).replaceAll("\\$.*", "")))
					.collect(Collectors.toList());
				assertEquals(List.of(), bad, "test classes in " + jar);
				assertTrue(j.getEntry("org/astrobridge/cli/Main.class") != null, jar + " holds the main classes");
			}
		}
	}

	@Test
	void mainClassesDoNotNameTestClasses() throws IOException {
		List<String> testClasses = testClassNames();
		List<Path> mainClasses;
		try (Stream<Path> files = Files.walk(TARGET.resolve("classes"))) {
			mainClasses = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
		}
		assertTrue(mainClasses.size() > 100, "main classes: " + mainClasses.size());
		for (Path c : mainClasses) {
			String bytes = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
			for (String t : testClasses) {
				assertFalse(bytes.contains(t) || bytes.contains(t.replace('/', '.')), c + " names the test class " + t);
			}
		}
	}

	private static List<String> entries(Path classpathFile) throws IOException {
		return Arrays.asList(Files.readString(classpathFile).trim().split(":"));
	}

	/** Internal names of the top-level test classes. */
	private static List<String> testClassNames() throws IOException {
		Path root = TARGET.resolve("test-classes");
		try (Stream<Path> files = Files.walk(root)) {
			return files.map(p -> root.relativize(p).toString()).filter(n -> n.endsWith(".class") && !n.contains("$")).map(
				n -> n.substring(0, n.length() - ".class".length())).collect(Collectors.toList());
		}
	}

	private static void script(Path file, String text) throws IOException {
		Files.writeString(file, text);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private static List<String> javaArguments(Path root, Path tools, Path record, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/astrobridge").toString()));
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		pb.environment().put("PATH", tools + ":" + System.getenv("PATH"));
		Process p = pb.start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), output);
		return Files.readAllLines(record);
	}
}
