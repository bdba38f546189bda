package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
