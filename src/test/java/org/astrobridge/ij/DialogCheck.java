package org.astrobridge.ij;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.EventQueue;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.Label;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.event.TextEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import ij.Executer;
import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.EllipseRoi;
import ij.gui.GenericDialog;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.frame.Recorder;

/**
 * Opens each command's dialog in plain ImageJ on a display, as a person does from the menu with the macro Recorder on:
 * checks the defaults taken from context (the current image's file, the shipped model), fills in the essentials only,
 * presses OK, waits for the run and prints the recorded {@code run(...)} line as {@code recorded=...} for the caller to
 * replay headless. Classify Objects, Classify Folder, Train Classifier (on the opened source stamps) and Robustness
 * Report (the shipped model on the opened stamps) run to their end with every other field at its default. Every other
 * command's dialog is opened from the menu and left with Esc, which must run and record nothing. With a screenshot
 * folder, also saves each dialog, the detection preview, the finished overlay and the live training plot there. Prints
 * {@code ok}/{@code FAIL} lines; exits 1 when a check failed. Run under {@code xvfb-run -a}. Arguments: FIELD.fits
 * SOURCE.fits TARGET.fits STAMPS.fits OUTDIR [SCREENSHOT_DIR] ({@link DialogInputs}).
 */
public final class DialogCheck {

	private static int failures;

	public static void main(String[] args) {
		DialogInputs in = new DialogInputs(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(), Path.of(
			args[2]).toAbsolutePath(), Path.of(args[3]).toAbsolutePath());
		System.exit(run(in, Path.of(args[4]).toAbsolutePath(), args.length > 5 ? Path.of(args[5]) : null));
	}

	/** Runs every check; 0 when all passed, else 1. Leaves ImageJ's windows open: the caller exits. */
	static int run(DialogInputs in, Path out, Path shots) {
		try {
			checkAll(in, out, shots);
		}
		catch (Exception | Error e) {
			e.printStackTrace();
			check("the dialog check ran to its end (" + e + ")", false);
		}
		System.out.println(failures == 0 ? "dialog-check: all checks passed" : "dialog-check: " + failures +
			" check(s) failed");
		return failures == 0 ? 0 : 1; // the caller exits: an open modal dialog would keep the JVM alive
	}

