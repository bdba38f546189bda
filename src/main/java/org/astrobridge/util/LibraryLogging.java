package org.astrobridge.util;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Quietens the java.util.logging INFO chatter of the Starlink libraries (STIL logs a line per catalogue file it maps,
 * JSAMP one per hub lookup), which would bury a batch's own log. Warnings still come through, and a level the user
 * configured is left alone.
 */
public final class LibraryLogging {

	// strong references: java.util.logging keeps loggers weakly, and a collected logger forgets its level
	private static final Logger STIL = quiet("uk.ac.starlink");
	private static final Logger JSAMP = quiet("org.astrogrid.samp");

	private LibraryLogging() {}

	/** Applies the levels above: loading this class sets them, so calling it is cheap and idempotent. */
	public static void quietLibraries() {
		// nothing more to do: the static fields above did it
	}

	private static Logger quiet(String name) {
		Logger logger = Logger.getLogger(name);
		if (logger.getLevel() == null) {
			logger.setLevel(Level.WARNING);
		}
		return logger;
	}
}
