package org.astrobridge.fits;

/**
 * What reading a header's celestial WCS gave: a WCS, or the reason it was refused (naming the keyword), or neither
 * when the header describes no celestial axes at all (not a problem).
 */
public record WcsResult(Wcs wcs, String refusal) {
	private static final WcsResult NONE = new WcsResult(null, null);

	public static WcsResult none() {
		return NONE;
	}

	public static WcsResult of(Wcs wcs) {
		return new WcsResult(wcs, null);
	}

	public static WcsResult refused(String reason) {
		return new WcsResult(null, reason);
	}

	/** True when the header has celestial axes that could not be represented. */
	public boolean isRefused() {
		return refusal != null;
	}

	/** The line every output carries for a refused WCS (no ';', which region parsers split on). */
	public String warning() {
		return refusal == null ? null : "WCS not used, coordinates are in pixels only: " + refusal.replace(';', ',');
	}
}
