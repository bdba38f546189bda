package org.astrobridge.robust;

/**
 * Budget and parameters of the one-pixel attack. Defaults follow Su et al. (2019) and DeepAdversaries (2022):
 * 1 pixel, population 400, up to 100 generations, differential weight F = 0.5, no crossover (crossover rate 1:
 * the trial is the mutant), success when the true-class probability drops below 0.05.
 *
 * @param pixels pixels changed per candidate
 * @param population candidates per generation (at least 4 for DE/rand/1)
 * @param iterations most generations after the initial population
 * @param differentialWeight F in mutant = a + F (b - c)
 * @param crossoverRate probability that a gene of the trial comes from the mutant (binomial crossover, one gene
 *        always from the mutant); 1 = no crossover
 * @param successThreshold the attack succeeds (and stops) once the true-class probability is below this
 */
public record AttackSettings(int pixels, int population, int iterations, double differentialWeight, double crossoverRate,
		double successThreshold) {

	public AttackSettings {
		if (pixels < 1) throw new IllegalArgumentException("one-pixel attack: pixels per candidate must be >= 1, got " + pixels);
		if (population < 4) throw new IllegalArgumentException("one-pixel attack: population must be >= 4 for DE/rand/1, got " + population);
		if (iterations < 0) throw new IllegalArgumentException("one-pixel attack: iterations must be >= 0, got " + iterations);
		if (!(differentialWeight > 0 && differentialWeight <= 2))
			throw new IllegalArgumentException("one-pixel attack: differential weight F must be in (0, 2], got " + differentialWeight);
		if (!(crossoverRate > 0 && crossoverRate <= 1))
			throw new IllegalArgumentException("one-pixel attack: crossover rate must be in (0, 1], got " + crossoverRate);
		if (!(successThreshold > 0 && successThreshold < 1))
			throw new IllegalArgumentException("one-pixel attack: success threshold must be in (0, 1), got " + successThreshold);
	}

	public static AttackSettings defaults() {
		return new AttackSettings(1, 400, 100, 0.5, 1.0, 0.05);
	}

	public AttackSettings withPixels(int n) { return new AttackSettings(n, population, iterations, differentialWeight, crossoverRate, successThreshold); }
	public AttackSettings withPopulation(int n) { return new AttackSettings(pixels, n, iterations, differentialWeight, crossoverRate, successThreshold); }
	public AttackSettings withIterations(int n) { return new AttackSettings(pixels, population, n, differentialWeight, crossoverRate, successThreshold); }
	public AttackSettings withCrossoverRate(double r) { return new AttackSettings(pixels, population, iterations, differentialWeight, r, successThreshold); }
	public AttackSettings withSuccessThreshold(double t) { return new AttackSettings(pixels, population, iterations, differentialWeight, crossoverRate, t); }

	/** Most model evaluations an attack can use: the clean stamp plus population x (iterations + 1). */
	public long maxEvaluations() {
		return 1 + (long) population * (iterations + 1);
	}
}
