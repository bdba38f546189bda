package org.astrobridge.robust;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one-pixel attack of Su, Vargas and Sakurai (2019), as used on galaxy stamps by DeepAdversaries (2022):
 * differential evolution DE/rand/1 searches for the pixel(s) and values that most lower the model's true-class
 * probability.
 * <p>
 * A candidate holds, for each of {@link AttackSettings#pixels()} pixels, (x, y, value of band 0..B-1). Bounds: x in [0,
 * width - 1], y in [0, height - 1] (rounded to the nearest pixel when applied), the value of band b in [min_b, max_b],
 * the finite range of that band in the clean stamp, so a changed pixel is never brighter or fainter than what the stamp
 * already holds. The initial population is uniform within the bounds. Each generation forms, for every member i, the
 * mutant a + F (b - c) from three distinct other members, takes each gene from it with the crossover rate (default 1:
 * no crossover, as in Su et al.), redraws any gene that left its bounds uniformly within them, scores all trials in one
 * batch and lets a trial replace its parent when its true-class probability is lower or equal. The attack stops as soon
 * as the best probability is below the success threshold, or after the last generation. If the clean stamp is already
 * below the threshold the attack returns at once with success and no changed pixel. The same seed gives the same
 * result.
 */
public final class OnePixelAttack {

	private final AttackSettings settings;

	public OnePixelAttack() {
		this(AttackSettings.defaults());
	}

	public OnePixelAttack(AttackSettings settings) {
		if (settings == null) throw new IllegalArgumentException("one-pixel attack: settings are missing");
		this.settings = settings;
	}

	public AttackSettings settings() {
		return settings;
	}

	public AttackResult attack(float[] stamp, StampShape shape, BatchScorer model, long seed) {
		shape.requireMatches(stamp);
		if (model == null) throw new IllegalArgumentException("one-pixel attack: the model (batch scorer) is missing");
		float[] clean = stamp.clone();
		double cleanProbability = score(model, new float[][] { clean.clone() })[0];
		long evaluations = 1;
		if (cleanProbability < settings.successThreshold()) return new AttackResult(true, List.of(), clean,
			cleanProbability, cleanProbability, evaluations, 0);

		double[][] bounds = bounds(clean, shape);
		int genes = bounds.length, size = settings.population();
		SplittableRandom random = new SplittableRandom(seed);
		double[][] population = new double[size][genes];
		for (double[] member : population)
			for (int g = 0; g < genes; g++)
				member[g] = uniform(bounds[g], random);
		double[] fitness = score(model, apply(clean, shape, population));
		evaluations += size;
		int best = argmin(fitness);
		int generation = 0;
		double f = settings.differentialWeight(), cr = settings.crossoverRate();
		while (fitness[best] >= settings.successThreshold() && generation < settings.iterations()) {
			generation++;
			double[][] trials = new double[size][genes];
			for (int i = 0; i < size; i++) {
				int r1 = other(size, random, i), r2 = other(size, random, i, r1), r3 = other(size, random, i, r1, r2);
				int forced = random.nextInt(genes);
				for (int g = 0; g < genes; g++) {
					double gene = (g == forced || cr >= 1 || random.nextDouble() < cr) ? population[r1][g] + f *
						(population[r2][g] - population[r3][g]) : population[i][g];
					trials[i][g] = gene >= bounds[g][0] && gene <= bounds[g][1] ? gene : uniform(bounds[g], random);
				}
			}
			double[] trialFitness = score(model, apply(clean, shape, trials));
			evaluations += size;
			for (int i = 0; i < size; i++)
				if (trialFitness[i] <= fitness[i]) {
					population[i] = trials[i];
					fitness[i] = trialFitness[i];
				}
			best = argmin(fitness);
		}
		float[] perturbed = applyOne(clean, shape, population[best]);
		return new AttackResult(fitness[best] < settings.successThreshold(), changes(population[best], shape), perturbed,
			cleanProbability, fitness[best], evaluations, generation);
	}

	/** Per gene {low, high}: x, y, then one value range per band, repeated for each pixel. */
	private double[][] bounds(float[] stamp, StampShape shape) {
		int nb = shape.bands();
		double[][] valueRange = new double[nb][];
		for (int b = 0; b < nb; b++) {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (int p = b; p < stamp.length; p += nb)
				if (Float.isFinite(stamp[p])) {
					lo = Math.min(lo, stamp[p]);
					hi = Math.max(hi, stamp[p]);
				}
			valueRange[b] = lo <= hi ? new double[] { lo, hi } : new double[] { 0, 0 };
		}
		int perPixel = 2 + nb;
		double[][] bounds = new double[settings.pixels() * perPixel][];
		for (int p = 0; p < settings.pixels(); p++) {
			bounds[p * perPixel] = new double[] { 0, shape.width() - 1 };
			bounds[p * perPixel + 1] = new double[] { 0, shape.height() - 1 };
			for (int b = 0; b < nb; b++)
				bounds[p * perPixel + 2 + b] = valueRange[b];
		}
		return bounds;
	}

	private float[][] apply(float[] clean, StampShape shape, double[][] candidates) {
		float[][] out = new float[candidates.length][];
		for (int k = 0; k < candidates.length; k++)
			out[k] = applyOne(clean, shape, candidates[k]);
		return out;
	}

	private float[] applyOne(float[] clean, StampShape shape, double[] candidate) {
		float[] out = clean.clone();
		for (AttackResult.PixelChange c : changes(candidate, shape))
			for (int b = 0; b < shape.bands(); b++)
				out[shape.index(c.column(), c.row(), b)] = c.values()[b];
		return out;
	}

	private List<AttackResult.PixelChange> changes(double[] candidate, StampShape shape) {
		int nb = shape.bands(), perPixel = 2 + nb;
		List<AttackResult.PixelChange> out = new ArrayList<>();
		for (int p = 0; p < settings.pixels(); p++) {
			int i = clamp((int) Math.round(candidate[p * perPixel]), shape.width() - 1);
			int j = clamp((int) Math.round(candidate[p * perPixel + 1]), shape.height() - 1);
			float[] values = new float[nb];
			for (int b = 0; b < nb; b++)
				values[b] = (float) candidate[p * perPixel + 2 + b];
			out.add(new AttackResult.PixelChange(i, j, values));
		}
		return out;
	}

	private static int clamp(int v, int max) {
		return Math.max(0, Math.min(max, v));
	}

	private static double uniform(double[] range, SplittableRandom random) {
		return range[1] > range[0] ? range[0] + random.nextDouble() * (range[1] - range[0]) : range[0];
	}

	/** A member index in [0, size) different from every index in {@code taken}. */
	private static int other(int size, SplittableRandom random, int... taken) {
		while (true) {
			int r = random.nextInt(size);
			boolean free = true;
			for (int t : taken)
				free &= r != t;
			if (free) return r;
		}
	}

	private static int argmin(double[] v) {
		int best = 0;
		for (int k = 1; k < v.length; k++)
			if (v[k] < v[best]) best = k;
		return best;
	}

	private static double[] score(BatchScorer model, float[][] batch) {
		double[] p = model.trueClassProbabilities(batch);
		if (p == null || p.length != batch.length) throw new IllegalStateException("one-pixel attack: the model returned " +
			(p == null ? "nothing" : p.length + " probabilities") + " for a batch of " + batch.length + " stamps");
		for (double v : p)
			if (!Double.isFinite(v)) throw new IllegalStateException(
				"one-pixel attack: the model returned a non-finite probability (" + v + ")");
		return p;
	}
}
