package org.astrobridge.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.astrogrid.samp.Message;
import org.astrogrid.samp.Metadata;
import org.astrogrid.samp.client.ClientProfile;
import org.astrogrid.samp.client.DefaultClientProfile;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.client.SampException;
import org.astrogrid.samp.xmlrpc.LockInfo;
import org.astrogrid.samp.xmlrpc.StandardClientProfile;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;
import org.astrobridge.util.LibraryLogging;

/**
 * Sends a catalogue ({@code table.load.votable} or {@code table.load.fits}) and an image ({@code image.load.fits})
 * to every client of a running SAMP hub (TOPCAT, Aladin, DS9), through JSAMP. Works headless: nothing here opens a
 * window. Files are sent as file: URLs, so the clients must run on the same machine (as SAMP's Standard Profile
 * hubs do).
 */
final class SampSender {
	/** A sent message: its MType and the public ids of the clients it went to. */
	record Sent(String mtype, Path file, List<String> recipients) {
	}

	static {
		LibraryLogging.quietLibraries();
	}

	private SampSender() {
	}

	/**
	 * The hub the user runs (SAMP_HUB or ~/.samp), or the hub of a given Standard Profile lockfile.
	 */
	static ClientProfile profile(Path lockfile) {
		if (lockfile == null) {
			return DefaultClientProfile.getProfile();
		}
		return new StandardClientProfile(XmlRpcKit.getInstance()) {
			@Override
			public LockInfo getLockInfo() throws IOException {
				return Files.isRegularFile(lockfile) ? LockInfo.readLockFile(lockfile.toUri().toURL()) : null;
			}
		};
	}

	/** The table MType for a catalogue file, by extension; VOTable and FITS are what SAMP table clients load. */
	static String tableMtype(Path catalog) {
		String n = catalog.getFileName().toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".vot") || n.endsWith(".xml") || n.endsWith(".votable")) {
			return "table.load.votable";
		}
		if (n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts")) {
			return "table.load.fits";
		}
		throw new IllegalArgumentException(catalog + ": SAMP clients load VOTable or FITS tables; write the catalogue "
				+ "with format=votable or fits");
	}

	/**
	 * Sends the catalogue and/or the image (either may be null) to all subscribed clients.
	 *
	 * @throws IOException one line when there is no hub or a file is missing
	 */
	static List<Sent> send(ClientProfile profile, Path catalog, Path image) throws IOException {
		if (catalog == null && image == null) {
			throw new IllegalArgumentException("give a catalogue, an image or both");
		}
		for (Path p : new Path[] {catalog, image}) {
			if (p != null && !Files.isRegularFile(p)) {
				throw new IOException(p + ": no such file to send");
			}
		}
		String tableMtype = catalog == null ? null : tableMtype(catalog);
		HubConnection conn;
		try {
			conn = profile.isHubRunning() ? profile.register() : null;
		} catch (SampException e) {
			conn = null;
		}
		if (conn == null) {
			throw new IOException("no SAMP hub is running (start TOPCAT, Aladin or a SAMP hub first)");
		}
		List<Sent> sent = new ArrayList<>();
		try {
			Metadata meta = new Metadata();
			meta.setName("AstroBridge");
			meta.setDescriptionText("Domain adaptation for astronomical images (Fiji plugin)");
			conn.declareMetadata(meta);
			if (catalog != null) {
				sent.add(notifyAll(conn, tableMtype, catalog, "table-id"));
			}
			if (image != null) {
				sent.add(notifyAll(conn, "image.load.fits", image, "image-id"));
			}
		} finally {
			conn.unregister();
		}
		return sent;
	}

	private static Sent notifyAll(HubConnection conn, String mtype, Path file, String idKey) throws SampException {
		Path abs = file.toAbsolutePath().normalize();
		Message m = new Message(mtype);
		m.addParam("url", abs.toUri().toString());
		m.addParam(idKey, "astrobridge:" + abs);
		m.addParam("name", abs.getFileName().toString());
		List<String> to = new ArrayList<>();
		for (Object id : conn.notifyAll(m)) {
			to.add(String.valueOf(id));
		}
		return new Sent(mtype, abs, to);
	}
}
