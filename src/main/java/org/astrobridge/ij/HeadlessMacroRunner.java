package org.astrobridge.ij;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Hashtable;

import ij.IJ;
import ij.Menus;
import ij.macro.Interpreter;

/**
 * Runs an ImageJ macro without a display. Needs ImageJ 1.x patched for headless use first
 * ({@code LegacyInjector.preinit()}, done by {@code org.astrobridge.cli.Main}).
 */
public final class HeadlessMacroRunner {

	private HeadlessMacroRunner() {}

	/** Runs the macro; returns null on success, otherwise the macro error message. */
	public static String run(Path macro, String argument) throws IOException {
		String code;
		try {
			code = Files.readString(macro, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException e) {
			throw new IOException(macro + ": macro file not found");
		}
		registerCommands();
		Interpreter.batchMode = true;
		Interpreter interpreter = new Interpreter();
		try {
			interpreter.run(code, argument);
		}
		catch (RuntimeException e) {
			// the interpreter ends an aborted macro by throwing "Macro canceled"; the reason is recorded below
			if (!wasError(interpreter)) return e.getMessage() == null ? e.toString() : e.getMessage();
		}
		return wasError(interpreter) ? errorMessage(interpreter) : null;
	}

	/**
	 * ImageJ reads {@code plugins.config} only from jars in its plugins folder; here the commands are put into its
	 * command table directly from the registry.
	 */
	@SuppressWarnings("unchecked")
	static void registerCommands() {
		Hashtable<String, String> commands = Menus.getCommands();
		if (commands == null) {
			try {
				Method init = IJ.class.getDeclaredMethod("init"); // builds the menus without a window when patched
				init.setAccessible(true);
				init.invoke(null);
			}
			catch (ReflectiveOperationException e) {
				throw new IllegalStateException("cannot initialise ImageJ headless", e);
			}
			commands = Menus.getCommands();
		}
		for (CommandRegistry.Entry entry : CommandRegistry.entries()) {
			commands.put(entry.label(), MacroCommandBridge.class.getName() + "(\"" + entry.cliName() + "\")");
		}
	}

	// ImageJ records a macro's failure only in package-private fields
	private static boolean wasError(Interpreter interpreter) {
		return Boolean.TRUE.equals(field(interpreter, "wasError"));
	}

	private static String errorMessage(Interpreter interpreter) {
		Object message = field(interpreter, "errorMessage");
		return message == null ? "macro error" : message.toString();
	}

	private static Object field(Interpreter interpreter, String name) {
		try {
			Field f = Interpreter.class.getDeclaredField(name);
			f.setAccessible(true);
			return f.get(interpreter);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("this ImageJ version hides the macro error state", e);
		}
	}
}
