package org.astrobridge.fits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * An ordered FITS header: every card kept, with comments, HISTORY and COMMENT, as read. Values are kept as their raw
 * FITS text (strings with their quotes) so nothing is lost on a write.
 */
public final class FitsHeader implements Iterable<FitsHeader.Card> {

	/** One card. {@code value} is the raw FITS value text (strings quoted) or null for commentary cards. */
	public record Card(String key, String value, String comment) {}

	private final List<Card> cards = new ArrayList<>();

	public FitsHeader() {}

	/** A copy of {@code other}. */
	public FitsHeader(FitsHeader other) {
		cards.addAll(other.cards);
	}

	/** Sets a string value (quoted on write); replaces the first card with that key or appends. */
	public FitsHeader set(String key, String value, String comment) {
		return put(key, quote(value), comment);
	}

	public FitsHeader set(String key, double value, String comment) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException("FITS header value for " + key + " must be finite, not " + value);
		}
		String text = Double.toString(value);
		return put(key, text, comment);
	}

	public FitsHeader set(String key, long value, String comment) {
		return put(key, Long.toString(value), comment);
	}

	public FitsHeader set(String key, boolean value, String comment) {
		return put(key, value ? "T" : "F", comment);
	}

	public FitsHeader addHistory(String text) {
		cards.add(new Card("HISTORY", null, text));
		return this;
	}

	public FitsHeader addComment(String text) {
		cards.add(new Card("COMMENT", null, text));
		return this;
	}

	/** Appends a card exactly as given (used when copying headers). */
	FitsHeader add(Card card) {
		cards.add(card);
		return this;
	}

	/** Removes every valued card with this key; returns true if one was removed. */
	boolean remove(String key) {
		String k = normalise(key);
		return cards.removeIf(c -> c.value() != null && c.key().equals(k));
	}

	public boolean contains(String key) {
		return find(normalise(key)) != null;
	}

	/** True when at least one of the keys is there. */
	boolean containsAny(String... keys) {
		for (String k : keys) {
			if (contains(k)) {
				return true;
			}
		}
		return false;
	}

	/** The value as a string (quotes removed, trailing blanks trimmed); null if absent. */
	public String getString(String key) {
		Card c = find(normalise(key));
		if (c == null) {
			return null;
		}
		return unquote(c.value());
	}

	public double getDouble(String key, double dflt) {
		String s = getString(key);
		if (s == null || s.isEmpty()) {
			return dflt;
		}
		try {
			return Double.parseDouble(s.replace('D', 'E').replace('d', 'e'));
		}
		catch (NumberFormatException e) {
			return dflt;
		}
	}

	public long getLong(String key, long dflt) {
		String s = getString(key);
		if (s == null || s.isEmpty()) {
			return dflt;
		}
		try {
			return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
		}
		catch (NumberFormatException e) {
			double d = getDouble(key, Double.NaN);
			return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e18 ? (long) d : dflt;
		}
	}

	/** The logical value of a T/F card; {@code dflt} if absent or not logical. */
	boolean getBoolean(String key, boolean dflt) {
		String s = getString(key);
		if ("T".equals(s)) {
			return true;
		}
		if ("F".equals(s)) {
			return false;
		}
		return dflt;
	}

	public int size() {
		return cards.size();
	}

	public List<Card> cards() {
		return Collections.unmodifiableList(cards);
	}

	@Override
	public Iterator<Card> iterator() {
		return cards().iterator();
	}

	/** 80-column cards joined by '\n' (no END card), as ImageJ's Info property shows a FITS header. */
	public String toText() {
		StringBuilder sb = new StringBuilder(cards.size() * 81);
		for (Card c : cards) {
			if (sb.length() > 0) {
				sb.append('\n');
			}
			sb.append(format(c));
		}
		return sb.toString();
	}

	/** Parses text made of 80-column cards, one a line (the inverse of {@link #toText()}); stops at END. */
	public static FitsHeader parseText(String text) {
		FitsHeader h = new FitsHeader();
		for (String line : text.split("\r?\n")) {
			if (line.isBlank()) {
				continue;
			}
			Card c = parseCard(line);
			if (c.key().equals("END") && c.value() == null) {
				break;
			}
			h.cards.add(c);
		}
		return h;
	}

	@Override
	public String toString() {
		return toText();
	}

	private FitsHeader put(String key, String rawValue, String comment) {
		String k = normalise(key);
		Card card = new Card(k, rawValue, comment);
		for (int i = 0; i < cards.size(); i++) {
			Card c = cards.get(i);
			if (c.value() != null && c.key().equals(k)) {
				cards.set(i, card);
				return this;
			}
		}
		cards.add(card);
		return this;
	}

	private Card find(String key) {
		for (Card c : cards) {
			if (c.value() != null && c.key().equals(key)) {
				return c;
			}
		}
		return null;
	}

	private static String normalise(String key) {
		String k = key.trim().toUpperCase(Locale.ROOT);
		if (k.isEmpty() || (k.length() > 8 && !k.startsWith("HIERARCH "))) {
			throw new IllegalArgumentException("invalid FITS keyword '" + key + "'");
		}
		return k;
	}

	static String quote(String s) {
		StringBuilder sb = new StringBuilder("'").append(s.replace("'", "''"));
		while (sb.length() < 9) {
			sb.append(' ');
		}
		return sb.append('\'').toString();
	}

	static String unquote(String raw) {
		if (raw == null) {
			return null;
		}
		if (raw.startsWith("'")) {
			int end = raw.endsWith("'") && raw.length() > 1 ? raw.length() - 1 : raw.length();
			return raw.substring(1, end).replace("''", "'").stripTrailing();
		}
		return raw.trim();
	}

	/** Parses one 80-column card image. */
	static Card parseCard(String image) {
		String line = image.length() > 80 ? image.substring(0, 80) : image;
		String key = line.substring(0, Math.min(8, line.length())).trim().toUpperCase(Locale.ROOT);
		if (key.equals("HIERARCH")) {
			int eq = line.indexOf('=');
			if (eq > 9) {
				return valued(line.substring(0, eq).trim().replaceAll("\\s+", " "), line.substring(eq + 1));
			}
		}
		boolean commentary = key.isEmpty() || key.equals("COMMENT") || key.equals("HISTORY") || key.equals("CONTINUE");
		if (!commentary && line.length() >= 10 && line.startsWith("= ", 8)) {
			return valued(key, line.substring(10));
		}
		String text = line.length() > 8 ? line.substring(8).stripTrailing() : "";
		return new Card(key, null, text);
	}

	private static Card valued(String key, String field) {
		int i = 0;
		int n = field.length();
		while (i < n && field.charAt(i) == ' ') {
			i++;
		}
		String value;
		int rest;
		if (i < n && field.charAt(i) == '\'') {
			int j = i + 1;
			while (j < n) {
				if (field.charAt(j) == '\'') {
					if (j + 1 < n && field.charAt(j + 1) == '\'') {
						j += 2;
						continue;
					}
					break;
				}
				j++;
			}
			value = field.substring(i, Math.min(j + 1, n));
			rest = Math.min(j + 1, n);
		}
		else {
			int slash = field.indexOf('/', i);
			rest = slash < 0 ? n : slash;
			value = field.substring(i, rest).trim();
		}
		String comment = null;
		int slash = field.indexOf('/', rest);
		if (slash >= 0) {
			comment = field.substring(slash + 1).trim();
		}
		return new Card(key, value, comment);
	}

	/** The 80-column image of a card. */
	static String format(Card c) {
		StringBuilder sb = new StringBuilder(80);
		if (c.value() == null) {
			sb.append(pad(c.key(), 8));
			if (c.comment() != null) {
				sb.append(c.comment());
			}
		}
		else {
			if (c.key().length() > 8) {
				sb.append(c.key()).append(" = ");
			}
			else {
				sb.append(pad(c.key(), 8)).append("= ");
			}
			String v = c.value();
			if (v.startsWith("'") || v.length() >= 20) {
				sb.append(v);
			}
			else {
				sb.append(" ".repeat(20 - v.length())).append(v);
			}
			if (c.comment() != null && !c.comment().isEmpty()) {
				sb.append(" / ").append(c.comment());
			}
		}
		String s = sb.length() > 80 ? sb.substring(0, 80) : sb.toString();
		if (c.value() != null && c.value().startsWith("'") && s.length() == 80 && sb.length() > 80 && sb.indexOf(c
			.value()) + c.value().length() > 80)
		{
			// a string too long for one card: cut it inside the quotes so the card stays valid
			s = s.substring(0, 79) + "'";
		}
		return pad(s, 80);
	}

	private static String pad(String s, int width) {
		return s.length() >= width ? s : s + " ".repeat(width - s.length());
	}

	/** The header as FITS blocks, with END and blank padding to a multiple of 2880 bytes. */
	byte[] toBlocks() {
		StringBuilder sb = new StringBuilder((cards.size() + 1) * 80);
		for (Card c : cards) {
			sb.append(format(c));
		}
		sb.append(pad("END", 80));
		int len = sb.length();
		int padded = (len + 2879) / 2880 * 2880;
		sb.append(" ".repeat(padded - len));
		return sb.toString().getBytes(StandardCharsets.US_ASCII);
	}
}
