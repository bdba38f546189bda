package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.astrobridge.sim.Domain;
import org.astrobridge.sim.ObjectFactory;
import org.astrobridge.sim.StampMaker;
import org.astrobridge.sim.Task;
import org.junit.jupiter.api.Test;

class ObservationMatcherTest {

	static final int SIZE = 32;
	/** The simulator's idealised domain: 0.25"/px, Gaussian PSF of 1.4 px, almost no noise. */
	static final Domain SIM = Domain.preset("sim");
	/** SDSS's sky noise at the sim preset's instrument. */
	static final double SDSS_EXPOSURE = 53.9;

	static StampSet render(Domain domain, long seed, int n) {
		StampMaker maker = new StampMaker(new ObjectFactory(Task.parse("mergers"), 0, 0.12, 0.15), domain, 1, SIZE, seed);
		StampMaker.Batch b = maker.makeAll(n);
		return StampSet.unlabelled(n, SIZE, SIZE, maker.bandCount(), b.pixels(), domain.name(), "seed " + seed);
	}

	@Test
	void theSameDomainNeedsNoChange() {
		ObservationMatcher.Fit fit = ObservationMatcher.fit(render(SIM, 1, 200), render(SIM, 2, 200), 1);
		System.out.println("same domain: " + fit.model().describe() + ", distance " + fit.distance() + " (unchanged " + fit
			.sourceDistance() + ")");
		assertTrue(fit.model().psfFwhm() <= 0.5, fit.model().describe());
		assertEquals(1, fit.model().scale(), 1e-9, fit.model().describe());
	}

	@Test
	void aBlurrierNoisierSurveyIsRecoveredFromTheSimulatorsOwnRendering() {
		// rendered by the simulator's camera, not by the augmenter: PSF 4 px (1.0") instead of 1.4 px, SDSS-deep noise
		Domain target = SIM.withPsfFwhm(1.0).withMoffatBeta(0).withExposure(4 * SDSS_EXPOSURE);
		ObservationMatcher.Fit fit = ObservationMatcher.fit(render(SIM, 1, 200), render(target, 2, 300), 1);
		System.out.println("psf 4 px: " + fit.model().describe() + ", distance " + fit.distance() + " (unchanged " + fit
			.sourceDistance() + ")");
		double extra = Math.sqrt(4 * 4 - 1.4 * 1.4);
		// PSF and pixel scale trade off a little; the PSF the fit implies in source pixels must be close to 4 px
		double implied = Math.hypot(fit.model().psfFwhm(), 1.4 * fit.model().scale());
		assertEquals(4.0, implied, 1.0, "extra PSF " + extra + " expected, fit " + fit.model().describe());
		assertTrue(fit.model().noise() > 0, fit.model().describe());
		assertTrue(fit.distance() < 0.5 * fit.sourceDistance(), fit.distance() + " vs " + fit.sourceDistance());
		// the kept models: the best first, then in order of distance, all within the tolerance
		assertEquals(fit.model(), fit.accepted().get(0));
		for (int i = 0; i < fit.accepted().size(); i++) {
			assertTrue(fit.acceptedDistances().get(i) <= ObservationMatcher.ACCEPT * fit.distance(), fit.toMap().toString());
			if (i > 0) assertTrue(fit.acceptedDistances().get(i) >= fit.acceptedDistances().get(i - 1));
		}
	}

	@Test
	void trainingDrawsStayNearTheKeptModels() {
		List<ObservationModel> kept = List.of(new ObservationModel(4, 3, 1, 0.05), new ObservationModel(2, 0, 2, 0.02));
		ObservationAugmenter.Prior prior = ObservationAugmenter.near(kept);
		SplittableRandom r = new SplittableRandom(5);
		int coarse = 0;
		for (int i = 0; i < 400; i++) {
			ObservationAugmenter.Observation o = prior.draw(r);
			assertTrue(o.psf() != null, "both kept models blur");
			boolean second = o.scale() > 1.5;
			if (second) coarse++;
			double fwhm = o.psf().fwhm(), base = second ? 2 : 4, noise = second ? 0.02 : 0.05;
			assertTrue(fwhm >= 0.8 * base - 1e-6 && fwhm <= 1.2 * base + 1e-6, "FWHM " + fwhm + " near " + base);
			assertTrue(o.a() >= noise * Math.exp(-0.3) - 1e-9 && o.a() <= noise * Math.exp(0.3) + 1e-9, "noise " + o.a());
			double scale = second ? 2 : 1;
			assertTrue(o.scale() >= Math.max(1, 0.92 * scale) - 1e-9 && o.scale() <= 1.08 * scale + 1e-9, "pixel scale " + o
				.scale() + " near " + scale + ", never below 1");
		}
		assertTrue(coarse > 150 && coarse < 250, "each kept model is drawn with equal odds: " + coarse + " of 400");
	}

	@Test
	void binnedPixelsAreTakenForCoarserPixels() {
		Domain target = SIM.withPixelScale(0.5).withPsfFwhm(0.6).withMoffatBeta(0).withExposure(16 * SDSS_EXPOSURE);
		ObservationMatcher.Fit fit = ObservationMatcher.fit(render(SIM, 1, 200), render(target, 2, 300), 1);
		System.out.println("bin 2: " + fit.model().describe() + ", distance " + fit.distance() + " (unchanged " + fit
			.sourceDistance() + ")");
		assertTrue(fit.model().scale() >= 1.5, fit.model().describe());
	}
}
