package org.astrobridge.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.astrobridge.interop.SentTables;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogFiles;
import org.astrobridge.report.Provenance;
import org.astrobridge.util.LibraryLogging;
import org.astrogrid.samp.Client;
import org.astrogrid.samp.ErrInfo;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Metadata;
import org.astrogrid.samp.Response;
import org.astrogrid.samp.client.AbstractMessageHandler;
import org.astrogrid.samp.client.ClientProfile;
import org.astrogrid.samp.client.DefaultClientProfile;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.client.HubConnector;
import org.astrogrid.samp.client.ResultHandler;
import org.astrogrid.samp.client.SampException;
import org.astrogrid.samp.xmlrpc.LockInfo;
import org.astrogrid.samp.xmlrpc.StandardClientProfile;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;

/**
 * AstroBridge as a SAMP client, through JSAMP: sends a catalogue ({@code table.load.votable} or
 * {@code table.load.fits}) and an image ({@code image.load.fits}) to every client of a running hub (TOPCAT, Aladin,
 * DS9) and collects their replies, and hears the row selections clients send back on those catalogues
 * ({@code table.highlight.row}, {@code table.select.rowList}). One client per hub stays registered after a send, so
 * that it can hear them while the JVM (Fiji) runs; it unregisters when the JVM ends. Works headless: nothing here opens
 * a window. Files are sent as file: URLs, so the clients must run on the same machine (as SAMP's Standard Profile hubs
 * do).
 */
final class SampSender {

	/**
	 * A sent message: its MType, the file, the id the file was sent under, the public ids of its recipients and their
	 * replies by client name ("ok", "error: ...", or none in time).
	 */
	record Sent(String mtype, Path file, String id, List<String> recipients, Map<String, String> replies) {
		/** One log line: what went where and what each client replied. */
		String describe() {
			StringBuilder sb = new StringBuilder("AstroBridge SAMP: ").append(mtype).append(' ').append(file)
				.append(" sent to ").append(recipients.size()).append(" client(s)");
			if (recipients.isEmpty()) {
				return sb.append(" (none subscribed)").toString();
			}
			String sep = ": ";
			for (Map.Entry<String, String> e : replies.entrySet()) {
				sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
				sep = ", ";
			}
			return sb.toString();
		}
	}

	/** Seconds a send waits for the clients' replies. */
	static final int REPLY_WAIT_S = 20;

	private static final Map<String, SampSender> SHARED = new HashMap<>();
	private static final AtomicLong SENDS = new AtomicLong();

	static {
		LibraryLogging.quietLibraries();
	}

	private final ClientProfile profile;
	private final HubConnector connector;
	private final SentTables tables = new SentTables();
	private final List<BiConsumer<String, SentTables.Selection>> listeners = new CopyOnWriteArrayList<>();

	private SampSender(ClientProfile profile) {
		this.profile = profile;
		connector = new HubConnector(profile);
		Metadata meta = new Metadata();
		meta.setName("AstroBridge");
		meta.setDescriptionText("Domain adaptation for astronomical images (Fiji plugin)");
		connector.declareMetadata(meta);
		connector.addMessageHandler(new AbstractMessageHandler(new String[] { SentTables.HIGHLIGHT_ROW,
			SentTables.SELECT_ROW_LIST })
		{

			@Override
			public Map<?, ?> processCall(HubConnection conn, String senderId, Message message) {
				// an unknown table or a bad row goes back to the sender as an error response (to a call)
				SentTables.Selection s = tables.selection(message.getMType(), message.getParams());
				String sender = senderName(senderId);
				for (BiConsumer<String, SentTables.Selection> l : listeners) {
					l.accept(sender, s);
				}
				return null;
			}
		});
		connector.declareSubscriptions(connector.computeSubscriptions());
		Thread unregister = new Thread(this::close, "AstroBridge SAMP unregister");
		Runtime.getRuntime().addShutdownHook(unregister);
	}

