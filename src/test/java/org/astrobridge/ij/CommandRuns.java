package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.prefs.PrefService;

/** Runs a command through SciJava's CommandService as Fiji does, for tests. */
final class CommandRuns {

	private CommandRuns() {}

	/** Runs {@code command} with the given key, value pairs; fails the test if it was cancelled. */
	static CommandModule run(Context context, Class<? extends Command> command, Object... keyValues) throws Exception {
		Map<String, Object> inputs = new HashMap<>();
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		// SciJava remembers each run's inputs and fills omitted ones from them: start each run from the defaults
		context.service(PrefService.class).clear(command);
		CommandModule m = context.service(CommandService.class).run(command, true, inputs).get();
		context.service(PrefService.class).clear(command);
		assertFalse(m.isCanceled(), command.getSimpleName() + " was cancelled: " + m.getCancelReason());
		return m;
	}
}
