package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;

import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.classify.OodMethod;
import org.astrobridge.classify.OodModel;
import org.astrobridge.detect.DetectionSettings;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.ood.OodScorers;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogFiles;
import org.astrobridge.report.CatalogFormat;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;

/**
 * The parameters Classify Objects and Classify Folder share (model, output, detection, OOD, uncertainty, performance),
 * declared once so that the two commands cannot drift. SciJava lists these inherited parameters before the subclass's
 * own, so the subclass marks its input as the positional parameter ({@code classify FIELD.fits}). The message items
 * head the groups of the dialog, in Fiji's and in plain ImageJ's.
 */
public abstract class ClassifyCommandBase implements Command {

	@Parameter(label = "Model", description = "model package folder or .zip", attrs = @Attr(name = "chooser",
		value = "model"))
	protected File model;

	@Parameter(label = "Output folder", required = false, style = "directory",
		description = "writes <name>_catalog.csv, <name>_catalog.fits, <name>.reg and <name>_overlay.png per field")
	protected File output;

	@Parameter(label = "Output folder (old name)", required = false, visibility = ItemVisibility.INVISIBLE,
		persist = false, description = "deprecated name of 'output', still accepted")
	protected File out;

	@Parameter(label = "Overlay",
		description = "draw the overlay (on the image, with a display) and write <name>_overlay.png")
	protected boolean overlay = true;

	@Parameter(label = "Catalogue formats", required = false,
		description = "',' separated: fits, votable, ecsv, csv (the CSV is always written)")
	protected String format = "fits,csv";

	@Parameter(label = "Send to SAMP hub", required = false,
		description = "after the run, send the catalogue (VOTable, else FITS table) and the image to the applications of " +
			"a running SAMP hub (TOPCAT, Aladin, DS9), and show rows they select; no hub: one log line")
	protected boolean samp = false;

	// tests and scripts that run a hub of their own name its lockfile; the usual hub needs nothing
	@Parameter(label = "SAMP hub lockfile", required = false, visibility = ItemVisibility.INVISIBLE, persist = false,
		description = "SAMP Standard Profile lockfile; empty = the usual one (SAMP_HUB or ~/.samp)")
	protected File samphub;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String detectionGroup = DialogGroups.heading("Detection");

	@Parameter(label = "HDU", required = false,
		description = "image HDU: index or EXTNAME[,EXTVER]; empty = first with data")
	protected String hdu = "";

	@Parameter(label = "Detection band", min = "1",
		description = "plane of a cube to detect on (1 = first); a one-band model also classifies it")
	protected int band = 1;

	@Parameter(label = "Threshold (sigma)", description = "detection threshold in units of the local background RMS")
	protected double threshold = 1.5;

	@Parameter(label = "Minimum area (px)", min = "1", description = "fewest connected pixels of an object")
	protected int minarea = 5;

	@Parameter(label = "Deblending levels", min = "1", max = "256",
		description = "deblending thresholds (1 = no deblending)")
	protected int deblend = 32;

	@Parameter(label = "Deblending contrast", description = "smallest flux fraction of a branch split off a blend")
	protected double contrast = 0.005;

	@Parameter(label = "Filter FWHM (px)", description = "Gaussian matched filter for detection (0 = none)")
	protected double fwhm = 2.0;

	@Parameter(label = "Background mesh (px)", min = "4", description = "background mesh size")
	protected int mesh = 64;

	@Parameter(label = "Tile size (px)", min = "0", description = "detection tile side (0 = whole image at once)")
	protected int tile = 2048;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String oodGroup = DialogGroups.heading("Out of distribution");

	@Parameter(label = "OOD score", choices = { OodScorers.MAHALANOBIS, OodScorers.GAUSSIAN, OodScorers.OPEN_SET,
		OodScorers.KNN, OodScorers.ENTROPY },
		description = "out-of-distribution score in the latent space (entropy: of the probabilities)")
	protected String ood = OodScorers.MAHALANOBIS;

	@Parameter(label = "Keep fraction",
		description = "share of known objects (the latents named by calibrate) the OOD threshold keeps")
	protected double keep = 0.95;

	@Parameter(label = "Calibrate on", choices = { "target", "source", "field" },
		description = "what the threshold keeps the " +
			"keep fraction of: the model's unlabelled target latents (where it keeps them), held-out source validation, " +
			"or the field's own objects the pre-filter passes (at least 50, else target)")
	protected String calibrate = "target";

