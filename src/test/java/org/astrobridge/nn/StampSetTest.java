package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StampSetTest {

	private static final String[] C = { "a", "b" };

	@Test
	void badInputsGiveClearMessages() {
		float[] px = new float[2 * 4 * 4];
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new StampSet(2, 4, 4, 1, new float[5], null, null,
			null, null)).getMessage().contains("pixel array holds 5 values"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new StampSet(2, 4, 4, 1, px, new int[] { 0 }, C, null,
			null)).getMessage().contains("missing labels"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new StampSet(2, 4, 4, 1, px, new int[] { 0, 1, 1 }, C,
			null, null)).getMessage().contains("extra labels"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new StampSet(2, 4, 4, 1, px, new int[] { 0, 2 }, C,
			null, null)).getMessage().contains("out of range"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new StampSet(2, 4, 4, 1, px, new int[] { 0, 1 }, null,
			null, null)).getMessage().contains("no class names"));
	}

	@Test
	void stampsOfDifferentSizesAreRefusedByTheTrainer() {
		StampSet src = SyntheticStamps.make(16, 16, 1, 0, 1, 1, true, "a");
		StampSet tgt = SyntheticStamps.make(16, 24, 1, 0, 1, 2, false, "b");
		IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new Trainer(TrainingOptions
			.fromMap(Map.of("method", "dann"))).train(src, tgt, null, null));
		assertTrue(ex.getMessage().contains("stamps of different sizes"), ex.getMessage());
		assertTrue(ex.getMessage().contains("16x16") && ex.getMessage().contains("24x24"), ex.getMessage());
	}

	@Test
	void unknownMethodsOptionsAndMissingTargetsAreRefused() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingOptions.fromMap(Map.of("method", "tent")))
			.getMessage().contains("unknown method 'tent'"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingOptions.fromMap(Map.of("epoch", "3")))
			.getMessage().contains("unknown training option 'epoch'"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingOptions.fromMap(Map.of("lr", "fast")))
			.getMessage().contains("lr must be a number"));
		StampSet src = SyntheticStamps.make(16, 16, 1, 0, 1, 1, true, "a");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Trainer(TrainingOptions.fromMap(Map.of("method",
			"mmd"))).train(src, null, null, null)).getMessage().contains("needs target stamps"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Trainer(TrainingOptions.fromMap(Map.of("method",
			"fine-tune"))).train(src, null, null, null)).getMessage().contains("fineTune"));
	}

	@Test
	void asinhRobustNormalisationCentresAndBoundsEachBand() {
		StampSet s = SyntheticStamps.make(3, 16, 2, 0.1, 100, 5, true, "a");
		float[] n = Normalisation.defaults().apply(s);
		for (int k = 0; k < 3; k++)
			for (int b = 0; b < 2; b++) {
				float[] v = new float[256];
				for (int p = 0; p < 256; p++)
					v[p] = n[(k * 256 + p) * 2 + b];
				Arrays.sort(v);
				assertEquals(0, (v[127] + v[128]) / 2, 0.05, "median is ~0");
				assertTrue(v[255] < 2.5 && v[0] > -2.5, "asinh keeps values bounded");
			}
		float[] flat = Normalisation.defaults().apply(new StampSet(1, 4, 4, 1, new float[16], null, null, null, null));
		for (float f : flat)
			assertEquals(0, f);
	}

	@Test
	void augmentationOnlyPermutesPixels() {
		int size = 6, bands = 2;
		float[] batch = new float[size * size * bands];
		for (int i = 0; i < batch.length; i++)
			batch[i] = i;
		Augmenter a = new Augmenter(size, size, bands);
		SplittableRandom r = new SplittableRandom(1);
		for (int t = 0; t < 20; t++) {
			a.apply(batch, 0, r);
			float[] sorted = batch.clone();
			Arrays.sort(sorted);
			for (int i = 0; i < sorted.length; i++)
				assertEquals(i, sorted[i]);
			for (int p = 0; p < size * size; p++)
				assertEquals(0, (int) batch[p * bands] % 2, "bands stay together");
		}
	}

	@Test
	void relabelledMatchesClassesByName() {
		StampSet s = new StampSet(3, 1, 1, 1, new float[3], new int[] { 0, 1, -1 }, new String[] { "lens", "spiral" }, null,
			null);
		StampSet r = s.relabelled(new String[] { "spiral", "elliptical" });
		org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] { -1, 0, -1 }, r.labels());
		org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] { "spiral", "elliptical" }, r.classNames());
		org.junit.jupiter.api.Assertions.assertNull(StampSet.unlabelled(1, 1, 1, 1, new float[1], null, null).relabelled(
			new String[] { "a" }).labels());
	}
}
