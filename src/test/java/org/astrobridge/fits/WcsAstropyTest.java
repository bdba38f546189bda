package org.astrobridge.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every WCS header of test-images/wcs (astropy's own WCS test data: one map per projection of paper II, TPV, SIP, ZPN
 * with a hole, SIP + CPDIS + D2IMDIS and 2-D D2IMDIS tables) against the values astropy 5.2.1 computed for it
 * (make_expected.py): pixel to sky within 0.01 arcsec, NaN exactly where astropy has none, and sky to pixel within 1e-6
 * px of astropy's all_world2pix.
 */
class WcsAstropyTest {

	static final Path DIR = ExpectedValues.DIR.resolve("wcs");
	private static final double MAX_ARCSEC = 0.01;
	private static final double MAX_PX = 1e-6;

	/** One row of NAME.expected.txt. */
	record Point(double x, double y, double ra, double dec, double xBack, double yBack) {}

	@TestFactory
	Stream<DynamicTest> everyHeaderAgreesWithAstropy() throws IOException {
		List<Path> expected;
		try (Stream<Path> s = Files.list(DIR)) {
			expected = s.filter(p -> p.getFileName().toString().endsWith(".expected.txt")).sorted().toList();
		}
		assertEquals(37, expected.size(), "expected files");
		return expected.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
	}

	/** The WCS that a NAME.expected.txt file was computed from. */
	static Wcs wcsFor(Path expectedFile) throws IOException {
		String base = expectedFile.getFileName().toString().replace(".expected.txt", "");
		WcsResult r;
		if (Files.exists(DIR.resolve(base + ".hdr"))) {
			r = Wcs.read(readHdr(DIR.resolve(base + ".hdr")));
		}
		else if (base.equals("dist_lookup")) {
			r = FitsReader.readWcs(DIR.resolve("dist_lookup.fits.gz"), "SCI");
		}
		else {
			r = FitsReader.readWcs(DIR.resolve(base + ".fits"), "0");
		}
		assertFalse(r.isRefused(), base + ": " + r.refusal());
		assertNotNull(r.wcs(), base);
		return r.wcs();
	}

	/** A .hdr file: 80-column cards without line breaks. */
	static FitsHeader readHdr(Path file) throws IOException {
		String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i + 80 <= text.length(); i += 80) {
			lines.append(text, i, i + 80).append('\n');
		}
		return FitsHeader.parseText(lines.toString());
	}

	static List<Point> points(Path expectedFile) throws IOException {
		List<Point> out = new ArrayList<>();
		for (String line : Files.readAllLines(expectedFile)) {
			if (line.startsWith("#") || line.isBlank()) {
				continue;
			}
			String[] f = line.trim().split("\\s+");
			out.add(new Point(num(f[0]), num(f[1]), num(f[2]), num(f[3]), num(f[4]), num(f[5])));
		}
		return out;
	}

	private static double num(String s) {
		return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
	}

	private static void check(Path expectedFile) throws IOException {
		Wcs wcs = wcsFor(expectedFile);
		List<Point> pts = points(expectedFile);
		double worstArcsec = 0;
		double worstPx = 0;
		int sky = 0;
		int back = 0;
		int nan = 0;
		List<String> failures = new ArrayList<>();
		for (Point p : pts) {
			double[] s = wcs.pixelToSky(p.x, p.y);
			if (Double.isNaN(p.ra)) {
				nan++;
				if (!Double.isNaN(s[0]) || !Double.isNaN(s[1])) {
					failures.add(String.format(Locale.ROOT, "pixel (%.4f, %.4f): astropy has no sky position, we " +
						"gave %.8f %.8f", p.x, p.y, s[0], s[1]));
				}
				continue;
			}
			sky++;
			double sep = separationArcsec(s[0], s[1], p.ra, p.dec);
			worstArcsec = Math.max(worstArcsec, Double.isNaN(sep) ? Double.POSITIVE_INFINITY : sep);
			if (!(sep <= MAX_ARCSEC)) {
				failures.add(String.format(Locale.ROOT, "pixel (%.4f, %.4f): %.8f %.8f vs astropy %.8f %.8f (%.4g\")", p.x, p.y,
					s[0], s[1], p.ra, p.dec, sep));
			}
			if (Double.isNaN(p.xBack)) {
				continue;
			}
			back++;
			double[] xy = wcs.skyToPixel(p.ra, p.dec);
			double d = Math.hypot(xy[0] - p.xBack, xy[1] - p.yBack);
			worstPx = Math.max(worstPx, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
			if (!(d <= MAX_PX)) {
				failures.add(String.format(Locale.ROOT, "sky (%.8f, %.8f): pixel %.9f %.9f vs astropy %.9f %.9f", p.ra, p.dec,
					xy[0], xy[1], p.xBack, p.yBack));
			}
		}
		System.out.printf(Locale.ROOT, "WCS %-22s %-28s %4d points: %4d on the sky (worst %.2e\"), %4d NaN, %4d back " +
			"(worst %.2e px)%n", expectedFile.getFileName().toString().replace(".expected.txt", ""), wcs.description(), pts
				.size(), sky, worstArcsec, nan, back, worstPx);
		assertTrue(failures.isEmpty(), failures.size() + " of " + pts.size() + " points disagree with astropy, e.g.\n" +
			String.join("\n", failures.subList(0, Math.min(8, failures.size()))));
	}

	/** Angular separation in arcsec (Vincenty's formula, accurate at all distances). */
	static double separationArcsec(double ra1, double dec1, double ra2, double dec2) {
		double l1 = Math.toRadians(ra1);
		double l2 = Math.toRadians(ra2);
		double b1 = Math.toRadians(dec1);
		double b2 = Math.toRadians(dec2);
		double dl = l2 - l1;
		double num = Math.hypot(Math.cos(b2) * Math.sin(dl), Math.cos(b1) * Math.sin(b2) - Math.sin(b1) * Math.cos(b2) *
			Math.cos(dl));
		double den = Math.sin(b1) * Math.sin(b2) + Math.cos(b1) * Math.cos(b2) * Math.cos(dl);
		return Math.toDegrees(Math.atan2(num, den)) * 3600.0;
	}
}
