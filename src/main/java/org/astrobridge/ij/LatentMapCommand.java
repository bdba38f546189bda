package org.astrobridge.ij;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.gui.Plot;

import org.astrobridge.latent.LatentMap;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.robust.ChartImage;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** PCA map of the latent vectors of source and target stamps, for one model or two side by side. */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Latent Map...", headless = true,
	description = "2-D PCA map of a model's latent space for source and target stamps, coloured by class, marked by domain (PNG, CSV)")
public class LatentMapCommand implements Command {

	@Parameter(label = "Models", attrs = @Attr(name = "chooser", value = "models"),
		description = "one or two model packages (folder or .zip) separated by ','")
	private String models;

	@Parameter(label = "Source stamps", attrs = @Attr(name = CommandDialog.CURRENT_IMAGE),
		description = "FITS stamp stack, folder per class, or the title of an open image stack")
	private File source;

	@Parameter(label = "Source labels", required = false,
		description = "CSV or FITS label table; empty = the stack's LABELS table")
	private File sourcelabels;

	@Parameter(label = "Target stamps", required = false,
		description = "second domain (FITS stamp stack or folder); empty = source only")
	private File target;

	@Parameter(label = "Target labels", required = false,
		description = "CSV or FITS label table; empty = the stack's LABELS table if any")
	private File targetlabels;

	@Parameter(label = "Method", choices = { "pca" }, description = "embedding (PCA: first two principal components)")
	private String method = "pca";

	@Parameter(label = "Seed", description = "seed of the PCA start vectors")
	private long seed = 1;

	@Parameter(label = "Output folder", style = "directory", required = false,
		description = "folder for latent-map.csv and latent-map.png (required headless; in the GUI empty = only the plot)")
	private File output;

	@Parameter(label = "Threads", min = "0", description = "TensorFlow threads (0 = all processors)")
	private int threads = 0;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, description = "where to run the models")
	private String device = "auto";

	@Parameter(required = false)
	private LogService log;

	@Parameter(type = ItemIO.OUTPUT, label = "Files written",
		description = "latent-map.csv and latent-map.png, one per line; empty without an output folder")
	private String files;

	@Parameter(type = ItemIO.OUTPUT, label = "Explained variance",
		description = "share of the first model's latent variance in the two components")
	private double explained;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, null);
		boolean headless = GraphicsEnvironment.isHeadless();
		if (headless && StampInput.orNull(output) == null) throw new CommandException(
			"latent map: no output folder given (needed when headless)");
		if (!"pca".equalsIgnoreCase(method)) throw new CommandException("latent map: unknown method '" + method +
			"' (known: pca)");
		StampSet src = StampInput.load("source stamps", source, StampInput.orNull(sourcelabels), null).stamps();
		StampSet tgt = StampInput.orNull(target) == null ? null : StampInput.load("target stamps", target, StampInput
			.orNull(targetlabels), null).stamps();
		try (ModelSet set = ModelSet.open(models, new SessionSettings(threads, device))) {
			StampSet s = relabelOrKeep(set, src, "source stamps " + source, messages);
			StampSet t = tgt == null ? null : relabelOrKeep(set, tgt, "target stamps " + target, messages);
			String srcName = s.domain() == null ? "source" : s.domain();
			String tgtName = t == null ? null : t.domain() == null || t.domain().equals(srcName) ? "target" : t.domain();
			List<LatentMap.Embedding> maps = new ArrayList<>();
			for (int m = 0; m < set.predictors.size(); m++) {
				List<LatentMap.Group> groups = new ArrayList<>();
				groups.add(new LatentMap.Group(srcName, set.predictors.get(m).predict(s), s.labels()));
				if (t != null) groups.add(new LatentMap.Group(tgtName, set.predictors.get(m).predict(t), t.labels()));
				maps.add(LatentMap.pca(set.names.get(m), set.classNames(), groups, seed));
			}
			for (LatentMap.Embedding e : maps)
				messages.info(String.format(Locale.ROOT, "explained_variance[%s]=%.4f", e.model(), e.explainedShare()));
			explained = maps.get(0).explainedShare();
			files = "";
			if (StampInput.orNull(output) != null) {
				List<Path> written = LatentMap.write(maps, output.toPath(), "latent-map");
				messages.info("latent_map=" + written.get(1));
				files = String.join("\n", written.stream().map(Path::toString).toList());
			}
			if (!headless) for (LatentMap.Embedding e : maps)
				plot(e).show();
		}
		catch (IOException | IllegalArgumentException e) {
			throw new CommandException(e.getMessage(), e);
		}
	}

	/**
	 * Labelled sets are mapped onto the models' classes; a set whose classes the models do not know is shown unlabelled.
	 */
	private static StampSet relabelOrKeep(ModelSet set, StampSet stamps, String what, CommandMessages messages) {
		try {
			return set.relabel(stamps, what);
		}
		catch (CommandException e) {
			messages.warn("AstroBridge latent map: " + e.getMessage() + "; coloured by predicted class");
			return new StampSet(stamps.count(), stamps.height(), stamps.width(), stamps.bands(), stamps.pixels(), null, null,
				stamps.domain(), stamps.provenance());
		}
	}

	private static Plot plot(LatentMap.Embedding e) {
		Plot plot = new Plot("Latent map " + e.model(), "PC1", "PC2");
		StringBuilder legend = new StringBuilder();
		List<String> domains = java.util.Arrays.stream(e.domain()).distinct().toList();
		for (int d = 0; d < domains.size(); d++)
			for (int c = 0; c < e.classNames().length; c++) {
				List<Integer> rows = new ArrayList<>();
				for (int r = 0; r < e.count(); r++)
					if (e.domain()[r].equals(domains.get(d)) && (e.label()[r] >= 0 ? e.label()[r] : e.predicted()[r]) == c) rows
						.add(r);
				if (rows.isEmpty()) continue;
				plot.setColor(ChartImage.PALETTE[c % ChartImage.PALETTE.length]);
				plot.addPoints(rows.stream().mapToDouble(r -> e.x()[r]).toArray(), rows.stream().mapToDouble(r -> e.y()[r])
					.toArray(), d == 0 ? Plot.CIRCLE : Plot.X);
				legend.append(legend.length() == 0 ? "" : "\n").append(domains.get(d)).append(": ").append(e.classNames()[c]);
			}
		plot.setColor(java.awt.Color.BLACK);
		plot.addLegend(legend.toString());
		return plot;
	}
}
