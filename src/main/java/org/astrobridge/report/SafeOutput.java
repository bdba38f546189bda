package org.astrobridge.report;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.astrobridge.util.AtomicFiles;

/** Complete-or-nothing output: a temp file in the target's folder, synced, renamed over the target when done. */
final class SafeOutput {

	interface Body {

		void write(Writer w) throws IOException;
	}

	interface StreamBody {

		void write(OutputStream os) throws IOException;
	}

	private SafeOutput() {}

	/** Refuses an output path that is (or resolves to the same file as) one of the inputs. */
	static void checkNotInput(Path out, Path... inputs) throws IOException {
		Path o = out.toAbsolutePath().normalize();
		for (Path in : inputs) {
			if (in == null) {
				continue;
			}
			Path i = in.toAbsolutePath().normalize();
			if (o.equals(i) || (Files.exists(o) && Files.exists(i) && Files.isSameFile(o, i))) {
				throw new IOException(out + ": refusing to write the catalogue over the input file " + in);
			}
		}
	}

	/** Writes UTF-8 text to {@code out}, after {@link #checkNotInput}. */
	static void write(Path out, Path[] inputs, String what, Body body) throws IOException {
		checkNotInput(out, inputs);
		write(out, what, os -> {
			Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
			body.write(w);
			w.flush();
		});
	}

	/** Writes bytes to {@code out}; problems are one IOException naming the file and {@code what}. */
	static void write(Path out, String what, StreamBody body) throws IOException {
		try {
			AtomicFiles.write(out, tmp -> {
				try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
						OutputStream os = new BufferedOutputStream(fos))
				{
					body.write(os);
					os.flush();
					fos.getFD().sync();
				}
			});
		}
		catch (IOException | RuntimeException e) {
			throw new IOException(out + ": cannot write " + what + ": " + e, e);
		}
	}
}
