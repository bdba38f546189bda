package org.astrobridge.model;

import java.io.IOException;

/** A model package that cannot be read, is damaged, or does not fit the data; the message names the package. */
public class ModelException extends IOException {

	private static final long serialVersionUID = 1L;

	public ModelException(String message) {
		super(message);
	}

	public ModelException(String message, Throwable cause) {
		super(message, cause);
	}
}
