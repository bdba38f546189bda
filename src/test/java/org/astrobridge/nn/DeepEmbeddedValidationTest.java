package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DeepEmbeddedValidationTest {

	static final int D = 8;

	/** Latent vectors around +-4 on the first axis (cluster 0 or 1), unit noise elsewhere. */
	static float[] latents(int[] cluster, SplittableRandom r) {
		float[] z = new float[cluster.length * D];
		for (int i = 0; i < cluster.length; i++)
			for (int j = 0; j < D; j++)
				z[i * D + j] = (float) ((j == 0 ? (cluster[i] == 0 ? -4 : 4) : 0) + r.nextGaussian());
		return z;
	}

	/** Probabilities of 2 classes that are right (0.9 on the label) in the given cluster and wrong (0.1) in the other. */
	static Prediction model(int[] cluster, int[] labels, float[] z, int rightIn) {
		float[] p = new float[2 * cluster.length];
		for (int i = 0; i < cluster.length; i++) {
			float onLabel = cluster[i] == rightIn ? 0.9f : 0.1f;
			p[2 * i + labels[i]] = onLabel;
			p[2 * i + 1 - labels[i]] = 1 - onLabel;
		}
		return new Prediction(cluster.length, 2, D, p, z, null);
	}

	@Test
	void prefersTheModelThatIsRightWhereTheTargetLies() {
		SplittableRandom r = new SplittableRandom(3);
		int ns = 600, nt = 400;
		int[] srcCluster = new int[ns], labels = new int[ns], tgtCluster = new int[nt], tgtLabels = new int[nt];
		for (int i = 0; i < ns; i++) {
			srcCluster[i] = i % 2;
			labels[i] = (i / 2) % 2;
		}
		for (int i = 0; i < nt; i++) {
			tgtCluster[i] = 1; // the target lies in cluster 1 only
			tgtLabels[i] = i % 2;
		}
		float[] zs = latents(srcCluster, r), zt = latents(tgtCluster, r);
		// both models have the same plain source loss; only the one right in cluster 1 is right on the target
		Prediction goodS = model(srcCluster, labels, zs, 1), badS = model(srcCluster, labels, zs, 0);
		Prediction goodT = model(tgtCluster, tgtLabels, zt, 1), badT = model(tgtCluster, tgtLabels, zt, 0);
		double good = DeepEmbeddedValidation.risk(goodS, labels, goodT, 1), bad = DeepEmbeddedValidation.risk(badS, labels,
			badT, 1);
		assertTrue(good < bad, "DEV risk " + good + " (right on the target) must be below " + bad);
		assertEquals(-Math.log(0.9), good, 0.1, "nearly all weight on cluster 1, where the loss is -ln 0.9");
		assertEquals(-Math.log(0.1), bad, 0.3);
	}

	@Test
	void withoutAShiftTheRiskIsTheMeanLoss() {
		SplittableRandom r = new SplittableRandom(4);
		int ns = 800, nt = 800;
		int[] cs = new int[ns], ls = new int[ns], ct = new int[nt];
		for (int i = 0; i < ns; i++) {
			cs[i] = i % 2;
			ls[i] = (i / 2) % 2;
		}
		for (int i = 0; i < nt; i++)
			ct[i] = i % 2;
		float[] zs = latents(cs, r), zt = latents(ct, r);
		Prediction s = model(cs, ls, zs, 1);
		double plain = 0.5 * -Math.log(0.9) + 0.5 * -Math.log(0.1);
		assertEquals(plain, DeepEmbeddedValidation.risk(s, ls, model(ct, new int[nt], zt, 1), 1), 0.1);
	}
}
