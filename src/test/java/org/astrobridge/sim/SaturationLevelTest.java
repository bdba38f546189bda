package org.astrobridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's SATURATE is in image units, the value a saturated pixel reads (FITS and SExtractor convention), with
 * or without bleed trails and lossy quantisation; the full well in electrons is SATUR_E.
 */
class SaturationLevelTest {

	@TempDir
	Path tmp;

	private FitsImage field(String dir, String... options) throws Exception {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("mode", "field");
		m.put("domain", "sdss");
		m.put("fieldSize", "384");
		m.put("n", "10");
		m.put("bands", "1");
		m.put("seed", "4");
		m.put("brightStars", "3");
		m.put("contactSheet", "false");
		m.put("outputDir", tmp.resolve(dir).toString());
		for (String o : options) {
			String[] kv = o.split("=", 2);
			m.put(kv[0], kv[1]);
		}
		BenchmarkWriter.write(SimulationSpec.fromOptions(m));
		return FitsReader.readImage(tmp.resolve(dir).resolve("mergers_sdss_field.fits"), null);
	}

	@Test
	void saturatedPixelsReadTheHeadersSaturate() throws Exception {
		for (String[] options : new String[][] { {}, { "bleedTrails=true" }, { "quantize=4" }, { "quantize=1",
			"bleedTrails=true" } })
		{
			FitsImage img = field("f" + String.join("", options).replace("=", ""), options);
			String what = String.join(" ", options);
			double saturate = img.header().getDouble("SATURATE", Double.NaN);
			assertEquals(Domain.preset("sdss").saturation(), img.header().getDouble("SATUR_E", Double.NaN), 0, what);
			// far below the electrons: sky subtracted and calibrated to nanomaggies
			assertTrue(saturate > 0 && saturate < 0.1 * img.header().getDouble("SATUR_E", 0), what + ": SATURATE " +
				saturate);
			float[] p = img.plane(0);
			int at = 0;
			float max = Float.NEGATIVE_INFINITY;
			for (float v : p) {
				max = Math.max(max, v);
				if (v == (float) saturate) at++;
			}
			assertEquals((float) saturate, max, 0, what + ": no pixel reads above SATURATE");
			assertTrue(at >= 9, what + ": " + at + " pixels read SATURATE (3 bright stars)");
		}
	}

	@Test
	void noFullWellNoSaturate() throws Exception {
		FitsImage img = field("none", "saturation=0", "brightStars=0");
		assertFalse(img.header().contains("SATURATE"));
		assertEquals(0, img.header().getDouble("SATUR_E", -1), 0);
	}
}
