package org.astrobridge.detect.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.astrobridge.detect.DetectionSettings;

/**
 * Runs SExtractor ({@code source-extractor}, one thread) on a FITS file with detection settings matching ours: same
 * threshold, minimum area, deblending and background mesh, and a CONV NORM file holding our Gaussian matched filter.
 * The benchmarks that compare against it share this so that they compare against the same configuration.
 */
public final class SExtractor {

	private SExtractor() {}

	/**
	 * What one run found.
	 *
	 * @param positions 0-based FITS (x, y) of every detection (SExtractor's X_IMAGE, Y_IMAGE are 1-based)
	 * @param seconds wall time of the process, including its FITS read and catalogue write
	 */
	public record Run(List<double[]> positions, double seconds) {}

	/** Writes the configuration into {@code dir}, runs SExtractor there on the image in {@code fits}'s first HDU. */
	public static Run detect(Path dir, Path fits, DetectionSettings s) throws IOException, InterruptedException {
		Files.writeString(dir.resolve("ours.conv"), convolutionFile(s.filterFwhm()));
		Files.writeString(dir.resolve("bench.param"), "X_IMAGE\nY_IMAGE\nFLUX_ISO\nISOAREA_IMAGE\nFLAGS\n");
		String config = String.join("\n", "CATALOG_NAME sex.cat", "CATALOG_TYPE ASCII", "PARAMETERS_NAME bench.param",
			"DETECT_TYPE CCD", "DETECT_MINAREA " + s.minArea(), "DETECT_THRESH " + s.threshold(), "ANALYSIS_THRESH " + s
				.threshold(), "FILTER " + (s.filterFwhm() > 0 ? "Y" : "N"), "FILTER_NAME ours.conv", "DEBLEND_NTHRESH " + s
					.deblendLevels(), "DEBLEND_MINCONT " + s.deblendContrast(), "CLEAN N", "MASK_TYPE NONE", "SATUR_LEVEL 1e29",
			"GAIN 0", "PIXEL_SCALE 1", "BACK_SIZE " + s.backgroundMesh(), "BACK_FILTERSIZE " + s.backgroundFilter(),
			"BACKPHOTO_TYPE GLOBAL", "CHECKIMAGE_TYPE NONE", "MEMORY_OBJSTACK 30000", "MEMORY_PIXSTACK 3000000",
			"MEMORY_BUFSIZE 4096", "VERBOSE_TYPE QUIET", "WRITE_XML N", "NTHREADS 1", "");
		Files.writeString(dir.resolve("bench.sex"), config);
		ProcessBuilder pb = new ProcessBuilder("source-extractor", fits.toAbsolutePath() + "[0]", "-c", "bench.sex")
			.directory(dir.toFile()).redirectErrorStream(true);
		long t0 = System.nanoTime();
		Process p;
		try {
			p = pb.start();
		}
		catch (IOException e) {
			throw new IOException("source-extractor is not installed (apt-get install -y source-extractor)", e);
		}
		String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int rc = p.waitFor();
		double seconds = (System.nanoTime() - t0) / 1e9;
		if (rc != 0) {
			throw new IOException("source-extractor failed on " + fits + " with exit code " + rc + ": " + log);
		}
		List<double[]> out = new ArrayList<>();
		for (String line : Files.readAllLines(dir.resolve("sex.cat"))) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] f = line.trim().split("\\s+");
			out.add(new double[] { Double.parseDouble(f[0]) - 1, Double.parseDouble(f[1]) - 1 });
		}
		return new Run(out, seconds);
	}

	/** SExtractor's filter file for our kernel: a Gaussian of the given FWHM out to 3 sigma, normalised by it. */
	private static String convolutionFile(double fwhm) {
		double sigma = fwhm / (2 * Math.sqrt(2 * Math.log(2)));
		int rad = Math.max(1, (int) Math.ceil(3 * sigma));
		StringBuilder conv = new StringBuilder("CONV NORM\n# Gaussian FWHM " + fwhm + " px, as ours\n");
		for (int j = -rad; j <= rad; j++) {
			for (int i = -rad; i <= rad; i++) {
				conv.append(String.format(Locale.ROOT, "%.6f ", Math.exp(-0.5 * (i * i + j * j) / (sigma * sigma))));
			}
			conv.append('\n');
		}
		return conv.toString();
	}
}
