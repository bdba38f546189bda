package org.astrobridge.ij;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.WindowManager;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * Runs a registered command from key=value options outside Fiji (plain ImageJ macros and the headless runner). Inside
 * Fiji, imagej-legacy does this job for the same command classes.
 */
public final class CommandRunner {

	private CommandRunner() {}

	/**
	 * The user-settable inputs of a command: the one marked positional ({@code @Attr(name = "positional")}) first, as
	 * SciJava lists a base class's parameters before the subclass's input, then the others in declaration order.
	 */
	public static List<ModuleItem<?>> userInputs(CommandRegistry.Entry entry) {
		List<ModuleItem<?>> items = new ArrayList<>();
		for (ModuleItem<?> item : new CommandInfo(entry.commandClass()).inputs()) {
			if (item.getVisibility() == ItemVisibility.MESSAGE) continue;
			if (isInjected(item.getType())) continue;
			if (item.get("positional") != null) items.add(0, item);
			else items.add(item);
		}
		return items;
	}

	/**
	 * Fills the command's inputs from {@code options}, runs it and returns its outputs by name. {@code ImagePlus} inputs
	 * take the image titled by the option, or the current image.
	 */
	public static Map<String, Object> run(CommandRegistry.Entry entry, Map<String, String> options) {
		CommandModule module = prepare(entry, options);
		module.run();
		Map<String, Object> outputs = new LinkedHashMap<>();
		for (ModuleItem<?> item : module.getInfo().outputs()) {
			outputs.put(item.getName(), module.getOutput(item.getName()));
		}
		return outputs;
	}

	/** The command with its inputs filled from {@code options} and checked, ready to run (or to read settings from). */
	static CommandModule prepare(CommandRegistry.Entry entry, Map<String, String> options) {
		CommandModule module;
		try {
			module = new CommandModule(new CommandInfo(entry.commandClass()));
		}
		catch (ModuleException e) {
			throw new IllegalStateException("cannot create command " + entry.label(), e);
		}
		List<ModuleItem<?>> inputs = userInputs(entry);
		List<String> known = new ArrayList<>();
		for (ModuleItem<?> item : inputs)
			known.add(item.getName());
		for (String key : options.keySet()) {
			if (!known.contains(key)) {
				throw new CommandException("\"" + entry.label() + "\": unknown option '" + key + "'; known options: " + String
					.join(", ", known));
			}
		}
		for (ModuleItem<?> item : inputs) {
			String name = item.getName();
			Object value;
			if (ImagePlus.class.isAssignableFrom(item.getType())) {
				value = image(entry, options.get(name));
			}
			else if (options.containsKey(name)) {
				value = convert(entry, item, options.get(name));
			}
			else {
				value = module.getInput(name);
				if (value == null && item.isRequired()) {
					throw new CommandException("\"" + entry.label() + "\": missing option '" + name + "'" + describe(item));
				}
			}
			module.setInput(name, value);
			module.resolveInput(name);
		}
		injectServices(module);
		return module;
	}

	static String describe(ModuleItem<?> item) {
		StringBuilder sb = new StringBuilder();
		if (item.getDescription() != null && !item.getDescription().isEmpty()) {
			sb.append(" (").append(item.getDescription()).append(')');
		}
		if (item.getChoices() != null && !item.getChoices().isEmpty()) {
			sb.append(" one of ").append(item.getChoices());
		}
		return sb.toString();
	}

	private static ImagePlus image(CommandRegistry.Entry entry, String title) {
		ImagePlus imp = title == null ? WindowManager.getCurrentImage() : WindowManager.getImage(title);
		if (imp == null) {
			throw new CommandException("\"" + entry.label() + "\": " + (title == null ? "no image is open"
				: "no open image is titled '" + title + "'"));
		}
		return imp;
	}

	private static Object convert(CommandRegistry.Entry entry, ModuleItem<?> item, String text) {
		Class<?> type = item.getType();
		String name = item.getName();
		try {
			Object value;
			if (type == String.class) value = text;
			else if (type == File.class) value = new File(text);
			else if (type == int.class || type == Integer.class) value = Integer.valueOf(text.trim());
			else if (type == long.class || type == Long.class) value = Long.valueOf(text.trim());
			else if (type == double.class || type == Double.class) value = Double.valueOf(text.trim());
			else if (type == float.class || type == Float.class) value = Float.valueOf(text.trim());
			else if (type == boolean.class || type == Boolean.class) value = parseBoolean(entry, name, text);
			else throw new IllegalStateException("option type " + type.getName() + " of '" + name + "' is not supported");
			List<?> choices = item.getChoices();
			if (choices != null && !choices.isEmpty() && !choices.contains(value)) {
				throw new CommandException("\"" + entry.label() + "\": option " + name + "=" + text + " is not one of " +
					choices);
			}
			checkRange(entry, item, value, text);
			return value;
		}
		catch (NumberFormatException e) {
			throw new CommandException("\"" + entry.label() + "\": option " + name + "=" + text + " is not a number");
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void checkRange(CommandRegistry.Entry entry, ModuleItem<?> item, Object value, String text) {
		if (!(value instanceof Comparable)) return;
		Comparable v = (Comparable) value;
		Object min = item.getMinimumValue();
		Object max = item.getMaximumValue();
		if (min != null && min.getClass() == value.getClass() && v.compareTo(min) < 0 || max != null && max
			.getClass() == value.getClass() && v.compareTo(max) > 0)
		{
			throw new CommandException("\"" + entry.label() + "\": option " + item.getName() + "=" + text + " is outside " +
				(min == null ? "-inf" : min) + " .. " + (max == null ? "inf" : max));
		}
	}

	private static boolean parseBoolean(CommandRegistry.Entry entry, String name, String text) {
		String t = text.trim().toLowerCase();
		if (t.equals("true") || t.equals("yes") || t.equals("1") || t.equals("on")) return true;
		if (t.equals("false") || t.equals("no") || t.equals("0") || t.equals("off")) return false;
		throw new CommandException("\"" + entry.label() + "\": option " + name + "=" + text + " is not true or false");
	}

	private static boolean isInjected(Class<?> type) {
		return Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type);
	}

	/**
	 * Commands take SciJava's LogService and StatusService as optional inputs: inside Fiji they get its context's; in
	 * plain ImageJ and the headless runner they stay empty and the commands use ImageJ 1.x's log and progress bar (a
	 * context of our own would cost a second per run and print nowhere a macro user looks).
	 */
	private static void injectServices(CommandModule module) {
		boolean needs = false;
		for (ModuleItem<?> item : module.getInfo().inputs())
			needs |= isInjected(item.getType());
		if (!needs) return;
		FijiContext.get().ifPresent(module::setContext);
	}
}
