package org.astrobridge.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.astrobridge.nn.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaTest {

	@Test
	void recoversTheDominantDirections() {
		int n = 400, d = 60;
		SplittableRandom r = new SplittableRandom(2);
		double[] u = unit(r, d), v = unit(r, d);
		double dot = 0;
		for (int i = 0; i < d; i++)
			dot += u[i] * v[i];
		for (int i = 0; i < d; i++)
			v[i] -= dot * u[i];
		double norm = Math.sqrt(java.util.Arrays.stream(v).map(x -> x * x).sum());
		for (int i = 0; i < d; i++)
			v[i] /= norm;
		float[] x = new float[n * d];
		for (int k = 0; k < n; k++) {
			double a = 10 * r.nextGaussian(), b = 4 * r.nextGaussian();
			for (int i = 0; i < d; i++)
				x[k * d + i] = (float) (3 + a * u[i] + b * v[i] + 0.5 * r.nextGaussian());
		}
		Pca pca = Pca.fit(x, n, d, 2, 1);
		assertTrue(Math.abs(dot(pca.axes()[0], u)) > 0.995, "first axis along the dominant direction");
		assertTrue(Math.abs(dot(pca.axes()[1], v)) > 0.99, "second axis along the next one");
		assertEquals(0, dot(pca.axes()[0], pca.axes()[1]), 1e-9);
		assertEquals(100 + 0.25, pca.variances()[0], 15);
		assertEquals(16 + 0.25, pca.variances()[1], 3);
		double[][] p = pca.project(x, n);
		double mean = 0;
		for (double[] row : p)
			mean += row[0] / n;
		assertEquals(0, mean, 1e-6, "projections are centred");
		assertEquals(Pca.fit(x, n, d, 2, 1).axes()[0][0], pca.axes()[0][0], "deterministic");
	}

	@Test
	void mapKeepsDomainsClassesAndWritesCsvAndPng(@TempDir Path dir) throws Exception {
		int n = 20, d = 5;
		SplittableRandom r = new SplittableRandom(3);
		float[] za = new float[n * d], zb = new float[n * d], pa = new float[2 * n], pb = new float[2 * n];
		int[] labels = new int[n];
		for (int k = 0; k < n; k++) {
			labels[k] = k % 2;
			for (int i = 0; i < d; i++) {
				za[k * d + i] = (float) (labels[k] * 3 + r.nextGaussian());
				zb[k * d + i] = (float) (5 + labels[k] * 3 + r.nextGaussian());
			}
			pa[2 * k + labels[k]] = 1;
			pb[2 * k] = 1;
		}
		LatentMap.Embedding e = LatentMap.pca("m", new String[] { "a", "b" }, List.of(new LatentMap.Group("src",
			new Prediction(n, 2, d, pa, za, null), labels), new LatentMap.Group("tgt", new Prediction(n, 2, d, pb, zb, null),
				null)), 1);
		assertEquals(2 * n, e.count());
		assertEquals("tgt", e.domain()[n]);
		assertEquals(-1, e.label()[n]);
		assertTrue(e.explainedShare() > 0.5 && e.explainedShare() <= 1.0 + 1e-9, "two components of structured data");
		List<Path> files = LatentMap.write(List.of(e, e), dir, "latent-map");
		List<String> csv = Files.readAllLines(files.get(0));
		assertEquals(1 + 4 * n, csv.size());
		assertTrue(csv.get(0).equals("model,domain,index,label,predicted,x,y"), csv.get(0));
		assertTrue(Files.size(files.get(1)) > 1000);
	}

	private static double[] unit(SplittableRandom r, int d) {
		double[] u = new double[d];
		double s = 0;
		for (int i = 0; i < d; i++) {
			u[i] = r.nextGaussian();
			s += u[i] * u[i];
		}
		for (int i = 0; i < d; i++)
			u[i] /= Math.sqrt(s);
		return u;
	}

	private static double dot(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++)
			s += a[i] * b[i];
		return s;
	}
}
