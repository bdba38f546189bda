package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/**
 * docs/commands.md holds the reference {@link CommandReference} generates from the commands' metadata. With
 * {@code -Dastrobridge.regenerateDocs=true} the test rewrites the file instead of failing.
 */
class CommandReferenceTest {

	@Test
	void committedReferenceIsCurrent() throws Exception {
		String committed = Files.readString(CommandReference.FILE, StandardCharsets.UTF_8);
		String current = CommandReference.regenerate(committed);
		if (current.equals(committed)) return;
		if (Boolean.getBoolean("astrobridge.regenerateDocs")) {
			Files.writeString(CommandReference.FILE, current, StandardCharsets.UTF_8);
			return;
		}
		fail(CommandReference.FILE + " differs from the commands' @Parameter metadata (first difference at line " +
			firstDifferentLine(committed, current) + "); run\n  " + CommandReference.REGENERATE + "\nand commit the file");
	}

	@Test
	void referenceCoversEveryCommandAndOption() {
		String reference = CommandReference.reference();
		for (CommandRegistry.Entry entry : CommandRegistry.entries()) {
			assertTrue(reference.contains("\n### " + entry.label() + "\n"), entry.label());
			assertTrue(reference.contains("`bin/astrobridge " + entry.cliName() + " "), entry.cliName());
			CommandRunner.userInputs(entry).forEach(item -> assertTrue(reference.contains("| `" + item.getName() + "` |"),
				entry.label() + ": " + item.getName()));
		}
		// a choice list, a default and a range as the annotations give them
		assertTrue(reference.contains("| `stretch` | Stretch | text | `zscale` | `zscale`, `asinh`, `minmax` |"),
			reference);
		assertTrue(reference.contains("| `deblend` | Deblending levels | int | `32` | &ge; 1, &le; 256 |"), reference);
	}

	private static int firstDifferentLine(String a, String b) {
		String[] x = a.split("\n", -1), y = b.split("\n", -1);
		for (int i = 0; i < Math.min(x.length, y.length); i++)
			if (!x[i].equals(y[i])) return i + 1;
		return Math.min(x.length, y.length) + 1;
	}
}
