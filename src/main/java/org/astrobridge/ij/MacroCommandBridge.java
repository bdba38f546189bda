package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

/**
 * The ImageJ 1.x entry point of every AstroBridge command ({@code plugins.config} and the headless runner register it
 * once per command, with the command's subcommand name as argument). Reads the macro options, or asks with a dialog
 * when a person runs it from the menu, and runs the command. A failure aborts the calling macro with the command's
 * message.
 */
public class MacroCommandBridge implements PlugIn {

	@Override
	public void run(String arg) {
		CommandRegistry.Entry entry = CommandRegistry.byCliName(arg).orElseThrow(() -> new IllegalArgumentException(
			"no AstroBridge command named " + arg));
		try {
			String macroOptions = Macro.getOptions();
			Map<String, String> options;
			if (macroOptions != null || GraphicsEnvironment.isHeadless()) {
				options = MacroOptions.parse(macroOptions);
			}
			else {
				options = CommandDialog.ask(entry);
				if (options == null) return;
			}
			Map<String, Object> outputs = CommandRunner.run(entry, options);
			show(outputs);
			if (!GraphicsEnvironment.isHeadless()) rememberModels(options, outputs);
		}
		catch (CommandException | IllegalArgumentException e) {
			fail(entry, e.getMessage());
		}
		catch (RuntimeException e) {
			fail(entry, e.toString());
			e.printStackTrace();
		}
	}

	/** The model a run used, or the package it trained, heads the dialogs' model chooser next time. */
	private static void rememberModels(Map<String, String> options, Map<String, Object> outputs) {
		if (outputs.get("modelzip") instanceof String trained) ModelChoices.remember(trained);
		else ModelChoices.remember(options.get("model"));
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
		}
		else if (GraphicsEnvironment.isHeadless()) {
			System.err.println(text);
		}
		else {
			IJ.log(text); // the Log window keeps what the dialog says
			IJ.error("AstroBridge", text);
		}
	}
}
