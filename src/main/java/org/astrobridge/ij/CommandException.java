package org.astrobridge.ij;

/** A command failed for a reason the user can act on; the message is shown as it is, without a stack trace. */
public class CommandException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CommandException(String message) {
		super(message);
	}

	public CommandException(String message, Throwable cause) {
		super(message, cause);
	}
}
