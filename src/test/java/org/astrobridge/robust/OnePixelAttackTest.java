package org.astrobridge.robust;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class OnePixelAttackTest {

	private static final StampShape SHAPE = new StampShape(24, 20, 2);
	private static final int TX = 13, TY = 6;

	/**
	 * A toy classifier whose true-class probability falls as band 0 of pixel (13, 6) is pushed above 0.6 and, more
	 * weakly, as a bright pixel comes near it: the single trigger pixel is the only way below 0.05.
	 */
	private static double toy(float[] stamp) {
		double best = 0;
		for (int j = 0; j < SHAPE.height(); j++)
			for (int i = 0; i < SHAPE.width(); i++) {
				double v = stamp[SHAPE.index(i, j, 0)];
				if (v <= 0.6) continue;
				double d2 = (i - TX) * (i - TX) + (j - TY) * (j - TY);
				best = Math.max(best, (v - 0.6) / 0.4 * Math.exp(-d2 / 18));
			}
		return 0.9 - 0.88 * best;
	}

	private static float[] stamp() {
		float[] s = new float[SHAPE.size()];
		java.util.SplittableRandom r = new java.util.SplittableRandom(1);
		for (int k = 0; k < s.length; k++)
			s[k] = (float) (0.5 * r.nextDouble());
		s[SHAPE.index(0, 0, 0)] = 1.0f; // sets the band-0 maximum the attack may write
		s[SHAPE.index(0, 0, 1)] = 2.0f;
		return s;
	}

	private static BatchScorer counting(AtomicLong calls, AtomicLong scored) {
		return batch -> {
			calls.incrementAndGet();
			scored.addAndGet(batch.length);
			double[] p = new double[batch.length];
			for (int k = 0; k < batch.length; k++)
				p[k] = toy(batch[k]);
			return p;
		};
	}

	@Test
	void findsTheTriggerPixelAndStopsEarly() {
		float[] in = stamp(), copy = in.clone();
		AtomicLong calls = new AtomicLong(), scored = new AtomicLong();
		AttackSettings settings = AttackSettings.defaults().withPopulation(100);
		AttackResult r = new OnePixelAttack(settings).attack(in, SHAPE, counting(calls, scored), 7);
		assertArrayEquals(copy, in, "the attack modified its input");
		assertTrue(r.success());
		assertEquals(1, r.changes().size());
		AttackResult.PixelChange c = r.changes().get(0);
		assertEquals(TX, c.column());
		assertEquals(TY, c.row());
		assertTrue(c.values()[0] <= 1.0f && c.values()[0] > 0.6f);
		assertTrue(c.values()[1] >= 0 && c.values()[1] <= 2.0f, "band 1 value within the band's range");
		assertTrue(r.probability() < 0.05);
		assertEquals(toy(r.perturbed()), r.probability(), 1e-12);
		assertEquals(toy(copy), r.cleanProbability(), 1e-12);
		assertTrue(TestStamps.changed(copy, r.perturbed()) <= 2, "only one pixel (two bands) may change");
		assertTrue(r.generations() < settings.iterations(), "should stop early, ran " + r.generations());
		assertEquals(scored.get(), r.evaluations());
		assertEquals(1 + 100L * (r.generations() + 1), r.evaluations());
		assertEquals(r.generations() + 2, calls.get(),
			"one batch for the clean stamp, one per generation and the initial population");

		AttackResult again = new OnePixelAttack(settings).attack(in, SHAPE, counting(new AtomicLong(), new AtomicLong()),
			7);
		assertArrayEquals(r.perturbed(), again.perturbed());
		assertEquals(r.evaluations(), again.evaluations());
	}

	@Test
	void respectsTheBudgetWhenTheModelCannotBeFooled() {
		AtomicLong scored = new AtomicLong();
		BatchScorer stubborn = batch -> {
			scored.addAndGet(batch.length);
			double[] p = new double[batch.length];
			java.util.Arrays.fill(p, 0.99);
			return p;
		};
		AttackSettings settings = AttackSettings.defaults().withPixels(3).withPopulation(12).withIterations(5);
		AttackResult r = new OnePixelAttack(settings).attack(stamp(), SHAPE, stubborn, 1);
		assertFalse(r.success());
		assertEquals(5, r.generations());
		assertEquals(settings.maxEvaluations(), r.evaluations());
		assertEquals(1 + 12 * 6, scored.get());
		assertEquals(3, r.changes().size());
	}

	@Test
	void defaultsFollowSuEtAlAndDeepAdversaries() {
		AttackSettings d = AttackSettings.defaults();
		assertEquals(1, d.pixels());
		assertEquals(400, d.population());
		assertEquals(100, d.iterations());
		assertEquals(0.5, d.differentialWeight());
		assertEquals(1.0, d.crossoverRate());
		assertEquals(0.05, d.successThreshold());
		assertThrows(IllegalArgumentException.class, () -> d.withPopulation(3));
	}

	@Test
	void alreadyMisclassifiedStampNeedsNoAttackAndBadModelsAreReported() {
		AttackResult r = new OnePixelAttack().attack(stamp(), SHAPE, b -> new double[] { 0.01 }, 1);
		assertTrue(r.success());
		assertTrue(r.changes().isEmpty());
		assertEquals(1, r.evaluations());
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> new OnePixelAttack().attack(stamp(),
			SHAPE, b -> new double[] { 0.5, 0.5 }, 1));
		assertTrue(e.getMessage().contains("2 probabilities"), e.getMessage());
	}
}
