package org.astrobridge.ij;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Font;
import java.awt.TextField;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ij.IJ;
import ij.ImagePlus;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.io.FileInfo;
import ij.io.OpenDialog;
import ij.plugin.frame.Recorder;

import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

/**
 * The plain-ImageJ dialog of a command, generated from its SciJava parameters: the positional input and the essentials
 * first, then the groups headed by the command's message items (the same headings Fiji's dialog shows). Defaults come
 * from context: an input file field (the positional one, or one marked {@link #CURRENT_IMAGE}) starts with the current
 * image's file, a model field is a chooser of shipped and recent models, a list of models starts with the first shipped
 * model, and every other field starts with the value last used from this dialog (ImageJ's Prefs, per command). With the
 * Recorder on it records the options under their macro names, only those that differ from the command's defaults, so
 * the recorded {@code run(...)} line reproduces the run in a macro or headless.
 */
final class CommandDialog {

	private static final String PREFS = "astrobridge.dialog.";

	/**
	 * Attribute of a stamps input that starts with the current image's file when that image is a stack, as the positional
	 * input does with any image (Train Classifier's source stamps, Robustness Report's stamps: the stamp stack a person
	 * has just opened).
	 */
	static final String CURRENT_IMAGE = "currentimage";

	private enum Kind {
			HEADING, PREVIEW, CHECKBOX, CHOICE, MODEL, TEXT
	}

	private record Field(ModuleItem<?> item, Kind kind) {}

	private final CommandRegistry.Entry entry;
	private final List<Field> fields = new ArrayList<>();
	/** Detection preview on the current image (Classify Objects with an image open), else null. */
	private final DetectionPreview preview;

	private CommandDialog(CommandRegistry.Entry entry) {
		this.entry = entry;
		ImagePlus current = WindowManager.getCurrentImage();
		preview = entry.commandClass() == ClassifyObjectsCommand.class && current != null ? new DetectionPreview(current)
			: null;
	}

	/** Shows the dialog; the options chosen, or null when cancelled. */
	static Map<String, String> ask(CommandRegistry.Entry entry) {
		return new CommandDialog(entry).show();
	}

	/**
	 * Dialog items: positional and essential inputs first, then the others and headings in SciJava's order (inherited
	 * parameters first, then declaration order), without headings left empty.
	 */
	static List<ModuleItem<?>> dialogItems(CommandRegistry.Entry entry) {
		List<ModuleItem<?>> first = new ArrayList<>();
		List<ModuleItem<?>> rest = new ArrayList<>();
		List<String> inputs = CommandRunner.userInputs(entry).stream().map(ModuleItem::getName).toList();
		for (ModuleItem<?> item : new CommandInfo(entry.commandClass()).inputs()) {
			boolean message = item.getVisibility() == ItemVisibility.MESSAGE;
			if (!message && !inputs.contains(item.getName())) continue; // services
			if (item.getVisibility() == ItemVisibility.INVISIBLE) continue; // deprecated names are for macros
			if (ImagePlus.class.isAssignableFrom(item.getType())) continue; // the current image
			if (!message && (item.get("positional") != null || item.get("essential") != null)) first.add(item);
			else rest.add(item);
		}
		first.sort((a, b) -> Boolean.compare(b.get("positional") != null, a.get("positional") != null));
		// a heading whose items all moved up (Classify's "Input", there for Fiji's order) would head nothing
		for (int i = 0; i < rest.size(); i++) {
			boolean heading = rest.get(i).getVisibility() == ItemVisibility.MESSAGE;
			if (heading && (i + 1 == rest.size() || rest.get(i + 1).getVisibility() == ItemVisibility.MESSAGE)) rest.remove(
				i--);
		}
		first.addAll(rest);
		return first;
	}

	private Map<String, String> show() {
		GenericDialog gd = new GenericDialog(entry.label());
		for (ModuleItem<?> item : dialogItems(entry))
			add(gd, item);
		if (preview != null) gd.addDialogListener((dialog, event) -> updatePreview(dialog));
		gd.showDialog();
		if (preview != null) preview.clear(); // the run draws its own overlay
		if (gd.wasCanceled()) {
			// else ImageJ's Executer records a bare run("...") line, which replayed would ask again or fail headless
			Recorder.disableCommandRecording();
			return null;
		}
		Map<String, String> options = read(gd, true);
		if (options != null) record(options);
		return options;
	}

	/**
	 * Detects with the dialog's current values through the command's own settings, so the preview finds the objects the
	 * run will classify. A value being typed may not parse yet: the status bar says so and the preview waits.
	 */
	private boolean updatePreview(GenericDialog gd) {
		int box = 0;
		for (Field f : fields) {
			if (f.kind() == Kind.PREVIEW) break;
			if (f.kind() == Kind.CHECKBOX) box++;
		}
		if (!((Checkbox) gd.getCheckboxes().get(box)).getState()) {
			preview.clear();
			return true;
		}
		try {
			ClassifyCommandBase command = (ClassifyCommandBase) CommandRunner.prepare(entry, read(gd, false)).getCommand();
			int n = preview.show(command.settings("Preview"));
			IJ.showStatus("Preview: " + n + " objects");
		}
		catch (RuntimeException e) {
			IJ.showStatus("Preview: " + e.getMessage());
		}
		return true;
	}

