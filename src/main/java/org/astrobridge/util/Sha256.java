package org.astrobridge.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 checksums of files and folders, one definition for model records and catalogue provenance. */
public final class Sha256 {

	private Sha256() {}

	/**
	 * Lower-case hex SHA-256 of a file's bytes or, for a folder, of each regular file's relative path ('/'-separated,
	 * UTF-8, then a NUL byte so that name and content cannot run into each other) and bytes, in path order: the same
	 * folder gives the same sum wherever it lies.
	 */
	public static String of(Path path) throws IOException {
		MessageDigest md = digest();
		if (Files.isDirectory(path)) {
			List<Path> files;
			try (Stream<Path> s = Files.walk(path)) {
				files = s.filter(Files::isRegularFile).sorted().toList();
			}
			for (Path f : files) {
				md.update(path.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
				md.update((byte) 0);
				update(md, f);
			}
		}
		else {
			update(md, path);
		}
		return hex(md);
	}

	/** A fresh SHA-256 digest. */
	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("this Java has no SHA-256", e);
		}
	}

	/** The digest's value as lower-case hex. */
	public static String hex(MessageDigest md) {
		return HexFormat.of().formatHex(md.digest());
	}

	private static void update(MessageDigest md, Path file) throws IOException {
		byte[] buf = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buf)) > 0;) {
				md.update(buf, 0, n);
			}
		}
	}
}
