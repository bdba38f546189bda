package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MacroOptionsTest {

	@Test
	void parsesPlainBracketedAndBareKeys() {
		Map<String, String> m = MacroOptions.parse("path=[/data/my file.fits] hdu=SCI,2 headless  n=5");
		assertEquals("/data/my file.fits", m.get("path"));
		assertEquals("SCI,2", m.get("hdu"));
		assertEquals("true", m.get("headless"));
		assertEquals("5", m.get("n"));
		assertEquals(4, m.size());
	}

	@Test
	void emptyAndNullGiveNoOptions() {
		assertEquals(0, MacroOptions.parse(null).size());
		assertEquals(0, MacroOptions.parse("   ").size());
		assertEquals("", MacroOptions.parse("hdu=[]").get("hdu"));
	}

	@Test
	void unclosedBracketIsAnError() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("path=[a b"));
		assertEquals(true, e.getMessage().contains("path"));
	}

	@Test
	void formatRoundTrips() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("path", "/a b/c.fits");
		m.put("hdu", "1");
		m.put("name", "");
		assertEquals("path=[/a b/c.fits] hdu=1 name=[]", MacroOptions.format(m));
		assertEquals(m, MacroOptions.parse(MacroOptions.format(m)));
	}

	@Test
	void moreAddsItsPairsButRefusesAKeyThatIsAFieldOfItsOwn() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("epochs", "30");
		MacroOptions.addMore(options, "dann-weight=0.3 network=[resnet]");
		assertEquals(Map.of("epochs", "30", "dann-weight", "0.3", "network", "resnet"), options);
		CommandException e = assertThrows(CommandException.class, () -> MacroOptions.addMore(options, "epochs=5"));
		assertEquals("option 'epochs' is a field of its own; do not repeat it in 'more'", e.getMessage());
		assertEquals("30", options.get("epochs"));
	}
}