	private void add(GenericDialog gd, ModuleItem<?> item) {
		String label = item.getLabel() == null || item.getLabel().isEmpty() ? item.getName() : item.getLabel();
		if (item.getVisibility() == ItemVisibility.MESSAGE) {
			String heading = DialogGroups.text(item.getDefaultValue());
			gd.addMessage(heading, new Font("SansSerif", Font.BOLD, 13));
			fields.add(new Field(item, Kind.HEADING));
			if (preview != null && heading.equals("Detection")) {
				gd.addCheckbox("Preview (detection only)", false);
				fields.add(new Field(item, Kind.PREVIEW));
			}
			return;
		}
		String last = Prefs.get(PREFS + entry.cliName() + "." + item.getName(), null);
		Object dflt = item.getDefaultValue();
		String initial = last != null ? last : dflt == null ? "" : dflt.toString();
		if ("model".equals(item.get("chooser"))) {
			List<String> models = ModelChoices.choices();
			String pick = last != null && models.contains(last) ? last : models.get(0);
			gd.addChoice(label, models.toArray(new String[0]), pick);
			fields.add(new Field(item, Kind.MODEL));
		}
		else if (item.getType() == boolean.class || item.getType() == Boolean.class) {
			gd.addCheckbox(label, Boolean.parseBoolean(initial));
			fields.add(new Field(item, Kind.CHECKBOX));
		}
		else if (item.getChoices() != null && !item.getChoices().isEmpty()) {
			String[] choices = item.getChoices().stream().map(String::valueOf).toArray(String[]::new);
			gd.addChoice(label, choices, List.of(choices).contains(initial) ? initial : choices[0]);
			fields.add(new Field(item, Kind.CHOICE));
		}
		else if (item.getType() == File.class) {
			boolean folder = "directory".equals(item.getWidgetStyle());
			ImagePlus current = WindowManager.getCurrentImage();
			boolean fromImage = item.get("positional") != null || item.get(CURRENT_IMAGE) != null && current != null &&
				current.getStackSize() > 1; // stamps come as a stack
			if (fromImage && !folder && currentImageFile() != null) initial = currentImageFile();
			if (folder) gd.addDirectoryField(label, initial, 30);
			else gd.addFileField(label, initial, 30);
			fields.add(new Field(item, Kind.TEXT));
		}
		else {
			// a list of models (Robustness Report's one or two) starts with the first shipped one
			if ("models".equals(item.get("chooser")) && last == null && initial.isEmpty() && !ModelChoices.shipped()
				.isEmpty())
			{
				initial = ModelChoices.shipped().get(0);
			}
			gd.addStringField(label, initial, 30);
			fields.add(new Field(item, Kind.TEXT));
		}
	}

	/**
	 * Reads the components directly: GenericDialog's getNext* would record options under label-derived keys. {@code done}
	 * (OK was pressed): asks for a browsed model and remembers the values.
	 */
	private Map<String, String> read(GenericDialog gd, boolean done) {
		Map<String, String> options = new LinkedHashMap<>();
		int texts = 0, checks = 0, choices = 0;
		for (Field f : fields) {
			String value;
			switch (f.kind()) {
				case HEADING -> {
					continue;
				}
				case PREVIEW -> {
					checks++;
					continue;
				}
				case CHECKBOX -> value = String.valueOf(((Checkbox) gd.getCheckboxes().get(checks++)).getState());
				case CHOICE -> value = ((Choice) gd.getChoices().get(choices++)).getSelectedItem();
				case MODEL -> {
					value = ((Choice) gd.getChoices().get(choices++)).getSelectedItem();
					if (done && ModelChoices.BROWSE.equals(value)) value = browseModel();
				}
				default -> value = ((TextField) gd.getStringFields().get(texts++)).getText().trim();
			}
			if (value == null) return null;
			String name = f.item().getName();
			if (done && f.item().isPersisted()) Prefs.set(PREFS + entry.cliName() + "." + name, value);
			if (!value.isEmpty()) options.put(name, value);
		}
		return options;
	}

	private static String browseModel() {
		OpenDialog od = new OpenDialog("Model package (.zip)");
		return od.getPath();
	}

	/**
	 * Records every option whose value differs from the command's own default (an option a macro leaves out takes that
	 * default, not the value remembered here).
	 */
	private void record(Map<String, String> options) {
		if (!Recorder.record) return;
		for (Field f : fields) {
			String name = f.item().getName();
			if (!options.containsKey(name)) continue;
			Object dflt = f.item().getDefaultValue();
			if (dflt != null && sameValue(f.item(), dflt, options.get(name))) continue;
			Recorder.recordOption(name, options.get(name));
		}
	}

	private static boolean sameValue(ModuleItem<?> item, Object dflt, String text) {
		Class<?> t = item.getType();
		try {
			if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
				return Double.parseDouble(dflt.toString()) == Double.parseDouble(text);
			}
			if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
				return Long.parseLong(dflt.toString()) == Long.parseLong(text.trim());
			}
		}
		catch (NumberFormatException e) {
			return false; // the command reports the bad number
		}
		return Objects.equals(dflt.toString(), text);
	}

	/** The file the current image was opened from, or null. */
	static String currentImageFile() {
		ImagePlus imp = WindowManager.getCurrentImage();
		FileInfo fi = imp == null ? null : imp.getOriginalFileInfo();
		if (fi == null || fi.directory == null || fi.fileName == null) return null;
		File f = new File(fi.directory, fi.fileName);
		return f.isFile() ? f.getPath() : null;
	}
}
