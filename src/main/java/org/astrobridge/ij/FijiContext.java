package org.astrobridge.ij;

import java.util.Optional;

import ij.IJ;

import org.scijava.Context;

/** Finds the SciJava context of a running Fiji, so commands started from ImageJ 1.x code share its services. */
final class FijiContext {

	private FijiContext() {}

	static Optional<Context> get() {
		try {
			Class.forName("net.imagej.legacy.LegacyService");
		}
		catch (ClassNotFoundException e) {
			return Optional.empty(); // plain ImageJ or headless runner: no Fiji context to find
		}
		Object context = IJ.runPlugIn("org.scijava.Context", "");
		return context instanceof Context ? Optional.of((Context) context) : Optional.empty();
	}
}
