package org.astrobridge.fits;

import java.util.Arrays;

/**
 * Pixels of one FITS image HDU as float32 planes in FITS storage order ({@code planes[p][j*width + i]}, row j = 0 at
 * the bottom), with its header. Axes of length 1 beyond the second are dropped; plane p = k3 + n3*k4 (NAXIS3 fastest).
 */
public final class FitsImage {

	private final int width;
	private final int height;
	private final int[] extraAxes;
	private final float[][] planes;
	private final FitsHeader header;
	private final String source;
	private WcsResult wcsResult;

	public FitsImage(int width, int height, int[] extraAxes, float[][] planes, FitsHeader header) {
		this(width, height, extraAxes, planes, header, null);
	}

	FitsImage(int width, int height, int[] extraAxes, float[][] planes, FitsHeader header, String source) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
		}
		int[] extra = extraAxes == null ? new int[0] : extraAxes.clone();
		long expectedPlanes = 1;
		for (int n : extra) {
			if (n < 1) {
				throw new IllegalArgumentException("axis lengths must be positive: " + Arrays.toString(extra));
			}
			expectedPlanes *= n;
		}
		if (planes == null || planes.length != expectedPlanes) {
			throw new IllegalArgumentException("expected " + expectedPlanes + " planes for axes " + Arrays.toString(extra) +
				", got " + (planes == null ? 0 : planes.length));
		}
		long n = (long) width * height;
		for (float[] p : planes) {
			if (p == null || p.length != n) {
				throw new IllegalArgumentException("every plane must hold " + width + "x" + height + " pixels");
			}
		}
		this.width = width;
		this.height = height;
		this.extraAxes = extra;
		this.planes = planes;
		this.header = header == null ? new FitsHeader() : header;
		this.source = source;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Lengths of NAXIS3, NAXIS4, ... (length-1 axes dropped). */
	public int[] extraAxes() {
		return extraAxes.clone();
	}

	public int planeCount() {
		return planes.length;
	}

	public float[] plane(int p) {
		return planes[p];
	}

	public float[][] planes() {
		return planes;
	}

	public FitsHeader header() {
		return header;
	}

	/** The celestial WCS parsed from the header; null when the header has none or it was refused. */
	public Wcs wcs() {
		return wcsResult().wcs();
	}

	/** The celestial WCS, or why the header's was refused (see {@link Wcs#read}). */
	public synchronized WcsResult wcsResult() {
		if (wcsResult == null) {
			wcsResult = Wcs.read(header);
		}
		return wcsResult;
	}

	/**
	 * "file.fits[1]: WCS not used, coordinates are in pixels only: REASON" when the header's celestial WCS was refused;
	 * null when it was read or the header has none.
	 */
	public String wcsWarning() {
		WcsResult r = wcsResult();
		return r.isRefused() ? (source == null ? "image" : source) + ": " + r.warning() : null;
	}

	/** The WCS as read with the file's other HDUs (lookup-table distortions), by the reader. */
	synchronized FitsImage withWcs(WcsResult result) {
		this.wcsResult = result;
		return this;
	}

	/** "file.fits[HDU]" for messages and titles; null for images built in memory. */
	public String source() {
		return source;
	}
}
