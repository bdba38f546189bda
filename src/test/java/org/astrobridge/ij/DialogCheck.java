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
 * Opens each command's dialog in plain ImageJ on a display, as a person does from the menu with the macro Recorder
 * on: checks the defaults taken from context (the current image's file, the shipped model), fills in the essentials
 * only, presses OK and prints the recorded {@code run(...)} line as {@code recorded=...} for the caller to replay
 * headless. With a second argument, also saves a screenshot of each dialog there. Prints {@code ok}/{@code FAIL}
 * lines; exits 1 when a check failed. Run under {@code xvfb-run -a}. Train Classifier's and Robustness Report's dialogs
 * are opened, filled and captured but cancelled: running them from the dialog under this check did not finish in
 * time and is not checked yet.
 * Arguments: FIELD.fits STAMPS.fits OUTDIR [SCREENSHOT_DIR].
 */
public final class DialogCheck {

	private static int failures;

	public static void main(String[] args) {
		try {
			checkAll(args);
		} catch (Exception | Error e) {
			e.printStackTrace();
			check("the dialog check ran to its end (" + e + ")", false);
		}
		System.out.println(failures == 0 ? "dialog-check: all checks passed" : "dialog-check: " + failures + " check(s) failed");
		System.exit(failures == 0 ? 0 : 1); // an open modal dialog would keep the JVM alive
	}

	private static void checkAll(String[] args) throws Exception {
		Path field = Path.of(args[0]).toAbsolutePath();
		Path stamps = Path.of(args[1]).toAbsolutePath();
		Path out = Path.of(args[2]).toAbsolutePath();
		Path shots = args.length > 3 ? Path.of(args[3]) : null;
		new ImageJ(ImageJ.NO_SHOW);
		HeadlessMacroRunner.registerCommands();
		IJ.run("Open FITS...", "path=[" + field + "]");
		new Recorder(false);
		String shipped = Path.of("models/mergers-sim-to-sdss-dann.zip").toAbsolutePath().toString();

		Map<String, String> fill = new LinkedHashMap<>();
		fill.put("Output folder", out.resolve("objects").toString());
		GenericDialog gd = open("Classify Objects...");
		check("Classify Objects: the image field holds the current image's file", field.toString().equals(text(gd, "Image")));
		check("Classify Objects: the model chooser starts with the shipped model", shipped.equals(choice(gd, "Model")));
		Map<String, java.awt.Rectangle> previewed = preview(gd, shots);
		finish(gd, "Classify Objects...", fill, shots, "dialog-classify-objects.png");
		Overlay run = WindowManager.getCurrentImage().getOverlay();
		Map<String, java.awt.Rectangle> classified = ellipses(run);
		check("the preview shows the objects the run classified (" + previewed.size() + " previewed, " + classified.size()
			+ " classified, same ellipses)", !previewed.isEmpty() && previewed.equals(classified));
		if (shots != null) capture(WindowManager.getCurrentImage().getWindow(), shots.resolve("classified-overlay.png"));

		Files.createDirectories(out.resolve("fields"));
		Files.copy(field, out.resolve("fields").resolve(field.getFileName()));
		fill.clear();
		fill.put("Input folder", out.resolve("fields").toString());
		fill.put("Output folder", out.resolve("folder").toString());
		gd = open("Classify Folder...");
		check("Classify Folder: the model chooser starts with the shipped model", shipped.equals(choice(gd, "Model")));
		finish(gd, "Classify Folder...", fill, shots, "dialog-classify-folder.png");

		fill.clear();
		fill.put("Source stamps", stamps.toString());
		fill.put("Model folder", out.resolve("trained").toString());
		fill.put("Epochs", "2"); // not an essential: keeps the check short
		gd = open("Train Classifier...");
		shotAndCancel(gd, fill, shots, "dialog-train-classifier.png"); // not run here: see the class comment

		fill.clear();
		fill.put("Models", shipped);
		fill.put("Stamps", stamps.toString());
		fill.put("Output folder", out.resolve("robustness").toString());
		fill.put("Attacked stamps", "0"); // not an essential: keeps the check short
		gd = open("Robustness Report...");
		shotAndCancel(gd, fill, shots, "dialog-robustness-report.png"); // not run here: see the class comment

	}

	/**
	 * Ticks Preview, then raises the threshold (fewer objects) and sets it back, as a person tries values; returns
	 * the preview's ellipses at the default settings by object name.
	 */
	private static Map<String, java.awt.Rectangle> preview(GenericDialog gd, Path shots) throws Exception {
		ImagePlus image = WindowManager.getCurrentImage();
		Checkbox box = null;
		for (Object c : gd.getCheckboxes()) if (((Checkbox) c).getLabel().startsWith("Preview")) box = (Checkbox) c;
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
		check("the preview draws no labels and does not classify", image.getOverlay() != null
			&& image.getOverlay().size() == atDefault.size());
		return atDefault;
	}

	/** Object ellipses of an overlay by name, with their integer bounds. */
	private static Map<String, java.awt.Rectangle> ellipses(Overlay overlay) {
		Map<String, java.awt.Rectangle> found = new java.util.TreeMap<>();
		if (overlay == null) return found;
		for (Roi roi : overlay.toArray()) {
			if (roi instanceof EllipseRoi && roi.getName() != null && roi.getName().startsWith(CatalogOverlay.ELLIPSE_PREFIX)) {
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

	private static void finish(GenericDialog gd, String command, Map<String, String> fill, Path shots, String png) throws Exception {
		for (Map.Entry<String, String> e : fill.entrySet()) field(gd, e.getKey()).setText(e.getValue());
		if (shots != null) screenshot(gd, shots.resolve(png));
		String before = Recorder.getInstance().getText();
		Button ok = gd.getButtons()[0];
		java.awt.EventQueue.invokeLater(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, "OK")));
		String line = null;
		for (int i = 0; i < 3000 && line == null; i++) { // the Recorder writes the line once the command has run
			Thread.sleep(100);
			String now = Recorder.getInstance().getText();
			if (now.length() > before.length() && now.startsWith(before)) {
				line = now.substring(before.length()).lines().filter(l -> l.startsWith("run(\"" + command)).findFirst().orElse(null);
			}
		}
		check(command + ": the Recorder recorded the run", line != null);
		if (line != null) System.out.println("recorded=" + line);
		String log = IJ.getLog() == null ? "" : IJ.getLog();
		check(command + ": ran without a failure in the Log", !log.contains(command.replace("...", "") + " failed"));
	}

	/** Fills the essentials, takes the screenshot and cancels. */
	private static void shotAndCancel(GenericDialog gd, Map<String, String> fill, Path shots, String png) throws Exception {
		for (Map.Entry<String, String> e : fill.entrySet()) field(gd, e.getKey()).setText(e.getValue());
		if (shots != null) screenshot(gd, shots.resolve(png));
		Button cancel = gd.getButtons()[1];
		EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(cancel, ActionEvent.ACTION_PERFORMED, "Cancel")));
		Thread.sleep(300);
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
	 * The component of {@code candidates} on the row of the label: GenericDialog moves a file field's text field into
	 * a panel added last, so the row on screen, not the order of components, ties a field to its label.
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
		for (Component c : gd.getComponents()) seen.append(c.getClass().getSimpleName()).append(c instanceof Label l ? "[" + l.getText() + "]" : "").append(' ');
		throw new IllegalStateException(gd.getTitle() + ": no field labelled " + label + "; components: " + seen);
	}

	private static void screenshot(GenericDialog gd, Path png) throws Exception {
		capture(gd, png);
	}

	/** A window as shown, as a 256-colour PNG (small enough for the docs). */
	static void capture(java.awt.Window w, Path png) throws Exception {
		w.toFront();
		Thread.sleep(700);
		BufferedImage shot = new Robot().createScreenCapture(w.getBounds());
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
