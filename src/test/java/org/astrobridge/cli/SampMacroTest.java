package org.astrobridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.astrobridge.ij.SampSenderTest;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.hub.Hub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run("Classify Objects...", "... samp")} in the real ImageJ macro interpreter of a headless AstroBridge JVM,
 * against a hub in this JVM: the catalogue and the image arrive, and the other JVM unregisters as it ends.
 */
class SampMacroTest {

	@Test
	void macroSampOptionSendsAndTheProcessUnregisters(@TempDir Path dir) throws Exception {
		Path field = ClassifyCommandTest.field(dir, "5", 160);
		Path lockfile = dir.resolve("samp-lock");
		Hub hub = SampSenderTest.hub(lockfile);
		try {
			LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
			HubConnection listener = SampSenderTest.client(lockfile, received, "table.load.votable", "image.load.fits");
			Path macro = dir.resolve("classify-samp.ijm");
			Files.writeString(macro, "run(\"Classify Objects...\", \"image=[" + field + "] model=[" +
				ClassifyCommandTest.MODEL + "] output=[" + dir.resolve("out") +
				"] format=[fits,votable] threads=1 samp samphub=[" + lockfile + "]\");\n");
			HeadlessRun run = HeadlessRun.of("macro", macro.toString());
			assertEquals(0, run.exitCode, run.toString());
			assertTrue(run.stdout.contains("table.load.votable " + dir.resolve("out/mergers_sdss_field_catalog.vot") +
				" sent to 1 client(s): Test client ok"), run.toString());
			assertEquals("table.load.votable", received.poll(20, TimeUnit.SECONDS).getMType());
			assertEquals(field.toUri().toString(), received.poll(20, TimeUnit.SECONDS).getParam("url"));
			// the process has ended: its client is gone from the hub, only the hub and the listener are left
			assertEquals(List.of(listener.getRegInfo().getHubId()), List.of(listener.getRegisteredClients()));
			listener.unregister();
		}
		finally {
			hub.shutdown();
		}
	}
}
