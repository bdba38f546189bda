package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.astrogrid.samp.Message;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.hub.Hub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;

/**
 * The samp option of Classify Objects and Classify Folder, run through SciJava's CommandService: with a hub, a
 * listening client gets the catalogue and the image that were written; without one, the run still succeeds and says so
 * in one warning.
 */
class ClassifySampTest {

	static final Path MODEL = Path.of(CommandOutputsTest.MODEL).toAbsolutePath();
	static Context context;
	static CommandService commands;
	static final List<String> warnings = new ArrayList<>();

	@TempDir
	static Path dir;

	@BeforeAll
	static void start() {
		context = new Context();
		commands = context.service(CommandService.class);
		context.service(LogService.class).addLogListener(m -> {
			// SciJava's own warnings about the outputs it does not display are no concern here
			if (m.level() == LogLevel.WARN && !m.text().startsWith("Ignoring unsupported output")) warnings.add(m.text());
		});
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static CommandModule run(Class<? extends Command> command, Object... keyValues) throws Exception {
		return CommandRuns.run(context, command, keyValues);
	}

	@Test
	void classifiedCataloguesGoToTheHub() throws Exception {
		run(SimulateBenchmarkCommand.class, "task", "mergers", "domain", "sdss", "n", 6, "mode", "field", "fieldsize", 160,
			"bands", "1", "seed", 5L, "output", dir.resolve("sim").toFile(), "more", "contactSheet=false");
		Path fields = Files.createDirectories(dir.resolve("fields"));
		Path field = Files.copy(dir.resolve("sim/mergers_sdss_field.fits"), fields.resolve("field5.fits"));
		Path lockfile = dir.resolve("samp-lock");

		// no hub: the catalogue is written, the run succeeds, one warning says why nothing was sent
		warnings.clear();
		run(ClassifyObjectsCommand.class, "image", field.toFile(), "model", MODEL.toFile(), "output", dir.resolve("nohub")
			.toFile(), "threads", 1, "samp", true, "samphub", lockfile.toFile());
		assertTrue(Files.isRegularFile(dir.resolve("nohub/field5_catalog.csv")));
		assertEquals(List.of("Classify Objects: catalogue not sent over SAMP: no SAMP hub is running (start TOPCAT, " +
			"Aladin or a SAMP hub first)"), warnings);

		Hub hub = SampSenderTest.hub(lockfile);
		try {
			LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
			HubConnection listener = SampSenderTest.client(SampSender.profile(lockfile), received, "table.load.votable",
				"table.load.fits", "image.load.fits");
			warnings.clear();
			Path out = dir.resolve("one");
			run(ClassifyObjectsCommand.class, "image", field.toFile(), "model", MODEL.toFile(), "output", out.toFile(),
				"threads", 1, "format", "fits,votable", "samp", true, "samphub", lockfile.toFile());
			assertEquals(List.of(), warnings);
			Message table = received.poll(20, TimeUnit.SECONDS);
			Message image = received.poll(20, TimeUnit.SECONDS);
			// the VOTable is preferred to the FITS table; the image is the classified file
			assertEquals("table.load.votable", table.getMType());
			assertEquals(out.resolve("field5_catalog.vot").toUri().toString(), table.getParam("url"));
			assertEquals("image.load.fits", image.getMType());
			assertEquals(field.toUri().toString(), image.getParam("url"));

			// the folder sends its merged catalogue alone (its rows come from several images)
			run(ClassifyFolderCommand.class, "folder", fields.toFile(), "model", MODEL.toFile(), "output", dir.resolve(
				"folder").toFile(), "threads", 1, "overlay", false, "samp", true, "samphub", lockfile.toFile());
			Message merged = received.poll(20, TimeUnit.SECONDS);
			assertEquals("table.load.fits", merged.getMType());
			assertEquals(dir.resolve("folder/merged_catalog.fits").toUri().toString(), merged.getParam("url"));
			assertTrue(received.poll(2, TimeUnit.SECONDS) == null, "no image for a folder");
			assertEquals(List.of(), warnings);
			listener.unregister();
		}
		finally {
			SampSender.of(lockfile).close();
			hub.shutdown();
		}
	}
}
