package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import ij.ImagePlus;
import ij.gui.EllipseRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.process.FloatProcessor;

import org.astrobridge.fits.PixelConvention;
import org.astrobridge.interop.SentTables;
import org.astrobridge.interop.SentTablesTest;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogFiles;
import org.astrobridge.report.CatalogFormatsTest;
import org.astrobridge.util.LibraryLogging;
import org.astrogrid.samp.ErrInfo;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Metadata;
import org.astrogrid.samp.Response;
import org.astrogrid.samp.client.CallableClient;
import org.astrogrid.samp.client.ClientProfile;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.client.SampException;
import org.astrogrid.samp.hub.Hub;
import org.astrogrid.samp.hub.HubProfile;
import org.astrogrid.samp.hub.HubServiceMode;
import org.astrogrid.samp.xmlrpc.StandardHubProfile;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SAMP hub and a second client in this JVM (loopback): what the sender sends arrives and can be loaded, and the rows
 * that client then selects on the catalogue become the selection on the image it was made from.
 */
public class SampSenderTest {

	@TempDir
	Path dir;

	/** A JSAMP hub of its own on a lockfile in the test folder (not the user's ~/.samp). */
	public static Hub hub(Path lockfile) throws IOException {
		LibraryLogging.quietLibraries();
		System.setProperty("jsamp.localhost", "127.0.0.1");
		XmlRpcKit kit = XmlRpcKit.getInstance();
		return Hub.runHub(HubServiceMode.NO_GUI, new HubProfile[] { new StandardHubProfile(kit.getClientFactory(), kit
			.getServerFactory(), lockfile.toFile(), "test-secret") }, new HubProfile[0]);
	}

	/** A client named "Test client" of the hub of {@code lockfile} that queues what it receives. */
	public static HubConnection client(Path lockfile, LinkedBlockingQueue<Message> received, String... mtypes)
		throws Exception
	{
		return client(SampSender.profile(lockfile), received, mtypes);
	}

	/** A client named "Test client" that queues what it receives. */
	public static HubConnection client(ClientProfile profile, LinkedBlockingQueue<Message> received, String... mtypes)
		throws Exception
	{
		HubConnection conn = profile.register();
		Metadata meta = new Metadata();
		meta.setName("Test client");
		conn.declareMetadata(meta);
		conn.setCallable(new CallableClient() {

			@Override
			public void receiveNotification(String senderId, Message message) {
				received.add(message);
			}

			@Override
			public void receiveCall(String senderId, String msgId, Message message) throws SampException {
				received.add(message);
				// a table is loaded, an image is refused: the sender reports both replies
				conn.reply(msgId, message.getMType().startsWith("table.") ? Response.createSuccessResponse(Map.of()) : Response
					.createErrorResponse(new ErrInfo("cannot display images")));
			}

			@Override
			public void receiveResponse(String responderId, String msgTag, Response response) {}
		});
		Map<String, Object> subs = new java.util.HashMap<>();
		for (String m : mtypes)
			subs.put(m, Map.of());
		conn.declareSubscriptions(subs);
		return conn;
	}

