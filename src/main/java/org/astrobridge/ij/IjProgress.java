package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;

import ij.IJ;

import org.astrobridge.util.Progress;
import org.scijava.app.StatusService;

/**
 * Shows an engine's progress in Fiji's progress bar and status line, or, headless, as one line on standard error per
 * new message (so a cluster log gets a line per epoch, not a line per stamp). Escape cancels in the GUI. With a SciJava
 * StatusService (Fiji, scripts) the bar and status go through it.
 */
public final class IjProgress implements Progress {

	private final String task;
	private final StatusService status;
	private final boolean headless = GraphicsEnvironment.isHeadless();
	private String lastMessage;
	private int lastDecile = -1;

	public IjProgress(String task) {
		this(task, null);
	}

	/** Progress through {@code status} when not null (SciJava context), else ImageJ 1.x's bar. */
	public IjProgress(String task, StatusService status) {
		this.task = task;
		this.status = status;
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
		double f = Math.min(1.0, Math.max(0.0, fraction));
		if (status != null) {
			status.showProgress((int) Math.round(1000 * f), 1000);
			if (message != null) status.showStatus(task + ": " + message);
			return;
		}
		IJ.showProgress(f);
		if (message != null) IJ.showStatus(task + ": " + message);
	}

	@Override
	public boolean isCancelled() {
		return !headless && IJ.escapePressed();
	}

	/** Clears the bar and status line when the task ends, whatever the outcome. */
	public void done() {
		if (headless) return;
		if (status != null) {
			status.clearStatus();
			return;
		}
		IJ.showProgress(1.0);
		IJ.showStatus("");
	}
}
