package org.astrobridge.ij;

/**
 * Group headings of the commands' dialogs. A heading is a SciJava message item (visibility MESSAGE): Fiji's dialog
 * shows its HTML value as a bold line, and the plain-ImageJ dialog of {@link MacroCommandBridge} shows its text as a
 * bold message. Neither macro options nor the command line see message items.
 */
final class DialogGroups {

	private static final String PREFIX = "<html><b>";

	private DialogGroups() {}

	static String heading(String title) {
		return PREFIX + title + "</b>";
	}

	/** The plain text of a heading made by {@link #heading}. */
	static String text(Object heading) {
		return heading == null ? "" : heading.toString().replaceAll("<[^>]*>", "").trim();
	}
}