	/** The client for the hub the user runs (lockfile null: SAMP_HUB or ~/.samp), or of a given lockfile. */
	static synchronized SampSender of(Path lockfile) {
		String key = lockfile == null ? "" : lockfile.toAbsolutePath().normalize().toString();
		return SHARED.computeIfAbsent(key, k -> new SampSender(profile(lockfile)));
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

	/** Calls {@code listener} with the sender's name and each row selection a client sends on a sent catalogue. */
	void onSelection(BiConsumer<String, SentTables.Selection> listener) {
		if (!listeners.contains(listener)) {
			listeners.add(listener);
		}
	}

	/** The catalogues sent so far (to this hub, from this JVM). */
	SentTables tables() {
		return tables;
	}

	/** Whether this client is registered with a hub now. */
	boolean isConnected() {
		return connector.isConnected();
	}

	/** Unregisters from the hub (a later send registers again). */
	void close() {
		try {
			connector.setActive(false);
		}
		catch (RuntimeException e) {
			// the hub has gone: nothing to unregister from
		}
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
		throw new IllegalArgumentException(catalog + ": SAMP clients load VOTable or FITS tables; write the catalogue " +
			"with format=votable or fits");
	}

	/**
	 * Sends the catalogue and/or the image (either may be null) to all subscribed clients, with their replies, and
	 * remembers the catalogue (made from {@code image}, or from the image its provenance names) so that row selections on
	 * it can be shown.
	 *
	 * @throws IOException one line when there is no hub, a file is missing or the catalogue cannot be read
	 */
	List<Sent> send(Path catalog, Path image) throws IOException {
		if (catalog == null && image == null) {
			throw new IllegalArgumentException("give a catalogue, an image or both");
		}
		for (Path p : new Path[] { catalog, image }) {
			if (p != null && !Files.isRegularFile(p)) {
				throw new IOException(p + ": no such file to send");
			}
		}
		String tableMtype = catalog == null ? null : tableMtype(catalog);
		HubConnection conn = connection();
		List<Sent> sent = new ArrayList<>();
		if (catalog != null) {
			Path abs = catalog.toAbsolutePath().normalize();
			Catalog rows = CatalogFiles.read(abs);
			Path from = image != null ? image.toAbsolutePath().normalize() : provenanceImage(rows);
			Sent s = callAll(conn, tableMtype, abs, "table-id");
			tables.add(s.id(), abs.toUri().toString(), abs, rows, from);
			sent.add(s);
		}
		if (image != null) {
			sent.add(callAll(conn, "image.load.fits", image.toAbsolutePath().normalize(), "image-id"));
		}
		return sent;
	}

	/** The registered connection, registering first if need be; one line when there is no hub. */
	private synchronized HubConnection connection() throws IOException {
		HubConnection conn = null;
		try {
			if (profile.isHubRunning()) {
				connector.setActive(true);
				conn = connector.getConnection();
			}
		}
		catch (SampException e) {
			conn = null;
		}
		if (conn == null) {
			throw new IOException("no SAMP hub is running (start TOPCAT, Aladin or a SAMP hub first)");
		}
		return conn;
	}

	/**
	 * Calls every subscribed client with the load message and waits (up to {@link #REPLY_WAIT_S} s) for their replies:
	 * whether TOPCAT or DS9 could load the file is worth a log line; the load is not undone by a late reply.
	 */
	private Sent callAll(HubConnection conn, String mtype, Path abs, String idKey) throws SampException {
		Message m = new Message(mtype);
		// a new id per send: TOPCAT refuses a table-id it has had before, and a re-run rewrites the same file
		String id = "astrobridge:" + abs + "#" + SENDS.incrementAndGet() + "-" + System.currentTimeMillis();
		m.addParam("url", abs.toUri().toString());
		m.addParam(idKey, id);
		m.addParam("name", abs.getFileName().toString());
		List<String> to = new ArrayList<>();
		for (Object o : conn.getSubscribedClients(mtype).keySet()) {
			to.add(String.valueOf(o));
		}
		Map<String, String> replies = new ConcurrentHashMap<>();
		CountDownLatch done = new CountDownLatch(1);
		if (!to.isEmpty()) {
			connector.callAll(m, new ResultHandler() {

				@Override
				public void result(Client responder, Response response) {
					ErrInfo err = response.isOK() ? null : response.getErrInfo();
					replies.put(responder.getId(), response.isOK() ? "ok" : "error: " + (err == null ? "(no text)" : err
						.getErrortxt()));
				}

				@Override
				public void done() {
					done.countDown();
				}
			}, REPLY_WAIT_S);
			try {
				done.await(REPLY_WAIT_S, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		Map<String, String> byName = new LinkedHashMap<>();
		for (String client : to) {
			byName.put(senderName(client), replies.getOrDefault(client, "no reply within " + REPLY_WAIT_S + " s"));
		}
		return new Sent(mtype, abs, id, to, byName);
	}

	/** The image a catalogue's provenance names ({@code image_path}), if that file is here. */
	private static Path provenanceImage(Catalog catalog) {
		String p = catalog.metadata().get(Provenance.IMAGE_PATH);
		return p != null && Files.isRegularFile(Path.of(p)) ? Path.of(p) : null;
	}

	/** A client's name from its metadata, else its public id. */
	private String senderName(String senderId) {
		Object c = connector.getClientMap().get(senderId);
		if (c instanceof Client client && client.getMetadata() != null && client.getMetadata().getName() != null) {
			return client.getMetadata().getName();
		}
		return senderId;
	}
}
