package org.astrobridge.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import uk.ac.starlink.fits.CardFactory;
import uk.ac.starlink.fits.CardImage;
import uk.ac.starlink.fits.FitsTableWriter;

/**
 * Writes a catalogue as a FITS file through STIL: an empty primary HDU and one BINTABLE extension named
 * {@value #EXTNAME}, a column per catalogue column (double -> D, int -> J, string -> nA) with TUNITn, TCOMMn
 * (description) and TUCDn. NaN doubles are IEEE NaN (what astropy and TOPCAT read as missing). The catalogue's
 * provenance ({@link Provenance#KEYS}) is written as header keywords of the table, values longer than a card as
 * CONTINUE cards (OGIP long-string convention); the line saying why the image's WCS was refused as COMMENT cards.
 */
public final class FitsCatalogWriter {

	public static final String EXTNAME = "CATALOG";

	private FitsCatalogWriter() {}

	/** Writes completely or not at all; refuses to write over any of {@code inputs}. */
	public static void write(Catalog catalog, Path out, Path... inputs) throws IOException {
		CatalogFiles.write(catalog, out, CatalogFormat.FITS, inputs);
	}

	/** Reads a catalogue back from the first table of a FITS file (through STIL: units, descriptions, UCDs kept). */
	public static Catalog read(Path file) throws IOException {
		return CatalogFiles.read(file, CatalogFormat.FITS);
	}

	/** STIL's FITS writer with the catalogue's metadata as header cards of the table HDU. */
	static FitsTableWriter writerFor(Catalog catalog) {
		FitsTableWriter w = new FitsTableWriter() {

			@Override
			protected List<CardImage> getMetadataCards() {
				List<CardImage> cards = new ArrayList<>(super.getMetadataCards());
				cards.addAll(metadataCards(catalog.metadata()));
				return cards;
			}
		};
		// DATE from the catalogue's provenance, not a second date of our own
		w.setWriteDate(false);
		return w;
	}

	static List<CardImage> metadataCards(Map<String, String> metadata) {
		CardFactory f = CardFactory.DEFAULT;
		List<CardImage> cards = new ArrayList<>();
		boolean longStrings = false;
		for (Provenance.Key k : Provenance.KEYS) {
			String v = metadata.get(k.name());
			if (v != null) {
				List<CardImage> c = stringCards(k.fitsKeyword(), v, k.description());
				longStrings |= c.size() > 1;
				cards.addAll(c);
			}
		}
		if (longStrings) {
			cards.add(0, f.createStringCard("LONGSTRN", "OGIP 1.0", "CONTINUE cards hold long strings"));
		}
		for (Map.Entry<String, String> e : metadata.entrySet()) {
			if (Provenance.byName(e.getKey()).isEmpty() && !e.getKey().equals(Catalog.WCS_WARNING)) {
				// metadata without a keyword of its own still reaches the reader of the header
				cards.addAll(commentCards(e.getKey() + ": " + e.getValue()));
			}
		}
		String warning = metadata.get(Catalog.WCS_WARNING);
		if (warning != null) {
			cards.addAll(commentCards(warning));
		}
		return cards;
	}

	/** One card when the value fits, else the value split over CONTINUE cards ('&' ends each unfinished part). */
	static List<CardImage> stringCards(String key, String value, String comment) {
		CardFactory f = CardFactory.DEFAULT;
		String v = ascii(value);
		String quoted = v.replace("'", "''");
		if (quoted.length() <= 68) {
			return List.of(f.createStringCard(key, v, quoted.length() + comment.length() < 60 ? comment : null));
		}
		List<CardImage> cards = new ArrayList<>();
		String prefix = String.format("%-8s= '", key);
		int i = 0;
		while (i < quoted.length()) {
			int room = 80 - prefix.length() - 2; // closing quote and '&'
			int end = Math.min(quoted.length(), i + room);
			// never split a doubled quote
			if (end < quoted.length() && end > i + 1 && quoted.charAt(end - 1) == '\'' && !evenQuotesBefore(quoted, i, end)) {
				end--;
			}
			boolean last = end == quoted.length();
			cards.add(f.createPlainCard(prefix + quoted.substring(i, end) + (last ? "'" : "&'")));
			prefix = "CONTINUE  '";
			i = end;
		}
		return cards;
	}

	private static boolean evenQuotesBefore(String s, int from, int end) {
		int n = 0;
		for (int j = end - 1; j >= from && s.charAt(j) == '\''; j--) {
			n++;
		}
		return n % 2 == 0;
	}

	private static List<CardImage> commentCards(String text) {
		List<CardImage> cards = new ArrayList<>();
		String t = ascii(text);
		for (int i = 0; i < t.length(); i += 72) {
			cards.add(CardFactory.DEFAULT.createCommentCard(t.substring(i, Math.min(t.length(), i + 72))));
		}
		return cards;
	}

	/** Header text is printable ASCII: anything else becomes '?', line ends spaces. */
	private static String ascii(String s) {
		StringBuilder b = new StringBuilder(s.length());
		for (char ch : s.replaceAll("[\r\n]+", " ").toCharArray()) {
			b.append(ch >= 32 && ch < 127 ? ch : '?');
		}
		return b.toString();
	}
}
