package org.astrobridge.ij;

import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.measure.ResultsTable;
import ij.text.TextWindow;

import org.astrobridge.fits.FitsReader;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;

/**
 * Runs the commands' GUI paths on a real display, as a person would from the menu with the options filled in: image
 * windows, the overlay on the current image, the catalogue table, the live training plot, the evaluation and robustness
 * tables and plots, the latent-map plot and the saliency windows. Needs a display (on a server:
 * {@code xvfb-run -a bin/astrobridge gui-check}). Prints a line per check; returns 1 if any failed.
 * {@code gui-check screenshot PNG} saves the classified field; {@code gui-check dialogs
 * FOLDER} runs {@link DialogCheck} on simulated inputs and saves its screenshots in FOLDER.
 */
public final class GuiCheck {

	private final List<String> failures = new ArrayList<>();

	public static int run(String[] args) throws Exception {
		if (GraphicsEnvironment.isHeadless()) {
			System.err.println("gui-check needs a display; on a server run it under xvfb-run -a");
			return 2;
		}
		if (args.length == 2 && args[0].equals("screenshot")) {
			return screenshot(Path.of(args[1]));
		}
		if (args.length == 2 && args[0].equals("dialogs")) {
			// the dialogs filled and run, with their screenshots (and the preview, overlay and training plot) saved
			Path dir = Files.createTempDirectory("astrobridge-dialogs");
			return DialogCheck.run(DialogInputs.make(dir.resolve("inputs")), dir.resolve("out"), Path.of(args[1]));
		}
		GuiCheck check = new GuiCheck();
		check.runAll(Files.createTempDirectory("astrobridge-gui"));
		System.out.println(check.failures.isEmpty() ? "gui-check: all checks passed" : "gui-check: " + check.failures
			.size() + " check(s) failed: " + check.failures);
		return check.failures.isEmpty() ? 0 : 1;
	}

