package org.astrobridge.robust;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.astrobridge.nn.Prediction;
import org.astrobridge.nn.StampSet;
import org.astrobridge.util.Progress;

/**
 * Measures how one or more classifiers degrade on the same labelled stamps under each perturbation and strength, and
 * how easily a few-pixel attack fools them.
 * <p>
 * Every model first predicts the clean stamps once; each perturbed set (the same perturbed pixels for every model) is
 * compared with that clean prediction. Per (model, perturbation, strength): accuracy on the labelled stamps, the share
 * of stamps whose predicted class differs from the clean prediction, the mean L2 distance of the latent vector from the
 * clean stamp's, and the mean margin (top probability minus the runner-up). The first row of every model is the clean
 * set ({@link #CLEAN}, strength 0).
 * <p>
 * Attack: {@code attackCount} labelled stamps drawn by the seed (the same for every model); a model is attacked only on
 * those it classifies correctly when clean. The attack scores each DE generation as one batch through the model. Stamp
 * k of the attack uses seed {@link StampSeeds#forStamp}(seed + 1, k); perturbation p uses
 * {@link StampSeeds#forStamp}(seed, p), so adding models does not change any perturbed pixel.
 */
public final class RobustnessEvaluator {

	/** Name of the unperturbed condition in the rows. */
	public static final String CLEAN = "clean";

	/** A classifier under test: class probabilities and latent vectors of a set of stamps. */
	@FunctionalInterface
	public interface Model {

		Prediction predict(StampSet stamps) throws IOException;
	}

	public record NamedModel(String name, Model model) {}

	/** A perturbation and the strengths it is measured at. */
	public record Condition(Perturbation perturbation, double[] strengths) {
		public Condition {
			for (double s : strengths) perturbation.checkStrength(s);
		}

		public static Condition defaults(Perturbation p) {
			return new Condition(p, p.defaultStrengths());
		}
	}

	/** Metrics of one model on one perturbed set; {@code accuracy} is NaN when no stamp is labelled. */
	public record Row(String model, String perturbation, double strength, String unit, int count, double accuracy,
		double flipShare, double latentShift, double margin)
	{}

	/**
	 * One-pixel attack figures of one model: {@code attacked} stamps correctly classified when clean, of which
	 * {@code successes} were pushed below the success threshold; mean L2 latent distance between each clean stamp and its
	 * best attacked version; model evaluations spent (clean scorings included).
	 */
	public record AttackSummary(String model, int drawn, int attacked, int successes, double successRate,
		double meanLatentDistance, long evaluations)
	{}

	public record Result(List<Row> rows, List<AttackSummary> attacks, List<Condition> conditions, AttackSettings attackSettings, long seed) {

		/** The rows of one model and perturbation (the clean row excluded), in strength order. */
		public List<Row> rows(String model, String perturbation) {
			return rows.stream().filter(r -> r.model().equals(model) && r.perturbation().equals(perturbation)).toList();
		}

		public Row clean(String model) {
			return rows.stream().filter(r -> r.model().equals(model) && r.perturbation().equals(CLEAN)).findFirst().orElseThrow();
		}
	}

	private final List<Condition> conditions;
	private final int attackCount;
	private final AttackSettings attackSettings;
	private final long seed;

	/**
	 * @param attackCount stamps to attack (0 = no attack)
	 * @param attackSettings the attack's budget; null with attackCount 0
	 */
	public RobustnessEvaluator(List<Condition> conditions, int attackCount, AttackSettings attackSettings, long seed) {
		if (attackCount < 0) throw new IllegalArgumentException("robustness report: attack count must be >= 0, got " +
			attackCount);
		if (attackCount > 0 && attackSettings == null) throw new IllegalArgumentException(
			"robustness report: attack settings are missing");
		this.conditions = List.copyOf(conditions);
		this.attackCount = attackCount;
		this.attackSettings = attackSettings;
		this.seed = seed;
	}

	/**
	 * The report's default attack budget: DeepAdversaries' F and threshold, population 100 and 10 generations (at most
	 * 1101 evaluations per stamp), a fraction of their 400 x 100 so that a full report stays within minutes on a CPU.
	 */
	public static AttackSettings defaultAttack() {
		return AttackSettings.defaults().withPopulation(100).withIterations(10);
	}

	public Result evaluate(List<NamedModel> models, StampSet stamps, Progress progress) throws IOException {
		if (models.isEmpty()) throw new IllegalArgumentException("robustness report: no model given");
		if (!stamps.hasLabels()) throw new IllegalArgumentException("robustness report: the stamps carry no labels");
		Progress p = progress == null ? Progress.NONE : progress;
		int strengths = conditions.stream().mapToInt(c -> c.strengths().length).sum();
		int[] attackIdx = attackIndices(stamps);
		double total = models.size() * (1.0 + strengths) + models.size() * attackIdx.length, done = 0;

		List<Prediction> clean = new ArrayList<>();
		List<Row> rows = new ArrayList<>();
		for (NamedModel m : models) {
			p.checkCancelled();
			p.update(done / total, m.name() + ": clean stamps");
			Prediction pr = predict(m, stamps);
			clean.add(pr);
			rows.add(row(m.name(), CLEAN, 0, "", stamps, pr, pr));
			done++;
		}
		List<Row> perturbed = new ArrayList<>();
		for (int c = 0; c < conditions.size(); c++) {
			Condition cond = conditions.get(c);
			long condSeed = StampSeeds.forStamp(seed, c);
			for (double s : cond.strengths()) {
				p.checkCancelled();
				p.update(done / total, cond.perturbation().name() + " " + s);
				StampSet set = cond.perturbation().apply(stamps, s, condSeed);
				for (int m = 0; m < models.size(); m++) {
					Prediction pr = predict(models.get(m), set);
					perturbed.add(row(models.get(m).name(), cond.perturbation().name(), s, cond.perturbation().strengthUnit(),
						stamps, clean.get(m), pr));
					done++;
				}
			}
		}
		// rows grouped by model, then perturbation order, as the table reads best
		for (NamedModel m : models)
			for (Row r : perturbed)
				if (r.model().equals(m.name())) rows.add(r);

		List<AttackSummary> attacks = new ArrayList<>();
		if (attackIdx.length > 0) for (int m = 0; m < models.size(); m++) {
			attacks.add(attack(models.get(m), stamps, clean.get(m), attackIdx, p, done, total));
			done += attackIdx.length;
		}
		p.update(1, "robustness report done");
		return new Result(List.copyOf(rows), List.copyOf(attacks), conditions, attackSettings, seed);
	}

