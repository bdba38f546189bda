package org.astrobridge.fits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rows of test-images/EXPECTED.txt (values computed with astropy 5.2). */
final class ExpectedValues {

	static final Path DIR = Path.of("test-images");
	private static final Pattern SKY = Pattern.compile("sky\\(([^,]+),([^)]+)\\)=([^,]+),(.+)");

	record Sky(double x, double y, double ra, double dec) {}

	record Row(String file, int hdu, String extname, int[] numpyShape, int bitpix, long finite, long nan, double sum,
			double min, double max, double first, double last, List<Sky> sky) {
		@Override
		public String toString() {
			return file + "[" + hdu + "]";
		}
	}

	private ExpectedValues() {}

	/** Real files (EXPECTED.txt) and the synthetic ones of make_synthetic.py (EXPECTED-synthetic.txt). */
	static List<String> lines() throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(DIR.resolve("EXPECTED.txt")));
		lines.addAll(Files.readAllLines(DIR.resolve("EXPECTED-synthetic.txt")));
		return lines;
	}

	static List<Row> imageRows() throws IOException {
		List<Row> rows = new ArrayList<>();
		for (String line : lines()) {
			if (line.startsWith("#") || line.isBlank() || line.contains("NO_IMAGE_HDU")) {
				continue;
			}
			String[] f = line.split("\t");
			Map<String, String> kv = new LinkedHashMap<>();
			List<Sky> sky = new ArrayList<>();
			for (int i = 1; i < f.length; i++) {
				Matcher m = SKY.matcher(f[i]);
				if (m.matches()) {
					sky.add(new Sky(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(
						3)), Double.parseDouble(m.group(4))));
				}
				else {
					int eq = f[i].indexOf('=');
					kv.put(f[i].substring(0, eq), f[i].substring(eq + 1));
				}
			}
			String[] s = kv.get("shape").split("x");
			int[] shape = new int[s.length];
			for (int i = 0; i < s.length; i++) {
				shape[i] = Integer.parseInt(s[i]);
			}
			rows.add(new Row(f[0], Integer.parseInt(kv.get("hdu")), kv.get("extname"), shape, Integer.parseInt(kv.get(
				"bitpix")), Long.parseLong(kv.get("finite")), Long.parseLong(kv.get("nan")), num(kv.get("sum")), num(kv.get(
					"min")), num(kv.get("max")), num(kv.get("first")), num(kv.get("last")), sky));
		}
		return rows;
	}

	static List<String> filesWithoutImages() throws IOException {
		List<String> out = new ArrayList<>();
		for (String line : lines()) {
			if (line.contains("NO_IMAGE_HDU")) {
				out.add(line.split("\t")[0]);
			}
		}
		return out;
	}

	private static double num(String s) {
		return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
	}

	/** Angular separation in arcsec (haversine). */
	static double separationArcsec(double ra1, double dec1, double ra2, double dec2) {
		double d1 = Math.toRadians(dec1);
		double d2 = Math.toRadians(dec2);
		double dra = Math.toRadians(ra2 - ra1);
		double h = Math.pow(Math.sin((d2 - d1) / 2), 2) + Math.cos(d1) * Math.cos(d2) * Math.pow(Math.sin(dra / 2), 2);
		return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(h)))) * 3600.0;
	}
}
