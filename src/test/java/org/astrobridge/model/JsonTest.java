package org.astrobridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

	@Test
	void roundTripKeepsValues() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", "a \"quoted\"\nline \\ ü");
		m.put("n", 42);
		m.put("x", 0.125);
		m.put("big", 1e-7);
		m.put("nan", Double.NaN);
		m.put("ok", true);
		m.put("none", null);
		m.put("floats", new float[] { 1.5f, -2f });
		m.put("nested", List.of(Map.of("k", 1), List.of()));
		@SuppressWarnings("unchecked")
		Map<String, Object> back = (Map<String, Object>) Json.parse(Json.write(m));
		assertEquals(m.get("name"), back.get("name"));
		assertEquals(42L, back.get("n"));
		assertEquals(0.125, back.get("x"));
		assertEquals(1e-7, back.get("big"));
		assertNull(back.get("nan"));
		assertEquals(true, back.get("ok"));
		assertTrue(back.containsKey("none"));
		assertEquals(List.of(1.5, -2.0), back.get("floats"));
		assertEquals(List.of(Map.of("k", 1L), List.of()), back.get("nested"));
	}

	@Test
	void syntaxErrorsNameThePosition() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2"));
		assertTrue(e.getMessage().contains("invalid JSON at character"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
	}
}