	private static Prediction predict(NamedModel m, StampSet set) throws IOException {
		Prediction pr = m.model().predict(set);
		if (pr.count() != set.count()) throw new IllegalStateException("model " + m.name() + " returned " + pr.count() +
			" predictions for " + set.count() + " stamps");
		return pr;
	}

	private static Row row(String model, String perturbation, double strength, String unit, StampSet stamps,
		Prediction clean, Prediction pr)
	{
		int n = stamps.count(), labelled = 0, correct = 0, flips = 0;
		double shift = 0, margin = 0;
		for (int k = 0; k < n; k++) {
			int predicted = pr.predictedClass(k);
			if (stamps.label(k) >= 0) {
				labelled++;
				if (predicted == stamps.label(k)) correct++;
			}
			if (predicted != clean.predictedClass(k)) flips++;
			shift += latentDistance(clean, k, pr, k);
			margin += margin(pr, k);
		}
		return new Row(model, perturbation, strength, unit, n, labelled == 0 ? Double.NaN : (double) correct / labelled,
			(double) flips / n, shift / n, margin / n);
	}

	/** Top probability minus the runner-up (the top one alone for a one-class model). */
	static double margin(Prediction p, int k) {
		double first = Double.NEGATIVE_INFINITY, second = 0;
		for (int c = 0; c < p.classes(); c++) {
			double v = p.probability(k, c);
			if (v > first) {
				second = Double.isInfinite(first) ? 0 : first;
				first = v;
			}
			else if (v > second) second = v;
		}
		return first - second;
	}

	static double latentDistance(Prediction a, int ka, Prediction b, int kb) {
		int d = a.latentDim();
		double s = 0;
		for (int i = 0; i < d; i++) {
			double diff = a.latents()[ka * d + i] - b.latents()[kb * d + i];
			s += diff * diff;
		}
		return Math.sqrt(s);
	}

	/** Labelled stamps in a seeded random order, the first {@code attackCount} of them. */
	private int[] attackIndices(StampSet stamps) {
		int[] labelled = IntStream.range(0, stamps.count()).filter(k -> stamps.label(k) >= 0).toArray();
		SplittableRandom r = new SplittableRandom(seed ^ 0x6a09e667f3bcc909L);
		for (int i = labelled.length - 1; i > 0; i--) {
			int j = r.nextInt(i + 1), t = labelled[i];
			labelled[i] = labelled[j];
			labelled[j] = t;
		}
		int[] out = java.util.Arrays.copyOf(labelled, Math.min(attackCount, labelled.length));
		java.util.Arrays.sort(out);
		return out;
	}

	private AttackSummary attack(NamedModel m, StampSet stamps, Prediction clean, int[] indices, Progress p, double done,
		double total) throws IOException
	{
		StampShape shape = StampShape.of(stamps);
		OnePixelAttack attack = new OnePixelAttack(attackSettings);
		int attacked = 0, successes = 0;
		double distance = 0;
		long evaluations = 0;
		for (int i = 0; i < indices.length; i++) {
			p.checkCancelled();
			p.update((done + i) / total, m.name() + ": one-pixel attack " + (i + 1) + "/" + indices.length);
			int k = indices[i], truth = stamps.label(k);
			if (clean.predictedClass(k) != truth) continue;
			AttackResult r;
			try {
				r = attack.attack(StampShape.stamp(stamps, k), shape, batch -> trueClass(m, stamps, batch, truth), StampSeeds
					.forStamp(seed + 1, k));
			}
			catch (java.io.UncheckedIOException e) {
				throw e.getCause();
			}
			attacked++;
			evaluations += r.evaluations();
			if (r.success()) successes++;
			Prediction after = predict(m, single(stamps, r.perturbed()));
			distance += latentDistance(clean, k, after, 0);
		}
		return new AttackSummary(m.name(), indices.length, attacked, successes, attacked == 0 ? Double.NaN
			: (double) successes / attacked, attacked == 0 ? Double.NaN : distance / attacked, evaluations);
	}

	/** Scores one DE generation as a single batch: the probability of the true class for each candidate stamp. */
	private static double[] trueClass(NamedModel m, StampSet like, float[][] batch, int truth) {
		int n = like.stampSize();
		float[] px = new float[batch.length * n];
		for (int i = 0; i < batch.length; i++)
			System.arraycopy(batch[i], 0, px, i * n, n);
		try {
			Prediction pr = predict(m, StampSet.unlabelled(batch.length, like.height(), like.width(), like.bands(), px, like
				.domain(), null));
			double[] out = new double[batch.length];
			for (int i = 0; i < out.length; i++)
				out[i] = pr.probability(i, truth);
			return out;
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static StampSet single(StampSet like, float[] stamp) {
		return StampSet.unlabelled(1, like.height(), like.width(), like.bands(), stamp, like.domain(), null);
	}
}