	@Parameter(label = "Flag stars and artefacts",
		description = "morphology pre-filter before the network: flags point " +
			"sources, saturated objects, hits sharper than the PSF and linear features (ood_reason says which)")
	protected boolean prefilter = true;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String uncertaintyGroup = DialogGroups.heading("Uncertainty");

	@Parameter(label = "MC-dropout passes", min = "0",
		description = "Monte-Carlo dropout passes for uncertainty (0 = off)")
	protected int mcpasses = 0;

	@Parameter(label = "Ensemble members", required = false,
		description = "further model packages (',' separated) that classify with the model as an ensemble: mean probabilities and their spread")
	protected String ensemble = "";

	@Parameter(label = "Seed", description = "seed of the dropout masks")
	protected long seed = 1;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String performanceGroup = DialogGroups.heading("Performance");

	@Parameter(label = "Batch", min = "1", description = "objects cut and classified together (bounds memory)")
	protected int batch = 256;

	@Parameter(label = "Threads", min = "0", description = "threads for detection and TensorFlow (0 = all processors)")
	protected int threads = 0;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, description = "where to run the model")
	protected String device = "auto";

	/** TensorFlow session options from threads and device. */
	protected SessionSettings session() {
		return new SessionSettings(threads, device);
	}

	/** A misspelt catalogue format fails before any work, not per image; {@code command} names the failure. */
	protected void checkFormats(String command) {
		try {
			ClassifyOutputs.formats(format);
		}
		catch (IllegalArgumentException e) {
			throw new CommandException(command + ": " + e.getMessage());
		}
	}

	/**
	 * The samp option, after the files are written: sends the first catalogue among {@code written} that SAMP clients
	 * load (VOTable, else FITS; without one, a VOTable of {@code catalog} in a temporary folder) and {@code image} (null:
	 * none), and shows the rows clients select on {@code shown} (null: logged). A missing hub or a failed send is one log
	 * line: the run itself has succeeded.
	 */
	protected void sendToSamp(CommandMessages messages, String command, Catalog catalog, String name, List<Path> written,
		Path image, ImagePlus shown)
	{
		if (!samp) return;
		try {
			Path table = written.stream().filter(p -> p.getFileName().toString().endsWith(".vot")).findFirst().orElse(written
				.stream().filter(p -> p.getFileName().toString().endsWith("_catalog.fits")).findFirst().orElse(null));
			if (table == null) {
				Path tmp = Files.createTempDirectory("astrobridge-samp");
				table = tmp.resolve(name + ClassifyOutputs.CATALOG_SUFFIX + CatalogFormat.VOTABLE.extension());
				CatalogFiles.write(catalog, table, CatalogFormat.VOTABLE);
				tmp.toFile().deleteOnExit();
				table.toFile().deleteOnExit();
			}
			SampSender sender = SampSender.of(StampInput.orNull(samphub) == null ? null : samphub.toPath());
			sender.onSelection(SampHighlighter.SHARED);
			for (SampSender.Sent s : sender.send(table, image)) {
				if (shown != null && s.mtype().startsWith("table.")) SampHighlighter.SHARED.showOn(s.id(), shown);
				messages.info(s.describe());
			}
		}
		catch (IOException | RuntimeException e) {
			messages.warn(command + ": catalogue not sent over SAMP: " + e.getMessage());
		}
	}

	/** The engine's settings from the option values (band 1-based); {@code command} names a failure. */
	protected ClassifySettings settings(String command) {
		try {
			DetectionSettings d = DetectionSettings.defaults().withThreshold(threshold).withMinArea(minarea).withDeblend(
				deblend, contrast).withFilterFwhm(fwhm).withBackground(mesh, DetectionSettings.defaults().backgroundFilter())
				.withTiles(tile, DetectionSettings.defaults().tileMargin()).withThreads(threads);
			if (band < 1) throw new IllegalArgumentException("band must be 1 or more (got " + band + ")");
			return new ClassifySettings(d, band - 1, OodMethod.parse(ood), keep, OodModel.Calibration.parse(calibrate),
				mcpasses, batch, seed, prefilter);
		}
		catch (IllegalArgumentException e) {
			throw new CommandException(command + ": " + e.getMessage(), e);
		}
	}
}
