package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

import org.scijava.ItemVisibility;
import org.scijava.module.ModuleItem;

/**
 * The ImageJ 1.x entry point of every AstroBridge command ({@code plugins.config} and the headless
 * runner register it once per command, with the command's subcommand name as argument). Reads the
 * macro options, or asks with a dialog when a person runs it from the menu, and runs the command.
 * A failure aborts the calling macro with the command's message.
 */
public class MacroCommandBridge implements PlugIn {

	@Override
	public void run(String arg) {
		CommandRegistry.Entry entry = CommandRegistry.byCliName(arg)
			.orElseThrow(() -> new IllegalArgumentException("no AstroBridge command named " + arg));
		try {
			String macroOptions = Macro.getOptions();
			Map<String, String> options;
			if (macroOptions != null || GraphicsEnvironment.isHeadless()) {
				options = MacroOptions.parse(macroOptions);
			} else {
				options = askUser(entry);
				if (options == null) return;
			}
			Map<String, Object> outputs = CommandRunner.run(entry, options);
			show(outputs);
		} catch (CommandException | IllegalArgumentException e) {
			fail(entry, e.getMessage());
		} catch (RuntimeException e) {
			fail(entry, e.toString());
			e.printStackTrace();
		}
	}

	private static void show(Map<String, Object> outputs) {
		for (Object value : outputs.values()) {
			if (value instanceof ImagePlus) ((ImagePlus) value).show();
		}
	}

	private static void fail(CommandRegistry.Entry entry, String message) {
		String text = entry.label() + " failed: " + message;
		Interpreter interpreter = Interpreter.getInstance();
		if (interpreter != null) {
			interpreter.abort(text); // a macro must stop here, and the headless runner then exits non-zero
		} else if (GraphicsEnvironment.isHeadless()) {
			System.err.println(text);
		} else {
			IJ.log(text); // the Log window keeps what the dialog says
			IJ.error("AstroBridge", text);
		}
	}

	/** A dialog generated from the command's parameters, for plain ImageJ without Fiji's own dialogs. */
	private static Map<String, String> askUser(CommandRegistry.Entry entry) {
		List<ModuleItem<?>> items = CommandRunner.userInputs(entry);
		GenericDialog gd = new GenericDialog(entry.label());
		items.removeIf(item -> ImagePlus.class.isAssignableFrom(item.getType())
			|| item.getVisibility() == ItemVisibility.INVISIBLE); // deprecated names are for macros, not dialogs
		for (ModuleItem<?> item : items) {
			String label = item.getLabel() == null ? item.getName() : item.getLabel();
			Object dflt = item.getDefaultValue();
			if (item.getType() == boolean.class || item.getType() == Boolean.class) {
				gd.addCheckbox(label, Boolean.TRUE.equals(dflt));
			} else if (item.getChoices() != null && !item.getChoices().isEmpty()) {
				String[] choices = item.getChoices().stream().map(String::valueOf).toArray(String[]::new);
				gd.addChoice(label, choices, dflt == null ? choices[0] : String.valueOf(dflt));
			} else if (item.getType() == File.class) {
				gd.addFileField(label, dflt == null ? "" : dflt.toString());
			} else {
				gd.addStringField(label, dflt == null ? "" : dflt.toString(), 30);
			}
		}
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		Map<String, String> options = new LinkedHashMap<>();
		for (ModuleItem<?> item : items) {
			String value;
			if (item.getType() == boolean.class || item.getType() == Boolean.class) value = String.valueOf(gd.getNextBoolean());
			else if (item.getChoices() != null && !item.getChoices().isEmpty()) value = gd.getNextChoice();
			else value = gd.getNextString();
			if (!value.isEmpty()) options.put(item.getName(), value);
		}
		return options;
	}
}
