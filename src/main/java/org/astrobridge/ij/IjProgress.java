package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;

import ij.IJ;

import org.astrobridge.util.Progress;

/**
 * Shows an engine's progress in Fiji's progress bar and status line, or, headless, as one line on
 * standard error per new message (so a cluster log gets a line per epoch, not a line per stamp).
 * Escape cancels in the GUI.
 */
public final class IjProgress implements Progress {

	private final String task;
	private final boolean headless = GraphicsEnvironment.isHeadless();
	private String lastMessage;
	private int lastDecile = -1;

	public IjProgress(String task) {
		this.task = task;
	}

	@Override
	public void update(double fraction, String message) {
		if (headless) {
			int decile = (int) Math.floor(fraction * 10);
			boolean newMessage = message != null && !message.equals(lastMessage);
			if (newMessage || decile > lastDecile) {
				System.err.printf("[%s] %3.0f%% %s%n", task, 100 * fraction, message == null ? "" : message);
				System.err.flush();
			}
			lastDecile = Math.max(lastDecile, decile);
			if (message != null) lastMessage = message;
			return;
		}
		IJ.showProgress(Math.min(1.0, Math.max(0.0, fraction)));
		if (message != null) IJ.showStatus(task + ": " + message);
	}

	@Override
	public boolean isCancelled() {
		return !headless && IJ.escapePressed();
	}

	/** Clears the bar and status line when the task ends, whatever the outcome. */
	public void done() {
		if (!headless) {
			IJ.showProgress(1.0);
			IJ.showStatus("");
		}
	}
}
