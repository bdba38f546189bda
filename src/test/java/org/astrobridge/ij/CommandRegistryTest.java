package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.scijava.module.ModuleItem;

class CommandRegistryTest {

	private static final Pattern CONFIG_LINE = Pattern.compile(
		"^(.+?),\\s*\"(.+)\",\\s*org\\.astrobridge\\.ij\\.MacroCommandBridge\\(\"(.+)\"\\)$");

	@Test
	void pluginsConfigListsExactlyTheRegisteredCommands() throws IOException {
		Set<String> fromConfig = new HashSet<>();
		try (InputStream in = getClass().getResourceAsStream("/plugins.config")) {
			assertNotNull(in, "plugins.config is packaged");
			for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().collect(
				Collectors.toList()))
			{
				if (line.isBlank() || line.startsWith("#")) continue;
				Matcher m = CONFIG_LINE.matcher(line.trim());
				assertTrue(m.matches(), "malformed plugins.config line: " + line);
				CommandRegistry.Entry e = CommandRegistry.byCliName(m.group(3)).orElseThrow();
				assertEquals(e.label(), m.group(2), "label of " + e.cliName());
				String menu = e.menuPath();
				assertEquals(menu.substring(0, menu.lastIndexOf('>')), m.group(1), "menu of " + e.cliName());
				fromConfig.add(e.cliName());
			}
		}
		Set<String> registered = CommandRegistry.entries().stream().map(CommandRegistry.Entry::cliName).collect(Collectors
			.toSet());
		assertEquals(registered, fromConfig);
	}

	@Test
	void everyCommandIsUnderTheAstroBridgeMenuWithDocumentedOptions() {
		Set<String> labels = new HashSet<>();
		for (CommandRegistry.Entry e : CommandRegistry.entries()) {
			assertTrue(e.menuPath().startsWith("Plugins>AstroBridge>"), e.menuPath());
			assertTrue(labels.add(e.label()), "duplicate label " + e.label());
			assertFalse(e.description().isEmpty(), e.cliName() + " has a description");
			List<ModuleItem<?>> inputs = CommandRunner.userInputs(e);
			for (ModuleItem<?> item : inputs) {
				assertNotNull(item.getDescription(), e.cliName() + "." + item.getName() + " has a description");
				assertFalse(item.getDescription().isEmpty(), e.cliName() + "." + item.getName() + " has a description");
			}
		}
	}
}
