package org.astrobridge.util;

/**
 * Reports how far a long task has got and whether the user asked to stop it. Engines take one of these so that they
 * stay independent of ImageJ; the ImageJ layer maps it to Fiji's progress bar and status line, the headless runner to
 * one line per step.
 */
public interface Progress {

	/** @param fraction 0..1 of the whole task; @param message short status text, may be null */
	void update(double fraction, String message);

	/** Polled between steps; an engine that sees true stops cleanly and keeps what it has. */
	default boolean isCancelled() {
		return false;
	}

	/** Throws {@link CancelledException} when cancellation was requested. */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException();
	}

	Progress NONE = (fraction, message) -> {};

	/** Thrown by engines that stop because the user cancelled. */
	final class CancelledException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public CancelledException() {
			super("cancelled by the user");
		}
	}
}
