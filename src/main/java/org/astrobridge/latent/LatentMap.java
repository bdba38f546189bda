package org.astrobridge.latent;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.astrobridge.nn.Prediction;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CsvCatalogWriter;
import org.astrobridge.robust.ChartImage;
import org.astrobridge.util.AtomicFiles;

/**
 * A 2-D map of a model's latent space: the latent vectors of the source and target stamps together are projected on
 * their first two principal components (one PCA per model, fitted on both domains at once so that the gap between them
 * shows). Each point keeps its domain, its true class (-1 when unlabelled) and the model's predicted class; the picture
 * colours points by class (the true one when known, else the predicted one) and marks the domain by shape (first domain
 * filled circles, second crosses).
 */
public final class LatentMap {

	/** One group of stamps seen by the model: a domain name, its latent vectors (from a Prediction) and labels. */
	public record Group(String domain, Prediction prediction, int[] labels) {
		public Group {
			if (labels != null && labels.length != prediction.count())
				throw new IllegalArgumentException(labels.length + " labels for " + prediction.count() + " stamps of domain " + domain);
		}
	}

	/** The map of one model: point r has coordinates (x[r], y[r]). */
	public record Embedding(String model, String[] classNames, double[] x, double[] y, String[] domain, int[] index, int[] label, int[] predicted,
			double[] componentVariance, double totalVariance) {

		public int count() {
			return x.length;
		}

		/** Share of the latent variance that the two plotted components hold. */
		public double explainedShare() {
			return totalVariance > 0 ? (componentVariance[0] + componentVariance[1]) / totalVariance : Double.NaN;
		}
	}

	private LatentMap() {}

	public static Embedding pca(String model, String[] classNames, List<Group> groups, long seed) {
		if (groups.isEmpty()) throw new IllegalArgumentException("latent map: no stamps");
		int d = groups.get(0).prediction().latentDim(), n = 0;
		for (Group g : groups) {
			if (g.prediction().latentDim() != d) throw new IllegalArgumentException(
				"latent map: groups of different latent dimension");
			n += g.prediction().count();
		}
		if (d < 2) throw new IllegalArgumentException("latent map: the latent space has " + d +
			" dimension(s); a map needs 2");
		float[] all = new float[n * d];
		String[] domain = new String[n];
		int[] index = new int[n], label = new int[n], predicted = new int[n];
		int r = 0;
		for (Group g : groups) {
			Prediction p = g.prediction();
			System.arraycopy(p.latents(), 0, all, r * d, p.count() * d);
			for (int k = 0; k < p.count(); k++, r++) {
				domain[r] = g.domain();
				index[r] = k;
				label[r] = g.labels() == null ? -1 : g.labels()[k];
				predicted[r] = p.predictedClass(k);
			}
		}
		Pca pca = Pca.fit(all, n, d, 2, seed);
		double[][] xy = pca.project(all, n);
		double[] x = new double[n], y = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = xy[i][0];
			y[i] = xy[i][1];
		}
		return new Embedding(model, classNames.clone(), x, y, domain, index, label, predicted, pca.variances(),
			totalVariance(all, n, d));
	}

	private static double totalVariance(float[] x, int n, int d) {
		double total = 0;
		for (int i = 0; i < d; i++) {
			double s = 0, s2 = 0;
			for (int r = 0; r < n; r++) {
				double v = x[r * d + i];
				s += v;
				s2 += v * v;
			}
			total += (s2 - s * s / n) / Math.max(1, n - 1);
		}
		return total;
	}

	/** One chart per model: colour = class, shape = domain. */
	public static ChartImage chart(Embedding e) {
		ChartImage chart = new ChartImage(e.model() + String.format(java.util.Locale.ROOT, " (PCA, %.0f %% of variance)",
			100 * e.explainedShare()), "PC1", "PC2");
		Set<String> domains = new LinkedHashSet<>(List.of(e.domain()));
		int di = 0;
		for (String dom : domains) {
			for (int c = 0; c < e.classNames().length; c++) {
				List<Integer> rows = new ArrayList<>();
				for (int r = 0; r < e.count(); r++)
					if (e.domain()[r].equals(dom) && (e.label()[r] >= 0 ? e.label()[r] : e.predicted()[r]) == c) rows.add(r);
				if (rows.isEmpty()) continue;
				boolean predictedOnly = rows.stream().allMatch(r -> e.label()[r] < 0);
				double[] x = rows.stream().mapToDouble(r -> e.x()[r]).toArray(), y = rows.stream().mapToDouble(r -> e.y()[r])
					.toArray();
				chart.points(dom + ": " + e.classNames()[c] + (predictedOnly ? " (predicted)" : ""), x, y,
					ChartImage.PALETTE[c % ChartImage.PALETTE.length], di == 0 ? ChartImage.Marker.CIRCLE : di == 1
						? ChartImage.Marker.CROSS : ChartImage.Marker.TRIANGLE, di == 0);
			}
			di++;
		}
		return chart;
	}

	/** The maps of one or more models side by side. */
	public static BufferedImage render(List<Embedding> maps, int panelWidth, int panelHeight) {
		BufferedImage img = new BufferedImage(panelWidth * maps.size(), panelHeight, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, img.getWidth(), img.getHeight());
			for (int m = 0; m < maps.size(); m++)
				g.drawImage(chart(maps.get(m)).render(panelWidth, panelHeight), m * panelWidth, 0, null);
		}
		finally {
			g.dispose();
		}
		return img;
	}

	/** The coordinates of every model's map (columns model, domain, index, label, predicted, x, y). */
	public static Catalog table(List<Embedding> maps) {
		Catalog c = new Catalog().addString("model", "model name").addString("domain", "domain of the stamp").addInt(
			"index", "", "stamp index within its domain's stack").addString("label", "true class (empty when unlabelled)")
			.addString("predicted", "class predicted by the model").addDouble("x", "", "first principal component").addDouble(
				"y", "", "second principal component");
		for (Embedding e : maps)
			for (int r = 0; r < e.count(); r++)
				c.addRow(e.model(), e.domain()[r], e.index()[r], e.label()[r] < 0 ? "" : e.classNames()[e.label()[r]], e
					.classNames()[e.predicted()[r]], e.x()[r], e.y()[r]);
		return c;
	}

	/** Writes {@code <name>.csv} and {@code <name>.png} into the folder, each completely or not at all. */
	public static List<Path> write(List<Embedding> maps, Path folder, String name) throws IOException {
		Path csv = folder.resolve(name + ".csv"), png = folder.resolve(name + ".png");
		Files.createDirectories(folder);
		CsvCatalogWriter.write(table(maps), csv);
		byte[] bytes = ChartImage.png(render(maps, 560, 480));
		AtomicFiles.write(png, tmp -> Files.write(tmp, bytes));
		return List.of(csv, png);
	}
}
