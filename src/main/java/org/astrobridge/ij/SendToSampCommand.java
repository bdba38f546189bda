package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Sends a catalogue and an image to the running SAMP hub, so TOPCAT, Aladin or DS9 open them; rows a client then
 * selects on the catalogue are shown on the image it was made from when that image is open, else logged.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Send to SAMP hub...", headless = true,
	description = "Send a catalogue (VOTable or FITS) and a FITS image to the applications of a running SAMP hub")
public class SendToSampCommand implements Command {

	@Parameter(label = "Catalogue", required = false, description = "catalogue file (.vot or .fits); empty = none")
	private File catalog;

	@Parameter(label = "Image", required = false, description = "FITS image to send; empty = none")
	private File image;

	@Parameter(label = "Hub lockfile", required = false,
		description = "SAMP Standard Profile lockfile; empty = the usual one (SAMP_HUB or ~/.samp)")
	private File hub;

	@Parameter(label = "Listen (s)", min = "0", required = false,
		description = "seconds to stay and log the rows clients select on the catalogue before the command ends " +
			"(headless runs; in Fiji the link stays open while Fiji runs)")
	private int listen = 0;

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Clients reached")
	private int recipients;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, status);
		try {
			SampSender sender = SampSender.of(pathOrNull(hub));
			sender.onSelection(SampHighlighter.SHARED);
			List<SampSender.Sent> sent = sender.send(pathOrNull(catalog), pathOrNull(image));
			for (SampSender.Sent s : sent) {
				recipients = Math.max(recipients, s.recipients().size());
				messages.info(s.describe());
			}
		}
		catch (IOException | IllegalArgumentException e) {
			throw new CommandException("Send to SAMP hub: " + e.getMessage(), e);
		}
		if (listen > 0) {
			messages.info("AstroBridge SAMP: listening " + listen + " s for row selections");
			try {
				Thread.sleep(listen * 1000L);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** An optional file option as a path; null when not given (null or an empty path from a dialog). */
	private static Path pathOrNull(File f) {
		return StampInput.orNull(f) == null ? null : f.toPath();
	}
}
