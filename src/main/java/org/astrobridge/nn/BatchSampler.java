package org.astrobridge.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fills the fed arrays of one training step: a batch of labelled source stamps in a per-epoch shuffled order (one-hot
 * labels, class weights normalised to sum 1) and, for adaptive methods, as many target stamps drawn from a shuffled
 * order that is reshuffled whenever it runs out. Each random stream has its own generator, so the batches depend only
 * on the seed.
 */
final class BatchSampler {

	final int batch, rows, stamp, classes;
	/** Stamps [rows, h, w, bands]: source rows first, then target rows. */
	final float[] x;
	final float[] oneHot, weights;
	final int[] batchLabels;

	private final float[] source, target;
	private final int[] trainIdx, labels, sourceOrder, targetOrder;
	private final double[] classWeight;
	private final Augmenter augmenter;
	private final ObservationAugmenter observer;
	private final ObservationAugmenter.Prior observation;
	private final Normalisation norm;
	private final int plane, bands;
	private final float[] planeBuf, planeWork;
	private final SplittableRandom shuffleRng, targetRng, augRng;
	private int targetPos;

	/**
	 * @param source labelled stamps, of which {@code trainIdx} are trained on: normalised, or raw when {@code observer}
	 *          is given (each drawn stamp is then re-observed, then normalised with {@code norm})
	 * @param target normalised target stamps, or null for non-adaptive methods
	 * @param augmenter null when flip/rotation augmentation is off
	 * @param observer null when observation-model augmentation is off
	 * @param observation where each re-observation is drawn from (used only with an observer)
	 * @param norm the normalisation of raw source stamps (used only with an observer)
	 */
	BatchSampler(float[] source, int[] trainIdx, int[] labels, double[] classWeight, float[] target, int targetCount,
		int batch, int stamp, int classes, Augmenter augmenter, ObservationAugmenter observer,
		ObservationAugmenter.Prior observation, Normalisation norm, int bands, SplittableRandom shuffleRng,
		SplittableRandom targetRng, SplittableRandom augRng)
	{
		this.source = source;
		this.trainIdx = trainIdx;
		this.labels = labels;
		this.classWeight = classWeight;
		this.target = target;
		this.batch = batch;
		this.stamp = stamp;
		this.classes = classes;
		this.augmenter = augmenter;
		this.observer = observer;
		this.observation = observation;
		this.norm = norm;
		this.bands = bands;
		this.plane = stamp / bands;
		this.planeBuf = new float[plane];
		this.planeWork = new float[plane];
		this.shuffleRng = shuffleRng;
		this.targetRng = targetRng;
		this.augRng = augRng;
		this.rows = target == null ? batch : 2 * batch;
		this.sourceOrder = identity(trainIdx.length);
		this.targetOrder = target == null ? null : identity(targetCount);
		this.targetPos = targetOrder == null ? 0 : targetOrder.length;
		this.x = new float[rows * stamp];
		this.oneHot = new float[batch * classes];
		this.weights = new float[batch];
		this.batchLabels = new int[batch];
	}

	/** Steps that cover the training split once. */
	int stepsPerEpoch() {
		return (trainIdx.length + batch - 1) / batch;
	}

	/** Starts an epoch: a new order of the source training stamps. */
	void newEpoch() {
		shuffle(sourceOrder, shuffleRng);
	}

	/** Fills the arrays for step {@code s} (0-based) of the current epoch. */
	void fill(int s) {
		double wsum = 0;
		Arrays.fill(oneHot, 0);
		for (int i = 0; i < batch; i++) {
			int k = trainIdx[sourceOrder[(s * batch + i) % sourceOrder.length]];
			System.arraycopy(source, k * stamp, x, i * stamp, stamp);
			if (observer != null) {
				observer.observe(x, i, observation.draw(augRng));
				norm.applyToStamp(x, i, plane, bands, planeBuf, planeWork);
			}
			if (augmenter != null) augmenter.apply(x, i, augRng);
			batchLabels[i] = labels[k];
			oneHot[i * classes + labels[k]] = 1;
			weights[i] = (float) classWeight[labels[k]];
			wsum += weights[i];
		}
		for (int i = 0; i < batch; i++)
			weights[i] = (float) (weights[i] / wsum);
		if (target == null) return;
		for (int i = 0; i < batch; i++) {
			if (targetPos == targetOrder.length) {
				shuffle(targetOrder, targetRng);
				targetPos = 0;
			}
			System.arraycopy(target, targetOrder[targetPos++] * stamp, x, (batch + i) * stamp, stamp);
			if (augmenter != null) augmenter.apply(x, batch + i, augRng);
		}
	}

	static int[] identity(int n) {
		int[] a = new int[n];
		for (int i = 0; i < n; i++)
			a[i] = i;
		return a;
	}

	static void shuffle(int[] a, SplittableRandom r) {
		for (int i = a.length - 1; i > 0; i--) {
			int j = r.nextInt(i + 1), t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}
}
