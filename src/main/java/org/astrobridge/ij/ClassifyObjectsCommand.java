package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.measure.ResultsTable;

import org.astrobridge.classify.Classification;
import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.classify.FieldClassifier;
import org.astrobridge.classify.TruthComparison;
import org.astrobridge.data.StampSetLoader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.util.AtomicFiles;
import org.astrobridge.util.Progress;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Classifies every object of a FITS field (or every stamp of a stamp stack): catalogue with classes, probabilities, OOD
 * flags and optional MC-dropout uncertainty. The catalogue becomes the "Results" table (every mode, headless too) and,
 * with a display, also the table "AstroBridge Catalog" beside the image with its overlay; CSV, FITS table, DS9 regions
 * and an overlay PNG go into the output folder. Outputs for scripts: the catalogue as a table, the files written, the
 * object and OOD counts. The FITS path is the positional parameter, so
 * {@code astrobridge classify FIELD.fits --model M --out DIR} works.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Classify Objects...", headless = true,
	description = "Detect and classify the objects of a FITS field (or a stamp stack) with a model package; " +
		"OOD flags, overlay, table and catalogue files")
public class ClassifyObjectsCommand extends ClassifyCommandBase {

	// Fiji's dialog lists the inherited parameters first: this heading keeps the input from sitting under "Performance"
	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String inputGroup = DialogGroups.heading("Input");

	@Parameter(label = "Image", required = false, attrs = @Attr(name = "positional"),
		description = "FITS field or stamp stack; empty = the current image (GUI only)")
	private File image;

	@Parameter(label = "Stamp stack", attrs = @Attr(name = "essential"),
		description = "the input is a stack of stamps: classify each, no detection")
	private boolean stamps = false;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String truthGroup = DialogGroups.heading("Scoring against truth");

	@Parameter(label = "Truth catalogue", required = false,
		description = "simulator truth (CSV, or FITS with a TRUTH table) to score the catalogue against; writes <name>_truth.txt")
	private File truth;

	@Parameter(label = "Match radius (px)", description = "largest distance between a detection and its truth object")
	private double radius = 3.0;

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Catalogue")
	private ResultsTable catalog;

	@Parameter(type = ItemIO.OUTPUT, label = "Files written",
		description = "one path per line; empty without an output folder")
	private String files;

	@Parameter(type = ItemIO.OUTPUT, label = "Objects")
	private int objects;

