package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.astrobridge.ood.OodScorers;
import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

/**
 * The commands offer exactly the registered OOD scores, in the registry's order: in the command metadata that Fiji's
 * dialog, the plain-ImageJ dialog ({@link CommandDialog}) and {@code --help} read, and in the macro and command-line
 * runner ({@link CommandRunner}), which accepts each registered name and refuses others with the list.
 */
class OodChoicesTest {

	private static final List<CommandRegistry.Entry> CLASSIFY = List.of(CommandRegistry.byCliName("classify")
		.orElseThrow(), CommandRegistry.byCliName("classify-folder").orElseThrow());

	private static ModuleItem<?> oodItem(CommandRegistry.Entry entry) {
		return new CommandInfo(entry.commandClass()).getInput("ood");
	}

	@Test
	void commandMetadataOffersEveryRegisteredScore() {
		for (CommandRegistry.Entry entry : CLASSIFY) {
			assertEquals(OodScorers.names(), oodItem(entry).getChoices(), entry.label());
			Map<String, String> noOod = options(entry, "");
			noOod.remove("ood");
			assertEquals(OodScorers.MAHALANOBIS, CommandRunner.prepare(entry, noOod).getInput("ood"), "default of " + entry
				.label());
		}
	}

	@Test
	void runnerAcceptsEveryRegisteredScoreAndRefusesOthers() {
		for (CommandRegistry.Entry entry : CLASSIFY) {
			for (String name : OodScorers.names()) {
				assertEquals(name, CommandRunner.prepare(entry, options(entry, name)).getInput("ood"), entry.label());
			}
			CommandException e = assertThrows(CommandException.class, () -> CommandRunner.prepare(entry, options(entry,
				"isolation-forest")));
			assertTrue(e.getMessage().endsWith("option ood=isolation-forest is not one of " + OodScorers.names()), e
				.getMessage());
		}
	}

	private static Map<String, String> options(CommandRegistry.Entry entry, String ood) {
		Map<String, String> o = new LinkedHashMap<>();
		o.put("model", "m.zip");
		if (entry.cliName().equals("classify-folder")) o.put("folder", "in");
		o.put("ood", ood);
		return o;
	}
}
