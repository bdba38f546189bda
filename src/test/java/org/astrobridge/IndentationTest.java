package org.astrobridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One indentation style for the Java sources, as SciJava projects use: tabs, with at most three spaces after them
 * (javadoc asterisks, aligned continuations). Text blocks are left as written, since their indentation is content.
 */
class IndentationTest {

	@Test
	void javaSourcesAreIndentedWithTabs() throws IOException {
		List<String> offenders = new ArrayList<>();
		for (String root : new String[] { "src/main/java", "src/test/java" }) {
			try (Stream<Path> files = Files.walk(Path.of(root))) {
				for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
					boolean textBlock = false;
					int n = 0;
					for (String line : Files.readAllLines(f)) {
						n++;
						if (!textBlock && line.matches("\t* {4,}\\S.*")) offenders.add(f + ":" + n);
						if (line.split("\"\"\"", -1).length % 2 == 0) textBlock = !textBlock;
					}
				}
			}
		}
		assertTrue(offenders.isEmpty(), "indented with spaces instead of tabs: " + offenders.subList(0, Math.min(20,
			offenders.size())) + (offenders.size() > 20 ? " and " + (offenders.size() - 20) + " more" : ""));
	}
}
