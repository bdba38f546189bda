package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.astrobridge.sim.GaussianMixture;
import org.junit.jupiter.api.Test;

class ObservationAugmenterTest {

	static final int N = 48;

	/** A centred, circular Gaussian blob of unit flux. */
	static float[] blob(double sigma) {
		float[] p = new float[N * N];
		double c = (N - 1) / 2.0;
		for (int j = 0; j < N; j++)
			for (int i = 0; i < N; i++)
				p[j * N + i] = (float) (Math.exp(-0.5 * ((i - c) * (i - c) + (j - c) * (j - c)) / (sigma * sigma)) / (2 *
					Math.PI * sigma * sigma));
		return p;
	}

	static double sum(float[] p) {
		double s = 0;
		for (float v : p)
			s += v;
		return s;
	}

	/** Second-moment sigma along x about the centre. */
	static double sigma(float[] p) {
		double c = (N - 1) / 2.0, m = 0, s = 0;
		for (int j = 0; j < N; j++)
			for (int i = 0; i < N; i++) {
				m += p[j * N + i] * (i - c) * (i - c);
				s += p[j * N + i];
			}
		return Math.sqrt(m / s);
	}

	@Test
	void psfConvolutionAddsWidthInQuadratureAndKeepsFlux() {
		float[] in = blob(1.0);
		float[] g = ObservationAugmenter.convolved(in, N, N, GaussianMixture.gaussian().scaledToFwhm(4.0));
		double expected = Math.hypot(1.0, 4.0 / (2 * Math.sqrt(2 * Math.log(2))));
		assertEquals(expected, sigma(g), 0.02, "Gaussian FWHM 4 px");
		assertEquals(1.0, sum(g), 1e-3);
		float[] m = ObservationAugmenter.convolved(in, N, N, GaussianMixture.moffat(3.5).scaledToFwhm(4.0));
		assertEquals(1.0, sum(m), 2e-3);
		assertTrue(sigma(m) > expected, "a Moffat of the same FWHM has wider wings: " + sigma(m) + " vs " + expected);
	}

	@Test
	void coarserPixelsShrinkTheObjectAndKeepItsFlux() {
		float[] in = blob(4.0);
		float[] out = ObservationAugmenter.resampled(in, N, N, 2.0);
		// sigma 4 plus the pixel box (2/sqrt(12) in old pixels) in quadrature, in pixels twice as large
		assertEquals(Math.sqrt(16 + 4.0 / 12 + 1.0 / 12) / 2, sigma(out), 0.05);
		assertEquals(1.0, sum(out), 0.01, "surface brightness kept, so the flux is kept");
	}

	@Test
	void sameGeneratorGivesTheSameStampsAndTheyChange() {
		int n = 16, bands = 3;
		float[] x = new float[n * N * N * bands];
		float[] b = blob(2.0);
		for (int k = 0; k < n; k++)
			for (int p = 0; p < N * N; p++)
				for (int c = 0; c < bands; c++)
					x[(k * N * N + p) * bands + c] = 100 * b[p] * (1 + c);
		float[] a1 = x.clone(), a2 = x.clone(), a3 = x.clone();
		ObservationAugmenter aug = new ObservationAugmenter(N, N, bands);
		SplittableRandom r1 = new SplittableRandom(5), r2 = new SplittableRandom(5), r3 = new SplittableRandom(6);
		for (int k = 0; k < n; k++) {
			aug.apply(a1, k, r1);
			aug.apply(a2, k, r2);
			aug.apply(a3, k, r3);
		}
		assertArrayEquals(a1, a2);
		assertFalse(Arrays.equals(a1, a3));
		for (float v : a1)
			assertTrue(Float.isFinite(v));
		int changed = 0;
		for (int k = 0; k < n; k++)
			if (!Arrays.equals(Arrays.copyOfRange(a1, k * N * N * bands, (k + 1) * N * N * bands), Arrays.copyOfRange(x, k *
				N * N * bands, (k + 1) * N * N * bands))) changed++;
		assertTrue(changed >= n - 2, "nearly every stamp is re-observed, " + changed + " of " + n);
	}
}
