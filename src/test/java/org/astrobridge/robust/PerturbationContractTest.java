package org.astrobridge.robust;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import org.astrobridge.nn.StampSet;
import org.junit.jupiter.api.Test;

/** What every registered perturbation promises: determinism, identity at 0, untouched input, seeds per stamp. */
class PerturbationContractTest {

	private static final StampShape SHAPE = new StampShape(40, 48, 3);

	@Test
	void registryHasEveryPerturbationWithFiveIncreasingStrengths() {
		List<String> names = Perturbations.names();
		assertEquals(List.of("noise", "exposure", "blur", "compression", "quantisation", "bad-pixels", "bad-pixels-nan",
			"bad-columns", "cosmic-rays", "saturation", "sky-offset"), names);
		assertEquals(names.size() - 1, Perturbations.standard().size());
		assertEquals(names.size(), new HashSet<>(names).size());
		for (Perturbation p : Perturbations.all()) {
			double[] s = p.defaultStrengths();
			assertEquals(5, s.length, p.name());
			for (int k = 0; k < s.length; k++) {
				assertTrue(s[k] > 0, p.name());
				if (k > 0) assertTrue(s[k] > s[k - 1], p.name());
				p.checkStrength(s[k]);
			}
			assertFalse(p.strengthUnit().isBlank());
			assertEquals(p.name(), Perturbations.byName(p.name().toUpperCase()).name());
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Perturbations.byName("fog"));
		assertTrue(e.getMessage().contains("fog") && e.getMessage().contains("blur"), e.getMessage());
	}

	@Test
	void sameSeedSameResultAndStrengthZeroIsIdentityAndInputUntouched() {
		float[] stamp = TestStamps.galaxy(SHAPE, 500, 2, 1);
		stamp[SHAPE.index(3, 4, 1)] = Float.NaN;
		float[] copy = stamp.clone();
		for (Perturbation p : Perturbations.all()) {
			float[] zero = p.apply(stamp, SHAPE, 0, 5);
			assertNotSame(stamp, zero);
			assertEquals(0, TestStamps.changed(stamp, zero), p.name() + " at strength 0");
			for (double s : p.defaultStrengths()) {
				float[] a = p.apply(stamp, SHAPE, s, 42), b = p.apply(stamp, SHAPE, s, 42);
				assertArrayEquals(a, b, p.name() + " " + s);
				assertTrue(TestStamps.changed(stamp, a) > 0, p.name() + " at " + s + " changed nothing");
				if (!p.name().startsWith("bad-")) assertTrue(Float.isNaN(a[SHAPE.index(3, 4, 1)]), p.name() +
					" must leave a NaN pixel NaN");
			}
			assertArrayEquals(copy, stamp, p.name() + " modified its input");
		}
	}

	@Test
	void randomPerturbationsDependOnTheSeed() {
		float[] stamp = TestStamps.galaxy(SHAPE, 500, 2, 1);
		for (String name : List.of("noise", "exposure", "bad-pixels", "bad-columns", "cosmic-rays")) {
			Perturbation p = Perturbations.byName(name);
			double s = p.defaultStrengths()[2];
			assertFalse(Arrays.equals(p.apply(stamp, SHAPE, s, 1), p.apply(stamp, SHAPE, s, 2)), name);
		}
	}

	@Test
	void stampSetUsesOneDerivedSeedPerStampAndKeepsLabels() {
		int n = 7;
		float[] px = new float[n * SHAPE.size()];
		for (int k = 0; k < n; k++)
			System.arraycopy(TestStamps.galaxy(SHAPE, 100 + k, 1, k), 0, px, k * SHAPE.size(), SHAPE.size());
		float[] pxCopy = px.clone();
		int[] labels = { 0, 1, 0, 1, 1, 0, -1 };
		StampSet set = new StampSet(n, SHAPE.height(), SHAPE.width(), SHAPE.bands(), px, labels, new String[] { "disc",
			"merger" }, "sim", "toy");
		for (Perturbation p : Perturbations.all()) {
			double s = p.defaultStrengths()[1];
			StampSet out = p.apply(set, s, 99);
			assertArrayEquals(pxCopy, px, p.name() + " modified the set");
			assertArrayEquals(labels, out.labels());
			assertNotSame(labels, out.labels());
			assertEquals("sim", out.domain());
			assertArrayEquals(set.classNames(), out.classNames());
			for (int k = 0; k < n; k++) {
				float[] expected = p.apply(StampShape.stamp(set, k), SHAPE, s, StampSeeds.forStamp(99, k));
				assertArrayEquals(expected, StampShape.stamp(out, k), p.name() + " stamp " + k);
			}
			assertArrayEquals(out.pixels(), p.apply(set, s, 99).pixels(), p.name() + " not reproducible on a set");
			assertArrayEquals(px, p.apply(set, 0, 99).pixels(), p.name() + " set at strength 0");
		}
	}

	@Test
	void invalidInputsAreRejectedWithClearMessages() {
		float[] stamp = TestStamps.galaxy(SHAPE, 100, 1, 1);
		Perturbation blur = Perturbations.byName("blur");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> blur.apply(stamp, SHAPE, -1, 0));
		assertTrue(e.getMessage().startsWith("blur"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> blur.apply(stamp, SHAPE, Double.NaN, 0));
		e = assertThrows(IllegalArgumentException.class, () -> blur.apply(new float[10], SHAPE, 1, 0));
		assertTrue(e.getMessage().contains("10 values"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Perturbations.byName("saturation").apply(stamp, SHAPE, 1, 0));
		assertThrows(IllegalArgumentException.class, () -> Perturbations.byName("compression").apply(stamp, SHAPE, 100, 0));
		assertThrows(IllegalArgumentException.class, () -> Perturbations.byName("bad-pixels").apply(stamp, SHAPE, 1.5, 0));
		e = assertThrows(IllegalArgumentException.class, () -> Perturbations.byName("bad-columns").apply(stamp, SHAPE, 49,
			0));
		assertTrue(e.getMessage().contains("48 columns"), e.getMessage());
		float[] shifted = Perturbations.byName("sky-offset").apply(stamp, SHAPE, -2, 0);
		assertTrue(shifted[0] < stamp[0]);
	}
}
