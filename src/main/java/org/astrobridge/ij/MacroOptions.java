package org.astrobridge.ij;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses ImageJ macro option strings ({@code key=value key2=[a b] flag}) into an ordered map. ImageJ's own
 * {@code Macro.getValue} looks keys up one at a time and cannot list them, which we need to reject misspelt keys
 * instead of silently ignoring them.
 */
public final class MacroOptions {

	private MacroOptions() {}

	public static Map<String, String> parse(String options) {
		Map<String, String> map = new LinkedHashMap<>();
		if (options == null) return map;
		String s = options.trim();
		int i = 0;
		while (i < s.length()) {
			while (i < s.length() && Character.isWhitespace(s.charAt(i)))
				i++;
			if (i >= s.length()) break;
			int keyStart = i;
			while (i < s.length() && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i)))
				i++;
			String key = s.substring(keyStart, i);
			if (i >= s.length() || s.charAt(i) != '=') {
				map.put(key, "true"); // a bare word is ImageJ's way of ticking a checkbox
				continue;
			}
			i++; // '='
			String value;
			if (i < s.length() && s.charAt(i) == '[') {
				int end = s.indexOf(']', i + 1);
				if (end < 0) throw new IllegalArgumentException("unclosed '[' in options for key '" + key + "': " + options);
				value = s.substring(i + 1, end);
				i = end + 1;
			}
			else {
				int start = i;
				while (i < s.length() && !Character.isWhitespace(s.charAt(i)))
					i++;
				value = s.substring(start, i);
			}
			map.put(key, value);
		}
		return map;
	}

	/**
	 * Adds the key=value pairs of a command's free-form {@code more} option to the options its own fields set; a key that
	 * is one of those fields is refused, so that a value cannot be given twice with one silently winning.
	 */
	public static void addMore(Map<String, String> options, String more) {
		for (Map.Entry<String, String> e : parse(more).entrySet()) {
			if (options.containsKey(e.getKey())) {
				throw new CommandException("option '" + e.getKey() + "' is a field of its own; do not repeat it in 'more'");
			}
			options.put(e.getKey(), e.getValue());
		}
	}

	/** The inverse of {@link #parse}: values with spaces or brackets-free specials are bracketed. */
	public static String format(Map<String, String> options) {
		StringBuilder sb = new StringBuilder();
		for (Map.Entry<String, String> e : options.entrySet()) {
			if (sb.length() > 0) sb.append(' ');
			String v = e.getValue();
			sb.append(e.getKey()).append('=');
			if (v.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) sb.append('[').append(v).append(']');
			else sb.append(v);
		}
		return sb.toString();
	}
}