	private static void checkAll(DialogInputs in, Path out, Path shots) throws Exception {
		Path field = in.field();
		new ImageJ(ImageJ.NO_SHOW);
		HeadlessMacroRunner.registerCommands();
		IJ.run("Open FITS...", "path=[" + field + "]");
		new Recorder(false);
		String shipped = Path.of("models/mergers-sim-to-sdss-dann.zip").toAbsolutePath().toString();

		Map<String, String> fill = new LinkedHashMap<>();
		fill.put("Output folder", out.resolve("objects").toString());
		GenericDialog gd = open("Classify Objects...");
		check("Classify Objects: the image field holds the current image's file", field.toString().equals(text(gd,
			"Image")));
		check("Classify Objects: the model chooser starts with the shipped model", shipped.equals(choice(gd, "Model")));
		Map<String, java.awt.Rectangle> previewed = preview(gd, shots);
		finish(gd, "Classify Objects...", fill, shots, "dialog-classify-objects.png");
		Overlay run = WindowManager.getCurrentImage().getOverlay();
		Map<String, java.awt.Rectangle> classified = ellipses(run);
		check("the preview shows the objects the run classified (" + previewed.size() + " previewed, " + classified.size() +
			" classified, same ellipses)", !previewed.isEmpty() && previewed.equals(classified));
		if (shots != null) capture(WindowManager.getCurrentImage().getWindow(), shots.resolve("classified-overlay.png"));

		Files.createDirectories(out.resolve("fields"));
		Files.copy(field, out.resolve("fields").resolve(field.getFileName()));
		fill.clear();
		fill.put("Input folder", out.resolve("fields").toString());
		fill.put("Output folder", out.resolve("folder").toString());
		gd = open("Classify Folder...");
		check("Classify Folder: the model chooser starts with the shipped model", shipped.equals(choice(gd, "Model")));
		finish(gd, "Classify Folder...", fill, shots, "dialog-classify-folder.png");

		// the source stamps a person has just opened; every training option at its default (30 epochs of DANN)
		IJ.run("Open FITS...", "path=[" + in.source() + "]");
		fill.clear();
		fill.put("Target stamps", in.target().toString());
		fill.put("Model folder", out.resolve("trained").toString());
		gd = open("Train Classifier...");
		check("Train Classifier: the source field holds the current image's file", in.source().toString().equals(text(gd,
			"Source stamps")));
		check("Train Classifier: the method starts at dann", "dann".equals(choice(gd, "Method")));
		finish(gd, "Train Classifier...", fill, shots, "dialog-train-classifier.png");
		check("Train Classifier: the model package and its zip were written", Files.isRegularFile(out.resolve(
			"trained/model.json")) && Files.isRegularFile(out.resolve("trained.zip")));
		java.awt.Frame plot = frame("AstroBridge training");
		check("Train Classifier: the live training plot is shown", plot != null && plot.isShowing());
		if (shots != null && plot != null) capture(plot, shots.resolve("training-plot.png"));

		// the stamps a person has just opened, and the shipped model
		IJ.run("Open FITS...", "path=[" + in.stamps() + "]");
		fill.clear();
		fill.put("Output folder", out.resolve("robustness").toString());
		gd = open("Robustness Report...");
		check("Robustness Report: the stamps field holds the current image's file", in.stamps().toString().equals(text(gd,
			"Stamps")));
		check("Robustness Report: the models field starts with the shipped model", shipped.equals(text(gd, "Models")));
		finish(gd, "Robustness Report...", fill, shots, "dialog-robustness-report.png");
		check("Robustness Report: robustness.csv, attack.csv and report.html were written", Files.isRegularFile(out.resolve(
			"robustness/robustness.csv")) && Files.isRegularFile(out.resolve("robustness/attack.csv")) && Files.isRegularFile(
				out.resolve("robustness/report.html")));
		java.awt.Frame table = frame(RobustnessReportCommand.TITLE);
		check("Robustness Report: the table \"" + RobustnessReportCommand.TITLE + "\" is shown",
			table instanceof ij.text.TextWindow tw && tw.getResultsTable() != null && tw.getResultsTable().size() > 0);
		if (shots != null) {
			// the report's own picture of accuracy against strength, and its table window
			Files.copy(out.resolve("robustness/accuracy-blur.png"), shots.resolve("robustness-accuracy.png"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			if (table != null) capture(table, shots.resolve("robustness-table.png"));
		}

		// every other command's dialog: shown from the menu, captured, then left with Esc
		java.util.Set<String> ran = java.util.Set.of("classify", "classify-folder", "train", "robustness");
		for (CommandRegistry.Entry e : CommandRegistry.entries()) {
			if (ran.contains(e.cliName())) continue;
			gd = open(e.label());
			check(e.label() + ": the dialog shows", gd.isShowing());
			if (shots != null) capture(gd, shots.resolve("dialog-" + e.cliName() + ".png"));
			escape(gd, e.label());
		}
	}

	/**
	 * Presses Esc in the dialog, as a person does (a key press on the display, into the focused field): the dialog must
	 * close as cancelled, the command must not run and the Recorder must record nothing.
	 */
	private static void escape(GenericDialog gd, String command) throws Exception {
		String before = Recorder.getInstance().getText();
		String log = IJ.getLog() == null ? "" : IJ.getLog();
		EventQueue.invokeAndWait(() -> {
			gd.toFront();
			Component focus = gd.getStringFields() != null && !gd.getStringFields().isEmpty() ? (Component) gd
				.getStringFields().get(0) : gd;
			focus.requestFocus();
		});
		Thread.sleep(300);
		Robot robot = new Robot();
		robot.keyPress(java.awt.event.KeyEvent.VK_ESCAPE);
		robot.keyRelease(java.awt.event.KeyEvent.VK_ESCAPE);
		for (int i = 0; i < 50 && gd.isShowing(); i++)
			Thread.sleep(100);
		Thread.sleep(500); // a command that ran anyway would record its line now
		String now = Recorder.getInstance().getText();
		String after = IJ.getLog() == null ? "" : IJ.getLog();
		check(command + ": Esc closes the dialog as cancelled, runs nothing and records nothing (recorded: \"" + now
			.substring(Math.min(before.length(), now.length())).strip() + "\")", !gd.isShowing() && gd.wasCanceled() && now
				.equals(before) && after.equals(log));
	}

	/**
	 * Ticks Preview, then raises the threshold (fewer objects) and sets it back, as a person tries values; returns the
	 * preview's ellipses at the default settings by object name.
	 */
	private static Map<String, java.awt.Rectangle> preview(GenericDialog gd, Path shots) throws Exception {
		ImagePlus image = WindowManager.getCurrentImage();
		Checkbox box = null;
		for (Object c : gd.getCheckboxes())
			if (((Checkbox) c).getLabel().startsWith("Preview")) box = (Checkbox) c;
		check("Classify Objects: the dialog has a Preview checkbox", box != null);
		if (box == null) return Map.of();
		Checkbox tick = box;
		EventQueue.invokeAndWait(() -> {
			tick.setState(true);
			gd.itemStateChanged(new ItemEvent(tick, ItemEvent.ITEM_STATE_CHANGED, tick, ItemEvent.SELECTED));
		});
		Map<String, java.awt.Rectangle> atDefault = ellipses(image.getOverlay());
		if (shots != null) capture(image.getWindow(), shots.resolve("detection-preview.png"));
		TextField threshold = field(gd, "Threshold (sigma)");
		EventQueue.invokeAndWait(() -> {
			threshold.setText("6");
			gd.textValueChanged(new TextEvent(threshold, TextEvent.TEXT_VALUE_CHANGED));
		});
		int strict = ellipses(image.getOverlay()).size();
		check("the preview follows the threshold (" + atDefault.size() + " objects at 1.5 sigma, " + strict + " at 6)",
			strict < atDefault.size());
		EventQueue.invokeAndWait(() -> {
			threshold.setText("1.5");
			gd.textValueChanged(new TextEvent(threshold, TextEvent.TEXT_VALUE_CHANGED));
		});
		check("the preview draws no labels and does not classify", image.getOverlay() != null && image.getOverlay()
			.size() == atDefault.size());
		return atDefault;
	}

	/** Object ellipses of an overlay by name, with their integer bounds. */
	private static Map<String, java.awt.Rectangle> ellipses(Overlay overlay) {
		Map<String, java.awt.Rectangle> found = new java.util.TreeMap<>();
		if (overlay == null) return found;
		for (Roi roi : overlay.toArray()) {
			if (roi instanceof EllipseRoi && roi.getName() != null && roi.getName().startsWith(
				CatalogOverlay.ELLIPSE_PREFIX))
			{
				found.put(roi.getName(), roi.getBounds());
			}
		}
		return found;
	}

	/** Starts a menu command as a click does (Executer records it) and waits for its dialog. */
	private static GenericDialog open(String command) throws InterruptedException {
		new Executer(command, null);
		for (int i = 0; i < 300; i++) {
			GenericDialog gd = GenericDialog.getInstance();
			if (gd != null && gd.isShowing() && command.equals(gd.getTitle())) {
				Thread.sleep(300); // let it lay out and paint
				return gd;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("no dialog for " + command);
	}

	private static void finish(GenericDialog gd, String command, Map<String, String> fill, Path shots, String png)
		throws Exception
	{
		for (Map.Entry<String, String> e : fill.entrySet())
			field(gd, e.getKey()).setText(e.getValue());
		if (shots != null) screenshot(gd, shots.resolve(png));
		String before = Recorder.getInstance().getText();
		Button ok = gd.getButtons()[0];
		java.awt.EventQueue.invokeLater(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, "OK")));
		String line = null;
		for (int i = 0; i < 3000 && line == null; i++) { // the Recorder writes the line once the command has run
			Thread.sleep(100);
			String now = Recorder.getInstance().getText();
			if (now.length() > before.length() && now.startsWith(before)) {
				line = now.substring(before.length()).lines().filter(l -> l.startsWith("run(\"" + command)).findFirst().orElse(
					null);
			}
		}
		check(command + ": the Recorder recorded the run", line != null);
		if (line != null) System.out.println("recorded=" + line);
		String log = IJ.getLog() == null ? "" : IJ.getLog();
		check(command + ": ran without a failure in the Log", !log.contains(command.replace("...", "") + " failed"));
	}

	/** The showing window titled so (an image, plot or text window), or null. */
	private static java.awt.Frame frame(String title) {
		for (java.awt.Window w : java.awt.Window.getWindows()) {
			if (w instanceof java.awt.Frame f && f.isShowing() && title.equals(f.getTitle())) return f;
		}
		return null;
	}

	private static TextField field(GenericDialog gd, String label) {
		return (TextField) onRow(gd, label, gd.getStringFields());
	}

	private static String text(GenericDialog gd, String label) {
		return field(gd, label).getText();
	}

	private static String choice(GenericDialog gd, String label) {
		return ((Choice) onRow(gd, label, gd.getChoices())).getSelectedItem();
	}

	/**
	 * The component of {@code candidates} on the row of the label: GenericDialog moves a file field's text field into a
	 * panel added last, so the row on screen, not the order of components, ties a field to its label.
	 */
	private static Component onRow(GenericDialog gd, String label, java.util.List<?> candidates) {
		for (Component c : gd.getComponents()) {
			if (c instanceof Label l && l.getText().trim().equals(label)) {
				int y = l.getLocationOnScreen().y + l.getHeight() / 2;
				for (Object o : candidates) {
					Component f = (Component) o;
					int top = f.getLocationOnScreen().y;
					if (y >= top && y <= top + f.getHeight()) return f;
				}
			}
		}
		StringBuilder seen = new StringBuilder();
		for (Component c : gd.getComponents())
			seen.append(c.getClass().getSimpleName()).append(c instanceof Label l ? "[" + l.getText() + "]" : "").append(' ');
		throw new IllegalStateException(gd.getTitle() + ": no field labelled " + label + "; components: " + seen);
	}

	private static void screenshot(GenericDialog gd, Path png) throws Exception {
		capture(gd, png);
	}

	/**
	 * A window as shown, as a 256-colour PNG (small enough for the docs). A dialog paints itself into the picture (its
	 * AWT fields are drawn by Java): without a window manager its place on the screen is not reliably known, and other
	 * windows may cover it. Image and plot windows, which ImageJ paints differently when printed, are taken from the
	 * screen.
	 */
	static void capture(java.awt.Window w, Path png) throws Exception {
		w.toFront();
		Thread.sleep(700);
		BufferedImage shot;
		if (w instanceof java.awt.Dialog) {
			shot = new BufferedImage(w.getWidth(), w.getHeight(), BufferedImage.TYPE_INT_RGB);
			java.awt.Graphics2D g = shot.createGraphics();
			EventQueue.invokeAndWait(() -> w.printAll(g));
			g.dispose();
		}
		else {
			shot = new Robot().createScreenCapture(new java.awt.Rectangle(w.getLocationOnScreen(), w.getSize()));
		}
		BufferedImage indexed = new BufferedImage(shot.getWidth(), shot.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
		indexed.getGraphics().drawImage(shot, 0, 0, null);
		Files.createDirectories(png.toAbsolutePath().getParent());
		ImageIO.write(indexed, "png", png.toFile());
		System.out.println("screenshot: " + png + " (" + Files.size(png) / 1024 + " KB)");
	}

	private static void check(String what, boolean ok) {
		System.out.println((ok ? "ok    " : "FAIL  ") + what);
		if (!ok) failures++;
	}
}
