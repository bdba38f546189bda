package org.astrobridge.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of one graph, by name. Initial values are drawn in Java from a generator seeded by (seed, variable
 * name), so they do not depend on the order in which layers are built nor on TensorFlow's random ops, and every
 * variable can be set from Java (initialisation, best-weights restore, fine-tuning) through its own feed-and-assign op.
 */
final class Params {

	enum Init {
			HE, GLOROT, ZEROS, ONES
	}

	/** Kind decides what a snapshot holds: model weights (trainable and moving statistics) or optimiser state. */
	enum Kind {
			TRAINABLE, STATISTIC, OPTIMISER
	}

	static final class Entry {

		final String name;
		final long[] shape;
		final Init init;
		final Kind kind;
		final Variable<TFloat32> variable;
		final Placeholder<TFloat32> feed;
		final Assign<TFloat32> assign;

		Entry(String name, long[] shape, Init init, Kind kind, Variable<TFloat32> variable, Placeholder<TFloat32> feed,
			Assign<TFloat32> assign)
		{
			this.name = name;
			this.shape = shape;
			this.init = init;
			this.kind = kind;
			this.variable = variable;
			this.feed = feed;
			this.assign = assign;
		}

		int size() {
			long n = 1;
			for (long d : shape)
				n *= d;
			return (int) n;
		}
	}

	private final Ops tf;
	private final long seed;
	private final Map<String, Entry> entries = new LinkedHashMap<>();

	Params(Ops tf, long seed) {
		this.tf = tf;
		this.seed = seed;
	}

	/**
	 * The variable of that name (path segments separated by '/'; its TensorFlow op name uses '.' instead), created on
	 * first use (later calls must agree on shape).
	 */
	Variable<TFloat32> get(String name, Init init, Kind kind, long... shape) {
		Entry e = entries.get(name);
		if (e != null) {
			if (!java.util.Arrays.equals(e.shape, shape)) throw new IllegalStateException("variable " + name +
				" reused with another shape");
			return e.variable;
		}
		String opName = name.replace('/', '.');
		Variable<TFloat32> v = tf.withName(opName).variable(Shape.of(shape), TFloat32.class);
		Placeholder<TFloat32> feed = tf.withName(opName + "_feed").placeholder(TFloat32.class, Placeholder.shape(Shape.of(
			shape)));
		Assign<TFloat32> assign = tf.withName(opName + "_assign").assign(v, feed);
		entries.put(name, new Entry(name, shape.clone(), init, kind, v, feed, assign));
		return v;
	}

	List<Entry> entries(Kind kind) {
		List<Entry> out = new ArrayList<>();
		for (Entry e : entries.values())
			if (e.kind == kind) out.add(e);
		return out;
	}

	List<Entry> trainable(String prefix) {
		List<Entry> out = new ArrayList<>();
		for (Entry e : entries.values())
			if (e.kind == Kind.TRAINABLE && e.name.startsWith(prefix)) out.add(e);
		return out;
	}

	float[] initialValue(Entry e) {
		float[] v = new float[e.size()];
		switch (e.init) {
			case ZEROS:
				return v;
			case ONES:
				java.util.Arrays.fill(v, 1f);
				return v;
			default:
				long fanIn = 1, fanOut = e.shape[e.shape.length - 1];
				for (int d = 0; d < e.shape.length - 1; d++)
					fanIn *= e.shape[d];
				if (e.shape.length == 4) fanOut *= e.shape[0] * e.shape[1];
				double sd = e.init == Init.HE ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + fanOut));
				SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e.name.hashCode());
				for (int i = 0; i < v.length; i++) {
					double g;
					do
						g = gaussian(r);
					while (Math.abs(g) > 2);
					v[i] = (float) (g * sd);
				}
				return v;
		}
	}

	private static double gaussian(SplittableRandom r) {
		double u = 1 - r.nextDouble(), w = r.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
	}

	/**
	 * Sets every variable: from {@code values} where it has an entry of the right size, else to its initial value.
	 *
	 * @return the names taken from {@code values}
	 */
	List<String> assignAll(Session session, Map<String, float[]> values) {
		List<String> taken = new ArrayList<>();
		List<Tensor> tensors = new ArrayList<>();
		try {
			Session.Runner run = session.runner();
			for (Entry e : entries.values()) {
				float[] given = values == null ? null : values.get(e.name);
				float[] v;
				if (given != null) {
					if (given.length != e.size()) throw new IllegalArgumentException("weights for " + e.name + " hold " +
						given.length + " values, the network needs " + e.size());
					v = given;
					taken.add(e.name);
				}
				else {
					v = initialValue(e);
				}
				TFloat32 t = TFloat32.tensorOf(Shape.of(e.shape), DataBuffers.of(v, true, false));
				tensors.add(t);
				run.feed(e.feed, t).addTarget(e.assign);
			}
			run.run().close();
		}
		finally {
			for (Tensor t : tensors)
				t.close();
		}
		return taken;
	}

	/** Current values of the model weights (trainable variables and moving statistics), by name. */
	Map<String, float[]> read(Session session) {
		List<Entry> list = new ArrayList<>();
		for (Entry e : entries.values())
			if (e.kind != Kind.OPTIMISER) list.add(e);
		Map<String, float[]> out = new LinkedHashMap<>();
		Session.Runner run = session.runner();
		for (Entry e : list)
			run.fetch(e.variable);
		try (Result r = run.run()) {
			for (int i = 0; i < list.size(); i++) {
				float[] v = new float[list.get(i).size()];
				((TFloat32) r.get(i)).copyTo(DataBuffers.of(v, false, false));
				out.put(list.get(i).name, v);
			}
		}
		return out;
	}
}