	@Test
	void catalogueAndImageArriveAtAListeningClient() throws Exception {
		Path lockfile = dir.resolve("samp-lock");
		Hub hub = hub(lockfile);
		SampSender sender = SampSender.of(lockfile);
		try {
			ClientProfile profile = SampSender.profile(lockfile);
			LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
			HubConnection listener = client(profile, received, "table.load.votable", "table.load.fits", "image.load.fits");

			Catalog cat = CatalogFormatsTest.classified();
			Path vot = dir.resolve("field_catalog.vot");
			CatalogFiles.write(cat, vot);
			Path image = dir.resolve("field.fits");
			Files.copy(Path.of("test-images/arange.fits"), image);

			List<SampSender.Sent> sent = sender.send(vot, image);
			assertEquals(List.of("table.load.votable", "image.load.fits"), sent.stream().map(SampSender.Sent::mtype)
				.toList());
			for (SampSender.Sent s : sent)
				assertEquals(List.of(listener.getRegInfo().getSelfId()), s.recipients());
			assertEquals("AstroBridge SAMP: table.load.votable " + vot.toAbsolutePath() +
				" sent to 1 client(s): Test client ok", sent.get(0).describe());
			assertEquals(Map.of("Test client", "error: cannot display images"), sent.get(1).replies());

			Message table = received.poll(20, TimeUnit.SECONDS);
			Message img = received.poll(20, TimeUnit.SECONDS);
			assertEquals("table.load.votable", table.getMType());
			assertEquals("image.load.fits", img.getMType());
			assertEquals("field_catalog.vot", table.getParam("name"));
			assertEquals(sent.get(0).id(), table.getParam("table-id"));
			// the URL the client gets opens the very table that was written
			Catalog back = CatalogFiles.read(Path.of(URI.create((String) table.getParam("url"))));
			assertEquals(cat.rowCount(), back.rowCount());
			assertEquals("pos.eq.ra;meta.main", back.column("ra").ucd());
			assertEquals(image.toAbsolutePath().toUri().toString(), img.getParam("url"));
			// the sender stays registered after the send, to hear selections back
			assertTrue(sender.isConnected());
			// the same file again goes under a new table-id (TOPCAT refuses an id it has had)
			SampSender.Sent again = sender.send(vot, null).get(0);
			assertFalse(again.id().equals(sent.get(0).id()), again.id());
			assertEquals(again.id(), received.poll(20, TimeUnit.SECONDS).getParam("table-id"));
			listener.unregister();

			// a CSV is not a SAMP table format: one clear line, nothing sent
			Path csv = dir.resolve("field_catalog.csv");
			CatalogFiles.write(cat, csv);
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.send(csv, null));
			assertTrue(e.getMessage().startsWith(csv.toString()), e.getMessage());
		}
		finally {
			hub.shutdown();
		}
		// no hub: one line saying so
		IOException e = assertThrows(IOException.class, () -> sender.send(null, Path.of("test-images/arange.fits")));
		assertTrue(e.getMessage().contains("no SAMP hub is running"), e.getMessage());
		sender.close();
	}

	@Test
	void rowsAClientSelectsBecomeTheSelectionOnTheImage() throws Exception {
		Path lockfile = dir.resolve("samp-lock");
		Hub hub = hub(lockfile);
		SampSender sender = SampSender.of(lockfile);
		try {
			Catalog cat = SentTablesTest.field();
			Path vot = dir.resolve("f_catalog.vot");
			CatalogFiles.write(cat, vot);
			ImagePlus imp = new ImagePlus("f", new FloatProcessor(100, 100));
			SampHighlighter highlighter = new SampHighlighter();
			LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
			sender.onSelection(highlighter);
			sender.onSelection((from, s) -> heard.add(from + ": " + s.mtype() + " " + s.objectIds()));
			SampSender.Sent sent = sender.send(vot, null).get(0);
			highlighter.showOn(sent.id(), imp);

			// a second client (as TOPCAT would after loading the table) calls AstroBridge with row selections
			HubConnection topcat = client(SampSender.profile(lockfile), new LinkedBlockingQueue<>());
			Map<?, ?> subscribed = topcat.getSubscribedClients(SentTables.HIGHLIGHT_ROW);
			assertEquals(1, subscribed.size(), "AstroBridge subscribes to " + SentTables.HIGHLIGHT_ROW);
			String astrobridge = (String) subscribed.keySet().iterator().next();
			assertEquals(subscribed.keySet(), topcat.getSubscribedClients(SentTables.SELECT_ROW_LIST).keySet());

			Response r = topcat.callAndWait(astrobridge, new Message(SentTables.HIGHLIGHT_ROW).addParam("table-id", sent.id())
				.addParam("url", vot.toUri().toString()).addParam("row", "1"), 20);
			assertTrue(r.isOK(), String.valueOf(r.getErrInfo()));
			assertEquals("Test client: table.highlight.row [8]", heard.poll(20, TimeUnit.SECONDS));
			Roi roi = imp.getRoi();
			assertTrue(roi instanceof EllipseRoi, String.valueOf(roi));
			assertEquals("object 8", roi.getName());
			assertTrue(containsObject(roi, cat, 1) && !containsObject(roi, cat, 0) && !containsObject(roi, cat, 2));

			// by URL alone, several rows: a composite selection of their ellipses
			r = topcat.callAndWait(astrobridge, new Message(SentTables.SELECT_ROW_LIST).addParam("url", "file:" + vot
				.toAbsolutePath()).addParam("row-list", List.of("0", "2")), 20);
			assertTrue(r.isOK(), String.valueOf(r.getErrInfo()));
			assertEquals("Test client: table.select.rowList [7, 9]", heard.poll(20, TimeUnit.SECONDS));
			roi = imp.getRoi();
			assertTrue(roi instanceof ShapeRoi, String.valueOf(roi));
			assertTrue(containsObject(roi, cat, 0) && containsObject(roi, cat, 2) && !containsObject(roi, cat, 1));

			// an empty list clears the selection
			r = topcat.callAndWait(astrobridge, new Message(SentTables.SELECT_ROW_LIST).addParam("table-id", sent.id())
				.addParam("row-list", List.of()), 20);
			assertTrue(r.isOK());
			heard.poll(20, TimeUnit.SECONDS);
			assertNull(imp.getRoi());

			// a table that was not sent from here, or a row it does not have: an error back, the selection untouched
			r = topcat.callAndWait(astrobridge, new Message(SentTables.HIGHLIGHT_ROW).addParam("table-id", "topcat-own-table")
				.addParam("url", "file:/elsewhere.vot").addParam("row", "0"), 20);
			assertFalse(r.isOK());
			assertTrue(String.valueOf(r.getErrInfo().getErrortxt()).contains("no table sent from here"), r.toString());
			r = topcat.callAndWait(astrobridge, new Message(SentTables.HIGHLIGHT_ROW).addParam("table-id", sent.id())
				.addParam("row", "3"), 20);
			assertFalse(r.isOK());
			assertNull(imp.getRoi());
			assertTrue(heard.isEmpty(), heard.toString());
			topcat.unregister();
		}
		finally {
			sender.close();
			hub.shutdown();
		}
	}

	/** Whether the selection contains the centre of catalogue row {@code r} (FITS position in ImageJ pixels). */
	private static boolean containsObject(Roi roi, Catalog cat, int r) {
		double[] c = PixelConvention.fitsToImagej(cat.getDouble("x_fits", r), cat.getDouble("y_fits", r), 100);
		return roi.containsPoint(c[0], c[1]);
	}
}
