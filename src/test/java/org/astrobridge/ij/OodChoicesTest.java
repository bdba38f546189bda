package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.List;

import org.astrobridge.ood.OodScorers;
import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

/** The dialogs offer exactly the registered OOD scores: a score added to the registry must be added to the choices. */
class OodChoicesTest {

	/** The choices of the {@code ood} parameter, declared on the command or a class it extends. */
	static List<String> oodChoices(Class<?> command) {
		for (Class<?> c = command; c != null; c = c.getSuperclass()) {
			for (Field f : c.getDeclaredFields())
				if (f.getName().equals("ood") && f.isAnnotationPresent(Parameter.class)) return List.of(f.getAnnotation(Parameter.class).choices());
		}
		throw new AssertionError(command.getSimpleName() + " has no ood parameter");
	}

	@Test
	void classifyCommandsOfferEveryRegisteredScore() {
		assertEquals(OodScorers.names(), oodChoices(ClassifyObjectsCommand.class));
		assertEquals(OodScorers.names(), oodChoices(ClassifyFolderCommand.class));
	}
}
