package org.astrobridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.astrobridge.fits.Wcs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ds9RegionWriterTest {

	/** 0.5 arcsec/px, north up, east left, reference pixel (1-based) 51,51 at RA 150, Dec 2. */
	static final Wcs WCS = Wcs.tan(51, 51, 150, 2, 0.5, 0);

	static Catalog twoObjects() {
		Catalog c = new Catalog();
		c.addInt("id", "", "").addDouble("x_fits", "px", "").addDouble("y_fits", "px", "").addDouble("ra", "deg", "")
			.addDouble("dec", "deg", "").addDouble("a", "px", "").addDouble("b", "px", "").addDouble("theta", "deg", "")
			.addString("class", "").addDouble("p_spiral", "", "").addDouble("p_elliptical", "", "").addInt("ood", "", "");
		double[] sky1 = WCS.pixelToSky(50, 50);
		double[] sky2 = WCS.pixelToSky(10.25, 70.5);
		c.addRow(1, 50.0, 50.0, sky1[0], sky1[1], 4.0, 2.0, 30.0, "spiral", 0.93, 0.07, 0);
		c.addRow(2, 10.25, 70.5, sky2[0], sky2[1], 3.0, 1.0, -45.0, "elliptical", 0.4, 0.6, 1);
		c.putMetadata("source", "field.fits");
		return c;
	}

	@Test
	void imageCoordinatesAreOneBased() {
		String expected = """
				# Region file format: DS9 version 4.1
				# source: field.fits
				%s
				image
				ellipse(51.000,51.000,4.000,2.000,30.000) # color=green text={spiral 0.93}
				ellipse(11.250,71.500,3.000,1.000,-45.000) # color=red dash=1 text={elliptical 0.60} tag={ood}
				""".formatted(Ds9RegionWriter.GLOBAL);
		assertEquals(expected, new Ds9RegionWriter().format(twoObjects()));
	}

	@Test
	void fk5UsesArcsecAndSkyAngles(@TempDir Path dir) throws IOException {
		double[] sky2 = WCS.pixelToSky(10.25, 70.5);
		// Centre pixel: RA 150, Dec 2 exactly; 4 px = 2", 2 px = 1"; on a north-up east-left image the angle equals
		// theta (mod 180). The 2nd object's a, b and angle are 0.5"/px too, within the TAN distortion 40 px away.
		String expected = """
				# Region file format: DS9 version 4.1
				# source: field.fits
				%s
				fk5
				ellipse(150.0000000,2.0000000,2.000",1.000",30.000) # color=green text={spiral 0.93}
				ellipse(%.7f,%.7f,1.500",0.500",135.000) # color=red dash=1 text={elliptical 0.60} tag={ood}
				""".formatted(Ds9RegionWriter.GLOBAL, sky2[0], sky2[1]);
		Path out = dir.resolve("field.reg");
		new Ds9RegionWriter().wcs(WCS).write(twoObjects(), out, dir.resolve("field.fits"));
		assertEquals(expected, Files.readString(out));
		// Scaled ellipses.
		String scaled = new Ds9RegionWriter().ellipseScale(3).format(twoObjects());
		assertEquals("ellipse(51.000,51.000,12.000,6.000,30.000) # color=green text={spiral 0.93}", scaled.lines().toList()
			.get(4));
	}
}
