package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The oneDNN default reaches TensorFlow from inside the JVM, and an explicit 0 is respected (fresh JVMs). */
class TensorFlowRuntimeTest {

	/** Configures, then runs one TensorFlow op, as any entry point does. */
	public static final class Probe {

		public static void main(String[] args) {
			TensorFlowRuntime.configure();
			System.out.println("describe=" + TensorFlowRuntime.describe());
			System.out.println("enabled=" + TensorFlowRuntime.oneDnnEnabled());
			System.out.println("environment=" + TensorFlowRuntime.readEnvironment(TensorFlowRuntime.ONEDNN_VARIABLE));
			try (Graph g = new Graph(); Session s = new Session(g)) {
				Ops tf = Ops.create(g);
				try (TFloat32 sum = (TFloat32) s.runner().fetch(tf.math.add(tf.constant(1f), tf.constant(2f))).run().get(0)) {
					System.out.println("sum=" + sum.getFloat());
				}
			}
		}
	}

	@Test
	void unsetMeansOnAndTensorFlowSeesIt() throws Exception {
		String out = probe(null);
		assertTrue(out.contains("describe=TF_ENABLE_ONEDNN_OPTS=1 (AstroBridge default, set in-process)"), out);
		assertTrue(out.contains("enabled=true"), out);
		assertTrue(out.contains("environment=1"), out);
		assertTrue(out.contains("sum=3.0"), out);
		assertTrue(out.contains("oneDNN custom operations are on"), out); // TensorFlow's own start-up line
	}

	@Test
	void explicitZeroIsRespected() throws Exception {
		String out = probe("0");
		assertTrue(out.contains("describe=TF_ENABLE_ONEDNN_OPTS=0 (from the environment)"), out);
		assertTrue(out.contains("enabled=false"), out);
		assertTrue(out.contains("sum=3.0"), out);
		assertFalse(out.contains("oneDNN custom operations are on"), out);
	}

	private static String probe(String value) throws Exception {
		List<String> cmd = List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
			"-cp", System.getProperty("java.class.path"), Probe.class.getName());
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		if (value == null) pb.environment().remove(TensorFlowRuntime.ONEDNN_VARIABLE);
		else pb.environment().put(TensorFlowRuntime.ONEDNN_VARIABLE, value);
		Process p = pb.start();
		byte[] out = p.getInputStream().readAllBytes();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		String text = new String(out, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), text);
		return text;
	}
}
