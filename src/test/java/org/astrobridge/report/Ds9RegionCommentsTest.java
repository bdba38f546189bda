package org.astrobridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comment lines of a region file must not contain DS9's separator ';': astropy-regions splits every line on it first,
 * so the text after it is read as a region (and warned about). Checked with a Java reader that splits as regions does,
 * and with astropy-regions itself where Debian's python3-regions is installed.
 */
class Ds9RegionCommentsTest {

	private static final Path PYTHON = Path.of("/usr/bin/python3");
	private static final Path READER = Path.of("src/test/scripts/read_ds9_regions.py");
	private static final Set<String> FRAMES = Set.of("image", "physical", "fk5", "fk4", "icrs", "galactic", "ecliptic",
		"j2000", "b1950", "linear", "amplifier", "detector");
	private static final Pattern SHAPE = Pattern.compile("[a-z]+\\([^()]*\\)(\\s*#.*)?");

	/** A catalogue whose metadata carries separators and line breaks, as the OOD description did. */
	static Catalog withAwkwardMetadata() {
		Catalog c = Ds9RegionWriterTest.twoObjects();
		c.putMetadata("ood", "mahalanobis > 56.66 (keeps 0.95 of 120 held-out latents; fitted on 120)");
		c.putMetadata("note; odd key", "two\nlines; and more");
		return c;
	}

	/**
	 * The pieces of the file as astropy-regions sees them (every line split on ';'), each classified: a comment, the
	 * global line, a coordinate frame or a shape; anything else is returned as not understood.
	 */
	static List<String> notUnderstood(String text, List<String> shapes) {
		List<String> bad = new ArrayList<>();
		for (String line : text.split("\n")) {
			for (String piece : line.split(";")) {
				String p = piece.strip();
				if (p.isEmpty() || p.startsWith("#") || p.startsWith("global ") || FRAMES.contains(p.toLowerCase())) continue;
				if (SHAPE.matcher(p).matches()) {
					shapes.add(p);
				}
				else {
					bad.add(p);
				}
			}
		}
		return bad;
	}

	@Test
	void commentsKeepNoSeparator() {
		String text = new Ds9RegionWriter().format(withAwkwardMetadata());
		List<String> shapes = new ArrayList<>();
		assertEquals(List.of(), notUnderstood(text, shapes), text);
		assertEquals(2, shapes.size(), text);
		assertTrue(text.contains("# ood: mahalanobis > 56.66 (keeps 0.95 of 120 held-out latents, fitted on 120)\n"), text);
		assertTrue(text.contains("# note, odd key: two lines, and more\n"), text);
		assertFalse(text.lines().filter(l -> l.startsWith("#")).anyMatch(l -> l.contains(";")), text);
	}

	@Test
	void theCheckCatchesASeparatorInAComment() {
		// the line as it was written before: the reader must see a stray piece
		String old = Ds9RegionWriter.HEADER + "\n# ood: keeps 0.95; fitted on 120\nimage\nellipse(1,1,2,1,0)\n";
		List<String> shapes = new ArrayList<>();
		assertEquals(List.of("fitted on 120"), notUnderstood(old, shapes));
	}

	@Test
	void astropyRegionsReadsTheFileWithoutWarnings(@TempDir Path dir) throws Exception {
		assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " not found");
		Path reg = dir.resolve("field.reg");
		new Ds9RegionWriter().wcs(Ds9RegionWriterTest.WCS).write(withAwkwardMetadata(), reg, dir.resolve("field.fits"));
		String[] run = python(reg);
		assumeTrue(!run[1].contains("missing=python3-regions"), "skipped: astropy-regions is not installed for " + PYTHON +
			" (apt-get install python3-regions)");
		assertEquals("0", run[0], run[1]);
		assertTrue(run[1].contains("regions=2\n"), run[1]);
		assertTrue(run[1].contains("texts=spiral 0.93|elliptical 0.60\n"), run[1]);

		// and the reader does warn about the old comment: the check has teeth
		Path old = dir.resolve("old.reg");
		Files.writeString(old, Files.readString(reg).replace("latents, fitted", "latents; fitted"));
		String[] oldRun = python(old);
		assertEquals("1", oldRun[0], oldRun[1]);
		assertTrue(oldRun[1].contains("fitted"), oldRun[1]);
	}

	/** {exit code, standard output + error} of the reader script on {@code reg}. */
	private static String[] python(Path reg) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(PYTHON.toString(), READER.toString(), reg.toString()).redirectErrorStream(true)
			.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(60, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new IllegalStateException("the region reader did not finish");
		}
		return new String[] { String.valueOf(p.exitValue()), out };
	}
}
