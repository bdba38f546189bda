package org.astrobridge.ij;

import java.io.File;

import ij.IJ;

import org.scijava.app.StatusService;
import org.scijava.log.LogService;

/**
 * Where a command's messages and progress go: SciJava's LogService and StatusService when the command runs in a SciJava
 * context (Fiji, a script, {@code CommandService}); ImageJ 1.x's Log window (standard output when headless) and
 * progress bar in plain ImageJ and the headless runner, where the services are not injected.
 */
final class CommandMessages {

	private final LogService log;
	private final StatusService status;

	CommandMessages(LogService log, StatusService status) {
		this.log = log;
		this.status = status;
	}

	void info(String line) {
		if (log != null) {
			log.info(line);
		}
		else {
			IJ.log(line);
		}
	}

	void warn(String line) {
		if (log != null) {
			log.warn(line);
		}
		else {
			IJ.log(line);
		}
	}

	IjProgress progress(String task) {
		return new IjProgress(task, status);
	}

	/** The value of an option that may come under its deprecated old name (logging a deprecation line if so). */
	File renamed(String command, String oldName, File oldValue, String newName, File newValue) {
		if (StampInput.orNull(oldValue) == null) {
			return newValue;
		}
		if (StampInput.orNull(newValue) != null && !newValue.equals(oldValue)) {
			throw new CommandException(command + ": '" + newName + "' and its deprecated old name '" + oldName +
				"' give different values; give '" + newName + "' only");
		}
		warn(command + ": option '" + oldName + "' is deprecated; use '" + newName + "=" + oldValue + "'");
		return oldValue;
	}
}
