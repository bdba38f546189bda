package org.astrobridge.fits.wcs;

import java.io.IOException;

/** Where the lookup tables of CPDISj / D2IMDISj live: the image extensions of the same file. */
@FunctionalInterface
public interface DistortionArrays {

	/** The table in the HDU with this EXTNAME and EXTVER; null if the file has none. */
	LookupTable table(String extname, int extver) throws IOException;
}
