package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class LossesTest {

	@Test
	void gradientReversalIsIdentityForwardAndMinusLambdaBackward() {
		float[] xv = { 1.5f, -2f, 0.25f, 3f, -0.5f, 7f };
		float[] cv = { 0.3f, -1.2f, 2f, 0.7f, -0.1f, 1f };
		float lambda = 0.37f;
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 3)));
			Placeholder<TFloat32> lam = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
			Operand<TFloat32> y = Losses.gradientReversal(tf, x, lam);
			// loss = sum(c * y): its gradient through an identity would be c, through the reversal -lambda c
			Operand<TFloat32> loss = tf.sum(tf.math.mul(y, tf.constant(new float[][] { { cv[0], cv[1], cv[2] }, { cv[3],
				cv[4], cv[5] } })), tf.constant(new int[] { 0, 1 }));
			Gradients grad = tf.gradients(loss, List.of(x));
			try (Session s = new Session(g);
					TFloat32 xt = TFloat32.tensorOf(Shape.of(2, 3), DataBuffers.of(xv, true, false));
					TFloat32 lt = TFloat32.scalarOf(lambda);
					Result r = s.runner().feed(x, xt).feed(lam, lt).fetch(y).fetch(grad.dy(0)).run())
			{
				float[] yv = new float[6], gv = new float[6];
				((TFloat32) r.get(0)).copyTo(DataBuffers.of(yv, false, false));
				((TFloat32) r.get(1)).copyTo(DataBuffers.of(gv, false, false));
				for (int i = 0; i < 6; i++) {
					assertEquals(xv[i], yv[i], 1e-5, "forward must be the identity");
					assertEquals(-lambda * cv[i], gv[i], 1e-5, "backward must be -lambda times the incoming gradient");
				}
			}
		}
	}

	@Test
	void mmdIsZeroForIdenticalBatchesAndGrowsWithShift() {
		int n = 8, d = 5;
		SplittableRandom r = new SplittableRandom(3);
		float[] base = new float[n * d];
		for (int i = 0; i < base.length; i++)
			base[i] = (float) r.nextDouble(-1, 1);
		double same = mmd(base, base, n, d, 0, false);
		double small = mmd(base, base, n, d, 0.5, false);
		double large = mmd(base, base, n, d, 2, false);
		assertEquals(0, same, 1e-4);
		assertTrue(small > 1e-3, "a shift must give a positive MMD, got " + small);
		assertTrue(large > small, "a larger shift must give a larger MMD: " + small + " vs " + large);
		assertEquals(0, mmd(base, base, n, d, 0, true), 1e-4);
		assertTrue(mmd(base, base, n, d, 2, true) > mmd(base, base, n, d, 0.5, true));
	}

	private static double mmd(float[] s, float[] t, int n, int d, double shift, boolean median) {
		float[] z = new float[2 * n * d];
		System.arraycopy(s, 0, z, 0, n * d);
		for (int i = 0; i < n * d; i++)
			z[n * d + i] = (float) (t[i] + shift);
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Operand<TFloat32> out = Losses.mmd(tf, tf.constant(Shape.of(2 * n, d), DataBuffers.of(z, true, false)), n,
				Losses.DEEPMERGE_BANDWIDTHS, median);
			try (Session sess = new Session(g); Result r = sess.runner().fetch(out).run()) {
				return ((TFloat32) r.get(0)).getFloat();
			}
		}
	}

	@Test
	void entropyOfUniformLogitsIsLogK() {
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Operand<TFloat32> h = Losses.entropy(tf, tf.constant(new float[][] { { 1, 1, 1 }, { 5, 5, 5 } }));
			try (Session s = new Session(g); Result r = s.runner().fetch(h).run()) {
				assertEquals(Math.log(3), ((TFloat32) r.get(0)).getFloat(), 1e-5);
			}
		}
	}
}
