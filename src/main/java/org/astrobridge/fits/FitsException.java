package org.astrobridge.fits;

import java.io.IOException;

/** A FITS file could not be read or written; the message always names the file and the problem. */
public class FitsException extends IOException {

	private static final long serialVersionUID = 1L;

	public FitsException(String message) {
		super(message);
	}

	public FitsException(String message, Throwable cause) {
		super(message, cause);
	}
}
