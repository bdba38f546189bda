package org.astrobridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every relative link in README.md and docs/ points at a file that exists, and at a heading that exists in it. */
class DocsLinksTest {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(#[^)\\s]+)?\\)");
	private static final Pattern HEADING = Pattern.compile("#+ (.*)");

	@Test
	void linksResolve() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		List<String> broken = new ArrayList<>();
		for (Path page : pages) {
			Matcher m = LINK.matcher(Files.readString(page));
			while (m.find()) {
				String path = m.group(1);
				if (path.startsWith("http")) continue;
				Path target = path.isEmpty() ? page : page.resolveSibling(path).normalize();
				if (!Files.exists(target)) {
					broken.add(page + ": " + m.group());
				}
				else if (m.group(2) != null && target.toString().endsWith(".md") && !anchors(target).contains(m.group(2)
					.substring(1)))
				{
					broken.add(page + ": " + m.group() + " (no such heading)");
				}
			}
		}
		assertTrue(broken.isEmpty(), "broken links: " + broken);
	}

	/** GitHub's heading anchors: lower case, punctuation dropped, spaces as '-', repeats numbered. */
	private static Set<String> anchors(Path page) throws IOException {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : Files.readAllLines(page)) {
			Matcher h = HEADING.matcher(line);
			if (!h.matches()) continue;
			String a = h.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
			int n = seen.merge(a, 1, Integer::sum) - 1;
			anchors.add(n == 0 ? a : a + "-" + n);
		}
		return anchors;
	}
}
