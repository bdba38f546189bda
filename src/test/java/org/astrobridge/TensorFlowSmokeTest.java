package org.astrobridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** TensorFlow's native library loads on this platform and runs a small graph on the CPU. */
class TensorFlowSmokeTest {

	@Test
	void nativeLibraryRunsAMatrixProduct() {
		assertFalse(TensorFlow.version().isEmpty());
		try (Graph g = new Graph(); Session s = new Session(g)) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 2)));
			var y = tf.math.add(tf.linalg.matMul(x, tf.constant(new float[][] { { 1, 2 }, { 3, 4 } })), tf.constant(1f));
			try (TFloat32 in = TFloat32.tensorOf(StdArrays.ndCopyOf(new float[][] { { 1, 0 }, { 0, 2 } }));
					var result = s.runner().feed(x, in).fetch(y).run())
			{
				TFloat32 out = (TFloat32) result.get(0);
				float[] values = new float[4];
				for (int i = 0; i < 4; i++)
					values[i] = out.getFloat(i / 2, i % 2);
				// [[1,0],[0,2]] x [[1,2],[3,4]] + 1
				assertArrayEquals(new float[] { 2, 3, 7, 9 }, values, 0f);
			}
		}
	}
}
