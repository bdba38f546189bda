package org.astrobridge.ij;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Plot;
import ij.gui.PlotWindow;

import org.astrobridge.nn.EpochReport;

/** A live plot of loss and accuracies per epoch; does nothing headless. */
final class TrainingPlot {

	private final List<EpochReport> reports = new ArrayList<>();
	private PlotWindow window;

	void add(EpochReport r) {
		reports.add(r);
		if (GraphicsEnvironment.isHeadless()) return;
		int n = reports.size();
		double[] x = new double[n], loss = new double[n], src = new double[n], val = new double[n], tgt = new double[n];
		for (int i = 0; i < n; i++) {
			EpochReport e = reports.get(i);
			x[i] = e.epoch();
			loss[i] = e.loss();
			src[i] = e.sourceAccuracy();
			val[i] = e.validationAccuracy();
			tgt[i] = e.targetAccuracy();
		}
		Plot plot = new Plot("AstroBridge training", "epoch", "loss / accuracy");
		plot.setColor(Color.RED);
		plot.addPoints(x, loss, Plot.LINE);
		plot.setColor(Color.BLUE);
		plot.addPoints(x, src, Plot.LINE);
		plot.setColor(new Color(0, 140, 0));
		plot.addPoints(x, val, Plot.LINE);
		String legend = "loss\nsource accuracy\nvalidation accuracy";
		if (!Double.isNaN(tgt[n - 1])) {
			plot.setColor(Color.MAGENTA);
			plot.addPoints(x, tgt, Plot.LINE);
			legend += "\ntarget accuracy (reported only)";
		}
		plot.setLimitsToFit(false);
		plot.addLegend(legend);
		if (window == null || window.isClosed()) window = plot.show();
		else window.drawPlot(plot);
	}
}