	@Parameter(type = ItemIO.OUTPUT, label = "OOD objects")
	private int oodobjects;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, status);
		checkFormats("Classify Objects");
		File input = StampInput.orNull(image);
		File outDir = StampInput.orNull(messages.renamed("Classify Objects", "out", out, "output", output));
		ClassifySettings settings = settings("Classify Objects");
		ImagePlus current = null;
		FitsImage fits = null;
		String name;
		if (input == null) {
			if (GraphicsEnvironment.isHeadless()) throw new CommandException("Classify Objects: no image given (image=FILE)");
			if (stamps) throw new CommandException("Classify Objects: a stamp stack must be given as a file (image=FILE)");
			current = WindowManager.getCurrentImage();
			if (current == null) throw new CommandException("Classify Objects: no image given and no image is open");
			fits = FitsImagePlus.fromImagePlus(current);
			name = ClassifyOutputs.stem(Path.of(current.getTitle().replaceAll("[^A-Za-z0-9._+-]", "_")));
		}
		else {
			name = ClassifyOutputs.stem(input.toPath());
			// the dialog offers the current image's file: the overlay then goes on that window, not a new one
			if (!GraphicsEnvironment.isHeadless() && !stamps && input.getAbsolutePath().equals(CommandDialog
				.currentImageFile()))
			{
				current = WindowManager.getCurrentImage();
			}
		}
		IjProgress progress = messages.progress("classify " + name);
		try (ClassifierModels models = ClassifierModels.open("Classify Objects", model, ensemble, session())) {
			FieldClassifier classifier = models.classifier(settings);
			Classification result;
			if (stamps) {
				StampSetLoader.Loaded loaded = StampInput.load("Classify Objects", input, null, null);
				double modelScale = models.first().card().pixelScaleArcsec();
				double stackScale = loaded.pixelScaleArcsec();
				if (stackScale > 0 && modelScale > 0 && Math.abs(stackScale / modelScale - 1) > 1e-3) {
					messages.warn("AstroBridge classify: warning: " + input + " has " + stackScale + "\"/px but the model was " +
						"trained at " + modelScale + "\"/px; stamps are classified as they are");
				}
				result = classifier.classifyStamps(loaded.stamps(), input.toString(), progress);
			}
			else {
				if (fits == null) fits = FitsReader.readImage(input.toPath(), hdu == null || hdu.isBlank() ? null : hdu);
				if (fits.wcsWarning() != null) messages.warn("AstroBridge classify: warning: " + fits.wcsWarning());
				result = classifier.classify(fits, progress);
			}
			messages.info("AstroBridge classify: " + name + ": " + result.summary());
			messages.info("AstroBridge classify: OOD " + result.oodDescription() + (result.filledStamps() > 0 ? "; " + result
				.filledStamps() + " stamps reach beyond the image (filled with 0)" : ""));
			String truthSummary = null;
			if (StampInput.orNull(truth) != null && !stamps) {
				truthSummary = TruthComparison.compare(result.catalog(), TruthComparison.readTruth(truth.toPath()), radius)
					.summary();
				messages.info("AstroBridge classify: " + name + ": " + truthSummary);
			}
			List<Path> written = new ArrayList<>();
			if (outDir != null) {
				if (truthSummary != null) {
					Path truthFile = outDir.toPath().resolve(name + "_truth.txt");
					AtomicFiles.writeString(truthFile, "model " + models.description() + "\n" + result.summary() + "\n" +
						truthSummary + "\n");
					written.add(truthFile);
				}
				written.addAll(ClassifyOutputs.write(result, stamps ? null : fits, settings.band(), outDir.toPath(), name,
					overlay, input == null ? null : input.toPath(), ClassifyOutputs.formats(format)));
				for (Path p : written)
					messages.info("AstroBridge classify: wrote " + p);
				files = String.join("\n", written.stream().map(Path::toString).toList());
			}
			else {
				files = "";
			}
			catalog = CatalogTable.of(result.catalog());
			objects = result.catalog().rowCount();
			oodobjects = result.oodCount();
			ResultTables.publish(catalog, CatalogTable.TITLE);
			ImagePlus drawn = GraphicsEnvironment.isHeadless() ? null : showOverlay(result, current, fits, name);
			// rows selected in a SAMP client go on the image with the overlay, else (overlay=false) the one classified
			ImagePlus shown = drawn != null ? drawn : stamps ? null : current;
			// the image goes only as the FITS file it came from (a stamp stack is no image to show)
			sendToSamp(messages, "Classify Objects", result.catalog(), name, written, stamps || input == null ? null : input
				.toPath(), shown);
		}
		catch (Progress.CancelledException e) {
			throw new CommandException("Classify Objects: cancelled; nothing was written");
		}
		catch (IOException | IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
		finally {
			progress.done();
		}
	}

	/** Draws the overlay on the current image or a new window; the image it went on, null when none was drawn. */
	private ImagePlus showOverlay(Classification result, ImagePlus current, FitsImage fits, String name) {
		if (!overlay || stamps) return null;
		Overlay ov = CatalogOverlay.of(result.catalog(), fits.height());
		ImagePlus imp = current;
		if (imp == null) {
			imp = FitsImagePlus.toImagePlus(fits, name);
			DisplayStretch.ZSCALE.apply(imp);
		}
		imp.setOverlay(ov);
		if (current == null) imp.show();
		return imp;
	}
}
