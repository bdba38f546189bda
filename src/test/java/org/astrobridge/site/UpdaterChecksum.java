package org.astrobridge.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The checksum Fiji's updater records and verifies (imagej-updater's {@code UpdaterUtil.getDigest}), written from the
 * rules in {@code ../shared/UPDATE-SITE.md}: SHA-1 in lowercase hex; a jar is hashed entry by entry (names in
 * {@code String} order, each name then its content) so that rebuilding it with new timestamps keeps its checksum; its
 * manifest contributes only its name and {@code .properties} files lose their {@code #} lines (Maven writes the build
 * date there); any other file is its record path followed by its bytes.
 */
public final class UpdaterChecksum {

	private static final String MANIFEST = "META-INF/MANIFEST.MF";

	private UpdaterChecksum() {}

	/** @param recordPath the file's path under the Fiji root, as in its record ({@code jars/x-1.0.jar}) */
	public static String of(String recordPath, Path file) throws IOException {
		MessageDigest sha1 = sha1();
		if (recordPath.endsWith(".jar")) {
			try (JarFile jar = new JarFile(file.toFile(), false)) {
				List<JarEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
				entries.sort((a, b) -> a.getName().compareTo(b.getName()));
				for (JarEntry entry : entries) {
					sha1.update(entry.getName().getBytes(StandardCharsets.US_ASCII));
					if (entry.getName().equals(MANIFEST)) continue;
					try (InputStream in = jar.getInputStream(entry)) {
						byte[] content = in.readAllBytes();
						sha1.update(entry.getName().endsWith(".properties") ? withoutHashedLines(content) : content);
					}
				}
			}
		}
		else {
			sha1.update(recordPath.getBytes(StandardCharsets.US_ASCII));
			try (InputStream in = Files.newInputStream(file)) {
				byte[] buffer = new byte[1 << 16];
				for (int n; (n = in.read(buffer)) >= 0;)
					sha1.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(sha1.digest());
	}

	/**
	 * Drops comment lines the way the updater's {@code SkipHashedLines} stream does, byte for byte: a line that starts
	 * with {@code #} becomes a bare newline. The updater only tests for {@code #} at a line start it has marked, and the
	 * newline that ends a comment line comes back unmarked when the comment is empty or is followed by another {@code #}
	 * line start, so after {@code "#\n"} the next line is kept even if it starts with {@code #}. {@link Reader}
	 * reproduces that state machine.
	 */
	static byte[] withoutHashedLines(byte[] in) {
		Reader reader = new Reader(in);
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		for (int ch; (ch = reader.read()) >= 0;)
			out.write(ch);
		return out.toByteArray();
	}

	/** The updater's stream as a recursive reader over a byte array. */
	private static final class Reader {

		private final byte[] bytes;
		private int pos;
		private boolean atLineStart = true;

		Reader(byte[] bytes) {
			this.bytes = bytes;
		}

		int read() {
			int ch = pos < bytes.length ? bytes[pos++] & 0xff : -1;
			if (atLineStart) {
				if (ch == '#') {
					// the nested reads see atLineStart still set: an empty comment ends "mid-line"
					while ((ch = read()) != '\n' && ch != -1) {
						// skip the comment
					}
				}
				else {
					atLineStart = false;
				}
			}
			else if (ch == '\n') {
				atLineStart = true;
			}
			return ch;
		}
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("this JVM has no SHA-1", e);
		}
	}
}
