package org.astrobridge.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.astrobridge.site.SiteIndex.PreviousVersion;
import org.astrobridge.site.SiteIndex.Record;
import org.astrobridge.site.UpdateSiteBuilder.Change;
import org.astrobridge.site.UpdateSiteBuilder.Planned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions across uploads: unchanged files keep their version, changed ones list the old one, dropped ones are marked
 * removed.
 */
class UpdateSiteBuilderTest {

	@TempDir
	Path tmp;

	@Test
	void successiveBuildsKeepUnchangedFilesAndRecordPreviousVersions() throws IOException {
		Path site = tmp.resolve("site");
		Path plugin1 = jar("p1.jar", "class-1");
		Path lib = jar("lib.jar", "lib");
		List<Planned> first = List.of(new Planned("plugins/Demo_-1.0.jar", plugin1, List.of(), List.of("jars/lib.jar")),
			new Planned("jars/lib-2.0.jar", lib, List.of(), List.of()));
		assertEquals(Map.of("plugins/Demo_.jar", Change.NEW, "jars/lib.jar", Change.NEW), UpdateSiteBuilder.build(first,
			site, 20260101000000L));

		// same content again: nothing changes, not even the timestamps
		assertEquals(Map.of("plugins/Demo_.jar", Change.UNCHANGED, "jars/lib.jar", Change.UNCHANGED), UpdateSiteBuilder
			.build(first, site, 20260102000000L));

		// a new plugin version, and lib no longer shipped
		Path plugin2 = jar("p2.jar", "class-2");
		List<Planned> second = List.of(new Planned("plugins/Demo_-1.1.jar", plugin2, List.of(), List.of()));
		assertEquals(Map.of("plugins/Demo_.jar", Change.UPDATED, "jars/lib.jar", Change.REMOVED), UpdateSiteBuilder.build(
			second, site, 20260103000000L));

		Map<String, Record> records;
		try (var in = Files.newInputStream(site.resolve("db.xml.gz"))) {
			records = SiteIndex.read(in, true);
		}
		Record plugin = records.get("plugins/Demo_.jar");
		assertEquals("plugins/Demo_-1.1.jar", plugin.filename());
		assertEquals(20260103000000L, plugin.current().timestamp());
		assertEquals(UpdaterChecksum.of("plugins/Demo_-1.1.jar", plugin2), plugin.current().checksum());
		assertEquals(List.of(new PreviousVersion(20260101000000L, UpdaterChecksum.of("plugins/Demo_-1.0.jar", plugin1),
			"plugins/Demo_-1.0.jar")), plugin.previous());
		Record removed = records.get("jars/lib.jar");
		assertNull(removed.current());
		assertEquals(1, removed.previous().size());
		// old versions stay downloadable for installations that still have them
		assertTrue(Files.exists(site.resolve("plugins/Demo_-1.0.jar-20260101000000")));
		assertTrue(Files.exists(site.resolve("plugins/Demo_-1.1.jar-20260103000000")));
	}

	@Test
	void unsortedRuntimeJarStopsTheBuild() throws IOException {
		Path deps = Files.createDirectories(tmp.resolve("deps"));
		jar("deps/surprise-1.0.jar", "x");
		Path plugin = jar("astrobridge-0.1.0-fiji.jar", "x");
		IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> UpdateSiteBuilder.plan(
			plugin, deps));
		assertTrue(e.getMessage().contains("surprise-1.0.jar"), e.getMessage());
	}

	private Path jar(String name, String content) throws IOException {
		Path p = tmp.resolve(name);
		try (OutputStream out = Files.newOutputStream(p); JarOutputStream jar = new JarOutputStream(out)) {
			jar.putNextEntry(new JarEntry("x/Content.class"));
			jar.write(content.getBytes(StandardCharsets.US_ASCII));
			jar.closeEntry();
		}
		return p;
	}
}
