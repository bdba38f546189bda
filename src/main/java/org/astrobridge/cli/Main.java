package org.astrobridge.cli;

/**
 * Entry point of {@code bin/astrobridge}. Must not touch any {@code ij.*} class: ImageJ 1.x has to be patched for
 * headless use before its classes load, so the real work is reached only by name.
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		net.imagej.patcher.LegacyInjector.preinit();
		int code = (Integer) Class.forName("org.astrobridge.cli.Cli").getMethod("run", String[].class).invoke(null,
			(Object) args);
		System.out.flush();
		System.exit(code);
	}
}
