package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogFiles;
import org.astrobridge.report.CatalogFormatsTest;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.client.CallableClient;
import org.astrogrid.samp.client.ClientProfile;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.hub.Hub;
import org.astrogrid.samp.hub.HubProfile;
import org.astrogrid.samp.hub.HubServiceMode;
import org.astrogrid.samp.xmlrpc.StandardHubProfile;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SAMP hub and a listening client in this JVM (loopback): what the sender sends arrives, and can be loaded. */
class SampSenderTest {
	@TempDir
	Path dir;

	@Test
	void catalogueAndImageArriveAtAListeningClient() throws Exception {
		System.setProperty("jsamp.localhost", "127.0.0.1");
		Path lockfile = dir.resolve("samp-lock");
		XmlRpcKit kit = XmlRpcKit.getInstance();
		Hub hub = Hub.runHub(HubServiceMode.NO_GUI, new HubProfile[] {
			new StandardHubProfile(kit.getClientFactory(), kit.getServerFactory(), lockfile.toFile(), "test-secret")},
			new HubProfile[0]);
		try {
			ClientProfile profile = SampSender.profile(lockfile);
			LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
			HubConnection listener = profile.register();
			listener.setCallable(new CallableClient() {
				@Override
				public void receiveNotification(String senderId, Message message) {
					received.add(message);
				}

				@Override
				public void receiveCall(String senderId, String msgId, Message message) {
					received.add(message);
				}

				@Override
				public void receiveResponse(String responderId, String msgTag, org.astrogrid.samp.Response response) {
				}
			});
			listener.declareSubscriptions(Map.of("table.load.votable", Map.of(), "table.load.fits", Map.of(),
				"image.load.fits", Map.of()));

			Catalog cat = CatalogFormatsTest.classified();
			Path vot = dir.resolve("field_catalog.vot");
			CatalogFiles.write(cat, vot);
			Path image = dir.resolve("field.fits");
			Files.copy(Path.of("test-images/arange.fits"), image);

			List<SampSender.Sent> sent = SampSender.send(profile, vot, image);
			assertEquals(List.of("table.load.votable", "image.load.fits"), sent.stream().map(SampSender.Sent::mtype).toList());
			for (SampSender.Sent s : sent) assertEquals(List.of(listener.getRegInfo().getSelfId()), s.recipients());

			Message table = received.poll(20, TimeUnit.SECONDS);
			Message img = received.poll(20, TimeUnit.SECONDS);
			assertEquals("table.load.votable", table.getMType());
			assertEquals("image.load.fits", img.getMType());
			assertEquals("field_catalog.vot", table.getParam("name"));
			// the URL the client gets opens the very table that was written
			Catalog back = CatalogFiles.read(Path.of(URI.create((String) table.getParam("url"))));
			assertEquals(cat.rowCount(), back.rowCount());
			assertEquals("pos.eq.ra;meta.main", back.column("ra").ucd());
			assertEquals(image.toAbsolutePath().toUri().toString(), img.getParam("url"));
			listener.unregister();

			// a CSV is not a SAMP table format: one clear line, nothing sent
			Path csv = dir.resolve("field_catalog.csv");
			CatalogFiles.write(cat, csv);
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> SampSender.send(profile, csv, null));
			assertTrue(e.getMessage().startsWith(csv.toString()), e.getMessage());
		} finally {
			hub.shutdown();
		}
		// no hub: one line saying so
		IOException e = assertThrows(IOException.class,
			() -> SampSender.send(SampSender.profile(lockfile), null, Path.of("test-images/arange.fits")));
		assertTrue(e.getMessage().contains("no SAMP hub is running"), e.getMessage());
	}
}
