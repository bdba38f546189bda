package org.astrobridge.util;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file completely or not at all: the content goes to a hidden temporary file beside the target, which replaces
 * the target by an atomic rename only once it is complete. A failure leaves the target as it was and removes the
 * temporary file.
 */
public final class AtomicFiles {

	/** Writes the whole content to the given (temporary) path. */
	@FunctionalInterface
	public interface Content {

		void writeTo(Path temporary) throws IOException;
	}

	private static final AtomicLong COUNTER = new AtomicLong();

	private AtomicFiles() {}

	public static void write(Path target, Content content) throws IOException {
		Path absolute = target.toAbsolutePath();
		Path dir = absolute.getParent();
		Files.createDirectories(dir);
		// a name of our own rather than createTempFile, whose owner-only permissions would stick to the result
		Path tmp = dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-" + COUNTER
			.incrementAndGet() + ".tmp");
		try {
			content.writeTo(tmp);
			if (!Files.exists(tmp)) throw new IOException(target + ": nothing was written");
			try {
				Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** Convenience for text files. */
	public static void writeString(Path target, CharSequence text) throws IOException {
		write(target, tmp -> Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8));
	}
}
