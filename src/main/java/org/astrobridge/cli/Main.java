package org.astrobridge.cli;

/**
 * Entry point of {@code bin/astrobridge}. Must not touch any {@code ij.*} class: ImageJ 1.x has to be
 * patched for headless use before its classes load, so the real work is reached only by name.
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("gui-check")) {
			// the one entry that wants a display: ImageJ unpatched, as in Fiji (class in the test sources)
			int code = (Integer) Class.forName("org.astrobridge.ij.GuiCheck").getMethod("run", String[].class)
				.invoke(null, (Object) java.util.Arrays.copyOfRange(args, 1, args.length));
			System.exit(code);
		}
		System.setProperty("java.awt.headless", "true");
		net.imagej.patcher.LegacyInjector.preinit();
		int code = (Integer) Class.forName("org.astrobridge.cli.Cli").getMethod("run", String[].class)
			.invoke(null, (Object) args);
		System.out.flush();
		System.exit(code);
	}
}
