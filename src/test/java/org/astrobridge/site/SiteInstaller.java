package org.astrobridge.site;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.astrobridge.site.SiteIndex.Record;

/**
 * Installs an update site into a Fiji-like folder the way Fiji's updater does: fetch each file of this platform by URL
 * into {@code update/}, check its size and checksum against the index, then move it into place.
 */
public final class SiteInstaller {

	private SiteInstaller() {}

	/** @return the installed paths, relative to {@code fiji} */
	public static List<String> install(URI site, Path fiji, String platform) throws IOException {
		Map<String, Record> records;
		try (InputStream in = site.resolve("db.xml.gz").toURL().openStream()) {
			records = SiteIndex.read(in, true);
		}
		List<Record> wanted = new ArrayList<>();
		for (Record r : records.values()) {
			if (r.current() == null) continue; // removed from the site
			if (!r.platforms().isEmpty() && !r.platforms().contains(platform)) continue;
			wanted.add(r);
		}
		for (Record r : wanted) {
			Path staged = fiji.resolve("update").resolve(r.filename());
			Files.createDirectories(staged.getParent());
			try (InputStream in = site.resolve(r.sitePath()).toURL().openStream()) {
				Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
			}
			long size = Files.size(staged);
			if (size != r.current().filesize()) throw new IOException(r.sitePath() + ": " + size + " bytes, the index says " +
				r.current().filesize());
			String checksum = UpdaterChecksum.of(r.filename(), staged);
			if (!checksum.equals(r.current().checksum())) throw new IOException(r.sitePath() + ": checksum " + checksum +
				", the index says " + r.current().checksum());
		}
		// like the updater at restart: everything verified first, then moved into place
		List<String> installed = new ArrayList<>();
		for (Record r : wanted) {
			Path target = fiji.resolve(r.filename());
			Files.createDirectories(target.getParent());
			Files.move(fiji.resolve("update").resolve(r.filename()), target, StandardCopyOption.REPLACE_EXISTING);
			installed.add(r.filename());
		}
		return installed;
	}
}