	private void runAll(Path dir) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		HeadlessMacroRunner.registerCommands();
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "sdss", "mode", "field", "n",
			"12", "fieldSize", "256", "bands", "1", "seed", "3", "outputDir", dir.resolve("field").toString(), "contactSheet",
			"false", "threads", "1")));
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "sim", "n", "48", "stampSize",
			"24", "bands", "1", "seed", "4", "outputDir", dir.resolve("stamps").toString(), "contactSheet", "false",
			"threads", "1")));
		Path field = dir.resolve("field/mergers_sdss_field.fits");
		Path stamps = dir.resolve("stamps/mergers_sim_stamps.fits");

		command("Open FITS...", "path=[" + field + "]");
		ImagePlus image = WindowManager.getCurrentImage();
		check("Open FITS shows the image in a window", image != null && image.getWindow() != null && image.getWindow()
			.isShowing());
		double[] zscale = image == null ? null : ZScale.limits(FitsReader.readImage(field, null).plane(0));
		// a 32-bit image keeps its display range as float
		check("Open FITS shows the zscale range, not min-max (" + (image == null ? "no image" : image.getDisplayRangeMin() +
			" .. " + image.getDisplayRangeMax()) + ")", image != null && zscale != null && Math.abs(image
				.getDisplayRangeMin() - zscale[0]) <= 1e-6 * (zscale[1] - zscale[0]) && Math.abs(image.getDisplayRangeMax() -
					zscale[1]) <= 1e-6 * (zscale[1] - zscale[0]) && zscale[1] < image.getStatistics().max);

		command("Classify Objects...", "model=[models/mergers-sim-to-sdss-dann.zip] threads=1");
		Overlay overlay = image == null ? null : image.getOverlay();
		Frame table = WindowManager.getFrame(CatalogTable.TITLE);
		ResultsTable rt = table instanceof TextWindow tw ? tw.getResultsTable() : null;
		check("Classify Objects shows the table \"" + CatalogTable.TITLE + "\"", rt != null && rt.size() > 0);
		// an ellipse and a label per object
		check("Classify Objects draws the overlay on the current image", overlay != null && rt != null && overlay
			.size() == 2 * rt.size());
		check("Classify Objects fills the Results table", rt != null && ResultsTable.getResultsTable().size() == rt.size());

		// a batch-mode macro reads the catalogue both ways: the Results table and the titled table
		IJ.log("\\Clear");
		IJ.runMacro("setBatchMode(true); run(\"Classify Objects...\", \"image=[" + field +
			"] model=[models/mergers-sim-to-sdss-dann.zip] threads=1 overlay=false\"); print(\"batch=\" + nResults + \",\" + Table.size(\"" +
			CatalogTable.TITLE + "\") + \",\" + Table.getString(\"class\", 0, \"" + CatalogTable.TITLE +
			"\")); setBatchMode(false);");
		String log = IJ.getLog() == null ? "" : IJ.getLog();
		check("a batch-mode macro reads nResults and Table.size(\"" + CatalogTable.TITLE + "\")", rt != null && log
			.contains("batch=" + rt.size() + "," + rt.size() + "," + rt.getStringValue("class", 0)));

		Path model = dir.resolve("tiny.zip");
		command("Train Classifier...", "source=[" + stamps + "] method=source-only epochs=2 batch=8 threads=1 output=[" +
			dir.resolve("tiny") + "]");
		check("Train Classifier writes the model", Files.isRegularFile(model));
		check("Train Classifier shows the live plot", windowTitled("AstroBridge training"));

		command("Latent Map...", "models=[" + model + "] source=[" + stamps + "] threads=1");
		check("Latent Map shows its plot", windowTitled("Latent map "));

		command("Evaluate Classifier...", "model=[" + model + "] stamps=[" + stamps + "] threads=1");
		check("Evaluate Classifier shows the table \"AstroBridge Evaluation\"", windowTitled("AstroBridge Evaluation"));

		command("Robustness Report...", "models=[" + model + "] stamps=[" + stamps +
			"] perturbations=noise,blur attack=4 population=10 iterations=2 output=[" + dir.resolve("robustness") +
			"] threads=1");
		check("Robustness Report shows its table and plots", windowTitled("AstroBridge Robustness") && windowTitled(
			"Accuracy under "));

		int before = WindowManager.getImageCount();
		command("Saliency Map...", "model=[" + model + "] stamps=[" + stamps + "] threads=1");
		check("Saliency Map shows its images", WindowManager.getImageCount() > before);
	}

	/**
	 * The README's screenshot: a simulated field opened with Open FITS (zscale) and classified, the image window captured
	 * from the screen and saved as a 256-colour PNG.
	 */
	static int screenshot(Path png) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		HeadlessMacroRunner.registerCommands();
		Path dir = Files.createTempDirectory("astrobridge-shot");
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "sdss", "mode", "field", "n",
			"40", "fieldSize", "420", "bands", "1", "seed", "11", "outputDir", dir.toString(), "contactSheet", "false",
			"threads", "1")));
		IJ.run("Open FITS...", "path=[" + dir.resolve("mergers_sdss_field.fits") + "]");
		IJ.run("Classify Objects...", "model=[models/mergers-sim-to-sdss-dann.zip] threads=1");
		ImagePlus image = WindowManager.getCurrentImage();
		if (image == null || image.getOverlay() == null) {
			System.err.println("screenshot: the field or its overlay is missing");
			return 1;
		}
		java.awt.Window w = image.getWindow();
		w.toFront();
		Thread.sleep(1500); // let the window paint
		java.awt.image.BufferedImage shot = new java.awt.Robot().createScreenCapture(w.getBounds());
		java.awt.image.BufferedImage indexed = new java.awt.image.BufferedImage(shot.getWidth(), shot.getHeight(),
			java.awt.image.BufferedImage.TYPE_BYTE_INDEXED);
		indexed.getGraphics().drawImage(shot, 0, 0, null);
		Files.createDirectories(png.toAbsolutePath().getParent());
		javax.imageio.ImageIO.write(indexed, "png", png.toFile());
		System.out.println("screenshot: " + png + " (" + Files.size(png) / 1024 + " KB, " + shot.getWidth() + "x" + shot
			.getHeight() + ", display range " + image.getDisplayRangeMin() + " .. " + image.getDisplayRangeMax() + ")");
		return 0;
	}

	/**
	 * Runs a menu command with its options filled in, as a person's macro would. A command that fails in the GUI says so
	 * in a modal dialog, which would wait forever on a virtual display: such a dialog is recorded as a failure and
	 * closed.
	 */
	private void command(String label, String options) throws InterruptedException {
		Thread t = new Thread(() -> IJ.run(label, options), "gui-check " + label);
		t.start();
		long end = System.nanoTime() + 300_000_000_000L;
		while (t.isAlive() && System.nanoTime() < end) {
			t.join(200);
			for (Window w : Window.getWindows()) {
				if (w instanceof java.awt.Dialog d && d.isShowing() && d.isModal()) {
					String log = IJ.getLog() == null ? "" : IJ.getLog().strip();
					check(label + " ran without an error dialog (got \"" + d.getTitle() + "\"; last log line: " + log.substring(
						log.lastIndexOf('\n') + 1) + ")", false);
					d.dispose();
				}
			}
		}
		check(label + " finished within 5 minutes", !t.isAlive());
	}

	private static boolean windowTitled(String prefix) {
		for (Window w : Window.getWindows()) {
			if (w instanceof Frame f && f.isShowing() && f.getTitle() != null && f.getTitle().startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private void check(String what, boolean ok) {
		System.out.println((ok ? "ok    " : "FAIL  ") + what);
		if (!ok) {
			failures.add(what);
		}
	}
}
