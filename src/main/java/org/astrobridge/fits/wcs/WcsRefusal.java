package org.astrobridge.fits.wcs;

/** A header's celestial WCS cannot be represented; the message names the keyword and the reason. */
public final class WcsRefusal extends Exception {

	private static final long serialVersionUID = 1L;

	public WcsRefusal(String message) {
		super(message);
	}
}
