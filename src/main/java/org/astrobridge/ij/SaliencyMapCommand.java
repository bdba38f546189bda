package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.process.ImageProcessor;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsWriter;
import org.astrobridge.latent.Saliency;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.Prediction;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Gradient saliency of the predicted class for every stamp: a stack aligned with the stamps (FITS, and an image or
 * overlay in the GUI).
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Saliency Map...", headless = true,
	description = "Saliency (gradient x input or |gradient|) of each stamp's predicted class as a stack aligned with the stamps")
public class SaliencyMapCommand implements Command {

	@Parameter(label = "Model", description = "model package folder or .zip", attrs = @Attr(name = "chooser",
		value = "model"))
	private File model;

	@Parameter(label = "Stamps", attrs = @Attr(name = CommandDialog.CURRENT_IMAGE),
		description = "FITS stamp stack, folder per class, or the title of an open image stack")
	private File stamps;

	@Parameter(label = "Method", choices = { "gradient-x-input", "gradient" },
		description = "gradient x input (signed, bands summed) or |gradient| (bands summed), w.r.t. the normalised input")
	private String method = "gradient-x-input";

	@Parameter(label = "Output FITS", required = false, style = "save",
		description = "saliency cube to write (one plane per stamp); empty = none")
	private File output;

	@Parameter(label = "Overlay on stamps",
		description = "GUI: show the stamps with the saliency as a colour overlay instead of a separate stack")
	private boolean overlay = false;

	@Parameter(label = "Threads", min = "0", description = "TensorFlow threads (0 = all processors)")
	private int threads = 0;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, description = "where to run the model")
	private String device = "auto";

	@Parameter(required = false)
	private LogService log;

	@Parameter(type = ItemIO.OUTPUT, label = "Saliency FITS", description = "path of the cube written; empty when none")
	private String saliency;

	@Parameter(type = ItemIO.OUTPUT, label = "Mean |saliency|")
	private double meansaliency;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, null);
		boolean headless = GraphicsEnvironment.isHeadless();
		if (headless && StampInput.orNull(output) == null) throw new CommandException(
			"saliency: no output FITS given (needed when headless)");
		Saliency kind;
		try {
			kind = Saliency.byKey(method);
		}
		catch (IllegalArgumentException e) {
			throw new CommandException(e.getMessage());
		}
		StampSet set = StampInput.load("stamps", stamps, null, null).stamps();
		try (Predictor predictor = Predictor.open(model.toPath(), new SessionSettings(threads, device))) {
			Prediction prediction = predictor.predict(set);
			int[] predicted = prediction.predictedClasses();
			Predictor.InputGradients g = predictor.inputGradients(set, predicted);
			float[][] maps = kind.maps(g.normalised(), g.gradients(), set.count(), set.height(), set.width(), set.bands());
			FitsHeader header = new FitsHeader().set("SALMETH", kind.key(), "saliency method").set("MODEL", model.getName(),
				"model package").set("STAMPS", stamps.getName(), "stamp stack").addComment(
					"plane k = stamp k; w.r.t. the model's normalised input").addComment("predicted classes: " + String.join(",",
						predictor.card().classNames()));
			FitsImage cube = new FitsImage(set.width(), set.height(), set.count() == 1 ? new int[0] : new int[] { set
				.count() }, maps, header);
			if (StampInput.orNull(output) != null) FitsWriter.write(output.toPath(), cube);
			double sum = 0;
			for (float[] m : maps)
				for (float v : m)
					sum += Math.abs(v);
			meansaliency = sum / ((double) set.count() * set.width() * set.height());
			messages.info(String.format(Locale.ROOT, "AstroBridge saliency: %d stamps, %s, mean |saliency| %.4g", set.count(),
				kind.key(), meansaliency));
			saliency = StampInput.orNull(output) == null ? "" : output.toString();
			if (StampInput.orNull(output) != null) messages.info("saliency=" + output);
			if (!headless) show(cube, set, overlay);
		}
		catch (IOException | IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
	}

	private void show(FitsImage cube, StampSet set, boolean asOverlay) {
		ImagePlus saliency = FitsImagePlus.toImagePlus(cube, "Saliency " + stamps.getName());
		IJ.run(saliency, "Fire", "");
		if (!asOverlay) {
			saliency.show();
			return;
		}
		float[][] band0 = new float[set.count()][set.width() * set.height()];
		for (int k = 0; k < set.count(); k++)
			for (int p = 0; p < set.width() * set.height(); p++)
				band0[k][p] = set.pixels()[(k * set.width() * set.height() + p) * set.bands()];
		ImagePlus stampsImp = FitsImagePlus.toImagePlus(new FitsImage(set.width(), set.height(), set.count() == 1
			? new int[0] : new int[] { set.count() }, band0, new FitsHeader()), "Stamps " + stamps.getName());
		Overlay ov = new Overlay();
		for (int z = 1; z <= saliency.getStackSize(); z++) {
			ImageProcessor ip = saliency.getStack().getProcessor(z).duplicate();
			ip.resetMinAndMax();
			ip.setLut(saliency.getProcessor().getLut());
			ImageRoi roi = new ImageRoi(0, 0, ip.convertToRGB());
			roi.setOpacity(0.5);
			roi.setPosition(z);
			ov.add(roi);
		}
		stampsImp.setOverlay(ov);
		stampsImp.show();
	}
}
