package org.astrobridge.model;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer and reader for model.json (no dependency). Writes maps, lists, arrays of primitives, strings,
 * numbers (non-finite numbers as null), booleans and null; reads objects as LinkedHashMap, arrays as ArrayList,
 * integers as Long, other numbers as Double.
 */
public final class Json {

	private Json() {}

	public static String write(Object value) {
		StringBuilder s = new StringBuilder();
		write(s, value, 0);
		return s.append('\n').toString();
	}

	private static void write(StringBuilder s, Object v, int indent) {
		if (v == null) {
			s.append("null");
		}
		else if (v instanceof String str) {
			quote(s, str);
		}
		else if (v instanceof Boolean) {
			s.append(v);
		}
		else if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			if (!Double.isFinite(d)) s.append("null");
			else if (d == Math.rint(d) && Math.abs(d) < 1e15) s.append((long) d).append(".0");
			else s.append(d);
		}
		else if (v instanceof Number) {
			s.append(((Number) v).longValue());
		}
		else if (v instanceof Map<?, ?> m) {
			if (m.isEmpty()) {
				s.append("{}");
				return;
			}
			s.append("{\n");
			int i = 0;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				pad(s, indent + 1);
				quote(s, String.valueOf(e.getKey()));
				s.append(": ");
				write(s, e.getValue(), indent + 1);
				s.append(++i < m.size() ? ",\n" : "\n");
			}
			pad(s, indent);
			s.append('}');
		}
		else if (v instanceof Iterable<?> it) {
			List<Object> list = new ArrayList<>();
			it.forEach(list::add);
			writeList(s, list, indent);
		}
		else if (v.getClass().isArray()) {
			List<Object> list = new ArrayList<>();
			for (int i = 0; i < Array.getLength(v); i++)
				list.add(Array.get(v, i));
			writeList(s, list, indent);
		}
		else {
			quote(s, v.toString());
		}
	}

	private static void writeList(StringBuilder s, List<Object> list, int indent) {
		boolean flat = list.stream().allMatch(o -> o == null || o instanceof Number || o instanceof Boolean ||
			o instanceof String);
		if (flat) {
			s.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) s.append(", ");
				write(s, list.get(i), indent);
			}
			s.append(']');
			return;
		}
		s.append("[\n");
		for (int i = 0; i < list.size(); i++) {
			pad(s, indent + 1);
			write(s, list.get(i), indent + 1);
			s.append(i + 1 < list.size() ? ",\n" : "\n");
		}
		pad(s, indent);
		s.append(']');
	}

	private static void pad(StringBuilder s, int indent) {
		for (int i = 0; i < indent; i++)
			s.append("  ");
	}

	private static void quote(StringBuilder s, String str) {
		s.append('"');
		for (int i = 0; i < str.length(); i++) {
			char c = str.charAt(i);
			switch (c) {
				case '"':
					s.append("\\\"");
					break;
				case '\\':
					s.append("\\\\");
					break;
				case '\n':
					s.append("\\n");
					break;
				case '\r':
					s.append("\\r");
					break;
				case '\t':
					s.append("\\t");
					break;
				default:
					if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
					else s.append(c);
			}
		}
		s.append('"');
	}

	/** Parses JSON text; a syntax error gives an IllegalArgumentException naming the offset. */
	public static Object parse(String text) {
		Parser p = new Parser(text);
		p.space();
		Object v = p.value();
		p.space();
		if (p.pos != text.length()) throw p.error("unexpected text after the value");
		return v;
	}

	private static final class Parser {

		final String t;
		int pos;

		Parser(String t) {
			this.t = t;
		}

		IllegalArgumentException error(String what) {
			return new IllegalArgumentException("invalid JSON at character " + pos + ": " + what);
		}

		void space() {
			while (pos < t.length() && Character.isWhitespace(t.charAt(pos)))
				pos++;
		}

		char peek() {
			if (pos >= t.length()) throw error("unexpected end");
			return t.charAt(pos);
		}

		void expect(char c) {
			if (peek() != c) throw error("expected '" + c + "'");
			pos++;
		}

		Object value() {
			char c = peek();
			switch (c) {
				case '{':
					return object();
				case '[':
					return array();
				case '"':
					return string();
				case 't':
					word("true");
					return Boolean.TRUE;
				case 'f':
					word("false");
					return Boolean.FALSE;
				case 'n':
					word("null");
					return null;
				default:
					if (c == '-' || (c >= '0' && c <= '9')) return number();
					throw error("unexpected '" + c + "'");
			}
		}

		void word(String w) {
			if (!t.startsWith(w, pos)) throw error("expected " + w);
			pos += w.length();
		}

		Map<String, Object> object() {
			Map<String, Object> m = new LinkedHashMap<>();
			expect('{');
			space();
			if (peek() == '}') {
				pos++;
				return m;
			}
			while (true) {
				space();
				String k = string();
				space();
				expect(':');
				space();
				m.put(k, value());
				space();
				if (peek() == ',') {
					pos++;
					continue;
				}
				expect('}');
				return m;
			}
		}

		List<Object> array() {
			List<Object> l = new ArrayList<>();
			expect('[');
			space();
			if (peek() == ']') {
				pos++;
				return l;
			}
			while (true) {
				space();
				l.add(value());
				space();
				if (peek() == ',') {
					pos++;
					continue;
				}
				expect(']');
				return l;
			}
		}

		String string() {
			expect('"');
			StringBuilder s = new StringBuilder();
			while (true) {
				char c = peek();
				pos++;
				if (c == '"') return s.toString();
				if (c != '\\') {
					s.append(c);
					continue;
				}
				char e = peek();
				pos++;
				switch (e) {
					case 'n':
						s.append('\n');
						break;
					case 'r':
						s.append('\r');
						break;
					case 't':
						s.append('\t');
						break;
					case 'b':
						s.append('\b');
						break;
					case 'f':
						s.append('\f');
						break;
					case 'u':
						if (pos + 4 > t.length()) throw error("bad \\u escape");
						s.append((char) Integer.parseInt(t.substring(pos, pos + 4), 16));
						pos += 4;
						break;
					default:
						s.append(e);
				}
			}
		}

		Object number() {
			int start = pos;
			while (pos < t.length() && "+-0123456789.eE".indexOf(t.charAt(pos)) >= 0)
				pos++;
			String n = t.substring(start, pos);
			try {
				if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) return Long.parseLong(n);
				return Double.parseDouble(n);
			}
			catch (NumberFormatException e) {
				pos = start;
				throw error("bad number '" + n + "'");
			}
		}
	}
}
