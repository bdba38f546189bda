package org.astrobridge.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.astrobridge.site.SiteIndex.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the update site the build generated ({@code update-site/}) as Fiji's updater would, installs it into an empty
 * Fiji-like folder and runs a headless macro with only the installed jars and Fiji's own base jars on the classpath.
 * Runs after {@code package} (failsafe), when the site exists.
 */
class UpdateSiteInstallIT {

	private static final Path SITE = Path.of("update-site");
	private static final Path DEPENDENCIES = Path.of("target", "site-deps");
	private static final Pattern TIMESTAMP = Pattern.compile("\\d{14}");

	private static Map<String, Record> records;

	@BeforeAll
	static void readSite() throws IOException {
		assertTrue(Files.isRegularFile(SITE.resolve("db.xml.gz")), "the build wrote update-site/db.xml.gz");
		records = SiteIndex.read(SITE.resolve("db.xml.gz"));
	}

	@Test
	void indexIsValidAgainstTheUpdaterDtd() throws IOException {
		String xml;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(SITE.resolve("db.xml.gz")))) {
			xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		// the inline DTD must be the updater's, or validating against it would prove nothing
		assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + SiteIndex.DTD + "\n<pluginRecords>"),
			"db.xml starts with the XML declaration and the updater's DTD");
		try (InputStream in = Files.newInputStream(SITE.resolve("db.xml.gz"))) {
			assertEquals(records.keySet(), SiteIndex.read(in, true).keySet()); // validating parse, errors are fatal
		}
		assertTrue(!xml.contains("<update-site") && !xml.contains("update-site=\""), "no local-db attributes");
	}

	@Test
	void everyRecordMatchesItsTimestampedFile() throws IOException {
		assertEquals(List.of("jars/jarrow.jar", "jars/javacpp.jar", "jars/jcdf.jar", "jars/jsamp.jar", "jars/json.jar",
			"jars/linux64/javacpp-linux-x86_64.jar", "jars/linux64/tensorflow-core-native-linux-x86_64.jar",
			"jars/nom-tam-fits.jar", "jars/snakeyaml.jar", "jars/stil.jar", "models/mergers-sim-to-sdss-dann.zip",
			"plugins/AstroBridge_.jar"), records.values().stream().filter(r -> r.current() != null).map(Record::key).sorted()
				.toList());
		for (Record r : records.values()) {
			if (r.current() == null) continue;
			assertTrue(TIMESTAMP.matcher(Long.toString(r.current().timestamp())).matches(), r.filename());
			Path file = SITE.resolve(r.sitePath());
			assertTrue(Files.isRegularFile(file), file + " exists");
			assertEquals(r.current().filesize(), Files.size(file), file + " size");
			assertEquals(r.current().checksum(), UpdaterChecksum.of(r.filename(), file), file + " checksum");
			assertNotNull(r.current().description(), r.filename() + " has a description");
			if (r.filename().startsWith("jars/linux64/")) assertEquals(List.of("linux64"), r.platforms(), r.filename());
			else assertEquals(List.of(), r.platforms(), r.filename());
		}
		Record plugin = records.get("plugins/AstroBridge_.jar");
		assertTrue(plugin.current().authors().contains("AstroBridge developers"));
		assertTrue(plugin.current().dependencies().contains(new SiteIndex.Dependency("jars/nom-tam-fits.jar")));
		assertTrue(plugin.current().dependencies().contains(new SiteIndex.Dependency("jars/scijava-common.jar")));
		Record model = records.get("models/mergers-sim-to-sdss-dann.zip");
		assertTrue(model.current().description().contains("non_merger / merger"), model.current().description());
	}

	@Test
	void installedSiteRunsTheMacro(@TempDir Path tmp) throws Exception {
		Path fiji = fijiWithSite(tmp);
		Run run = runMacro(fiji, tmp.resolve("work"));
		assertEquals(0, run.exit, run.output);
		assertTrue(run.output.contains("opened dss.fits.gz 100x100 min=2989 max=20136"), run.output);
		assertTrue(run.output.contains("opened comp.fits 440x300 min=0 max=1037"), run.output); // astropy's values
		Matcher rows = Pattern.compile("install-check: catalogue rows=(\\d+)").matcher(run.output);
		assertTrue(rows.find(), run.output);
		assertTrue(Integer.parseInt(rows.group(1)) > 0, run.output);
		// the shipped model, installed where Fiji keeps models and the dialogs' chooser looks, classifies the field
		assertEquals(-1L, Files.mismatch(Path.of("models", "mergers-sim-to-sdss-dann.zip"), fiji.resolve("models").resolve(
			"mergers-sim-to-sdss-dann.zip")), "the installed model is the project's");
		Matcher shipped = Pattern.compile("install-check: shipped model rows=(\\d+)").matcher(run.output);
		assertTrue(shipped.find(), run.output);
		assertTrue(Integer.parseInt(shipped.group(1)) > 0, run.output);
	}

	/** Proves the classpath is only what was installed: without nom-tam-fits the first FITS command fails. */
	@Test
	void aMissingJarFailsTheMacro(@TempDir Path tmp) throws Exception {
		Path fiji = fijiWithSite(tmp);
		try (Stream<Path> jars = Files.list(fiji.resolve("jars"))) {
			for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("nom-tam-fits-")).toList())
				Files.delete(jar);
		}
		Run run = runMacro(fiji, tmp.resolve("work"));
		assertNotEquals(0, run.exit, run.output);
		assertTrue(run.output.contains("opened dss.fits.gz"), run.output); // a plain FITS file needs no nom-tam-fits
		assertTrue(run.output.contains("nom/tam/fits"), run.output);
		assertTrue(!run.output.contains("opened comp.fits") && !run.output.contains("install-check:"), run.output);
	}

	/** An empty Fiji.app with the base jars Fiji ships (ImageJ 1.x, SciJava, ImgLib2, the patcher), then the site. */
	private static Path fijiWithSite(Path tmp) throws IOException {
		Path fiji = tmp.resolve("Fiji.app");
		Files.createDirectories(fiji.resolve("jars"));
		Files.createDirectories(fiji.resolve("plugins"));
		int provided = 0;
		try (Stream<Path> jars = Files.list(DEPENDENCIES)) {
			for (Path jar : jars.toList()) {
				String a = UpdateSiteBuilder.artifactOf(jar.getFileName().toString()).orElse("");
				if (SiteContents.FIJI_PROVIDED.contains(a)) {
					Files.copy(jar, fiji.resolve("jars").resolve(jar.getFileName()));
					provided++;
				}
			}
		}
		assertEquals(SiteContents.FIJI_PROVIDED.size(), provided, "every Fiji base jar found in " + DEPENDENCIES);
		List<String> installed = SiteInstaller.install(SITE.toAbsolutePath().toUri(), fiji, SiteContents.PLATFORM);
		assertEquals(12, installed.size(), installed.toString());
		assertTrue(Files.notExists(fiji.resolve("update").resolve("plugins").resolve("AstroBridge_.jar")));
		return fiji;
	}

	private record Run(int exit, String output) {}

	/** The Fiji launcher's classpath: jars/*.jar, jars/&#42;/*.jar, plugins/*.jar, plugins/&#42;/*.jar. */
	private static Run runMacro(Path fiji, Path work) throws Exception {
		Files.createDirectories(work);
		Files.copy(Path.of("test-images", "dss.14.29.56-62.41.05.fits.gz"), work.resolve("dss.fits.gz"));
		Files.copy(Path.of("test-images", "comp.fits"), work.resolve("comp.fits"));
		Path macro = work.resolve("install-check.ijm");
		try (InputStream in = UpdateSiteInstallIT.class.getResourceAsStream("install-check.ijm")) {
			Files.write(macro, in.readAllBytes());
		}
		List<String> classpath = new ArrayList<>();
		for (String dir : List.of("jars", "plugins")) {
			try (Stream<Path> files = Files.walk(fiji.resolve(dir), 2)) {
				files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classpath.add(p.toString()));
			}
		}
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			// plugins.dir: the Fiji root, as Fiji's launcher sets it, so getDirectory("imagej") is the installation
			"-Xmx1g", "-Dplugins.dir=" + fiji.toAbsolutePath(), "--add-opens", "java.base/java.lang=ALL-UNNAMED",
			"--add-opens", "java.base/java.util=ALL-UNNAMED", "-cp", String.join(java.io.File.pathSeparator, classpath),
			"org.astrobridge.cli.Main", "macro", macro.toString(), work.toString());
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Thread reader = new Thread(() -> {
			try {
				p.getInputStream().transferTo(out);
			}
			catch (IOException e) {
				// the process ended
			}
		});
		reader.start();
		if (!p.waitFor(600, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("the macro did not finish in 10 minutes");
		}
		reader.join();
		return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
	}
}
