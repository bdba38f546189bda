package org.astrobridge.ij;

import ij.IJ;

import org.scijava.app.StatusService;
import org.scijava.log.LogService;

/**
 * Where a command's messages and progress go: SciJava's LogService and StatusService when the command runs in a
 * SciJava context (Fiji, a script, {@code CommandService}); ImageJ 1.x's Log window (standard output when headless)
 * and progress bar in plain ImageJ and the headless runner, where the services are not injected.
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
        } else {
            IJ.log(line);
        }
    }

    void warn(String line) {
        if (log != null) {
            log.warn(line);
        } else {
            IJ.log(line);
        }
    }

    IjProgress progress(String task) {
        return new IjProgress(task, status);
    }

    /** The deprecation line for an option given under its old name; the value is used as the new one. */
    static java.io.File renamed(CommandMessages messages, String command, String oldName, java.io.File oldValue,
            String newName, java.io.File newValue) {
        if (StampInput.orNull(oldValue) == null) {
            return newValue;
        }
        if (StampInput.orNull(newValue) != null && !newValue.equals(oldValue)) {
            throw new CommandException(command + ": give the output folder once: '" + newName + "' (the old name '"
                + oldName + "' is deprecated)");
        }
        messages.warn(command + ": option '" + oldName + "' is deprecated; use '" + newName + "=" + oldValue + "'");
        return oldValue;
    }
}
