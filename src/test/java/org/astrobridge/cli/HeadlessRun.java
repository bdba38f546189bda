package org.astrobridge.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link Main} in a fresh JVM, as {@code bin/astrobridge} does, so that ImageJ is patched for headless use
 * before any of its classes load and the exit code can be checked.
 */
final class HeadlessRun {

	final int exitCode;
	final String stdout;
	final String stderr;

	private HeadlessRun(int exitCode, String stdout, String stderr) {
		this.exitCode = exitCode;
		this.stdout = stdout;
		this.stderr = stderr;
	}

	static HeadlessRun of(String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		cmd.add("--add-opens");
		cmd.add("java.base/java.lang=ALL-UNNAMED");
		cmd.add("-Xmx1g");
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		cmd.add(Main.class.getName());
		cmd.addAll(List.of(args));
		File out = File.createTempFile("astrobridge-out", ".txt");
		File err = File.createTempFile("astrobridge-err", ".txt");
		try {
			Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IllegalStateException("headless run did not finish: " + cmd);
			}
			return new HeadlessRun(p.exitValue(), read(out), read(err));
		}
		finally {
			out.delete();
			err.delete();
		}
	}

	private static String read(File f) throws IOException {
		return new String(java.nio.file.Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
	}

	/** The value printed as {@code key=value} on its own line, or null. */
	String printed(String key) {
		for (String line : stdout.split("\\R")) {
			if (line.startsWith(key + "=")) return line.substring(key.length() + 1);
		}
		return null;
	}

	@Override
	public String toString() {
		return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
	}
}
