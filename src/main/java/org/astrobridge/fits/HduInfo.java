package org.astrobridge.fits;

/**
 * One HDU of a FITS file as {@link FitsReader#list} reports it.
 *
 * @param type IMAGE, COMPRESSED_IMAGE, BINTABLE, TABLE, RANDOM_GROUPS, EMPTY (or the XTENSION value of other kinds)
 * @param shape NAXIS1..n (of the uncompressed image for COMPRESSED_IMAGE)
 * @param wcsSummary null, or e.g. "TAN, 1.70 arcsec/px, centre RA 217.48 Dec -62.69"
 */
public record HduInfo(int index, String extname, int extver, String type, int bitpix, int[] shape,
		String wcsSummary) {
}
