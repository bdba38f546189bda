package org.astrobridge.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdaterChecksumTest {

	@TempDir
	Path tmp;

	@Test
	void plainFileIsItsPathThenItsBytes() throws Exception {
		Path f = tmp.resolve("batch.ijm");
		Files.writeString(f, "print(1);\n");
		MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
		sha1.update("macros/batch.ijm".getBytes(StandardCharsets.US_ASCII));
		sha1.update("print(1);\n".getBytes(StandardCharsets.US_ASCII));
		assertEquals(HexFormat.of().formatHex(sha1.digest()), UpdaterChecksum.of("macros/batch.ijm", f));
	}

	@Test
	void jarIsEntryNamesAndContentsInNameOrderIgnoringManifestAndPropertiesComments() throws Exception {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("b/Two.class", "two");
		entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBuilt-By: someone\n");
		entries.put("a/x.properties", "#Mon Nov 30 2026\nkey=value\n");
		entries.put("a/", "");
		Path jar = jar("one.jar", entries);
		MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
		for (String[] e : new String[][] { { "META-INF/MANIFEST.MF", "" }, { "a/", "" }, { "a/x.properties",
			"\nkey=value\n" }, { "b/Two.class", "two" } })
		{
			sha1.update(e[0].getBytes(StandardCharsets.US_ASCII));
			sha1.update(e[1].getBytes(StandardCharsets.US_ASCII));
		}
		String expected = HexFormat.of().formatHex(sha1.digest());
		assertEquals(expected, UpdaterChecksum.of("jars/one-1.0.jar", jar));

		// a rebuild with another date, manifest and entry order has the same checksum; other content does not
		Map<String, String> rebuilt = new LinkedHashMap<>();
		rebuilt.put("a/", "");
		rebuilt.put("a/x.properties", "#Tue Dec 01 2026\nkey=value\n");
		rebuilt.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBuilt-By: another\n");
		rebuilt.put("b/Two.class", "two");
		assertEquals(expected, UpdaterChecksum.of("jars/one-1.0.jar", jar("rebuilt.jar", rebuilt)));
		rebuilt.put("b/Two.class", "three");
		assertNotEquals(expected, UpdaterChecksum.of("jars/one-1.0.jar", jar("changed.jar", rebuilt)));
	}

	@Test
	void hashedLinesFollowTheUpdatersStreamByteForByte() {
		assertEquals("\nkey=1\n", strip("#date\nkey=1\n"));
		assertEquals("\n\n", strip("#a\n#b\n"));
		// after an empty comment line the stream is mid-line: the next '#' line is kept
		assertEquals("\n#kept\nk=v\n", strip("#\n#kept\nk=v\n"));
		assertEquals("k=#not a comment\n", strip("k=#not a comment\n"));
		assertEquals("", strip("#no newline at the end"));
		// "##x" nests: the inner skip ends at the newline, which the outer read returns
		assertEquals("\nk\n", strip("##x\nk\n"));
	}

	private static String strip(String s) {
		return new String(UpdaterChecksum.withoutHashedLines(s.getBytes(StandardCharsets.US_ASCII)),
			StandardCharsets.US_ASCII);
	}

	private Path jar(String name, Map<String, String> entries) throws IOException {
		Path p = tmp.resolve(name);
		try (OutputStream out = Files.newOutputStream(p); JarOutputStream jar = new JarOutputStream(out)) {
			for (Map.Entry<String, String> e : entries.entrySet()) {
				jar.putNextEntry(new JarEntry(e.getKey()));
				jar.write(e.getValue().getBytes(StandardCharsets.US_ASCII));
				jar.closeEntry();
			}
		}
		return p;
	}
}
