package org.astrobridge.nn.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key=value arguments of the training benchmarks: the benchmark's own keys, given with their defaults, and every
 * other key as a training option.
 */
public final class BenchmarkArguments {

	/** The benchmark's own keys, defaults overridden by the arguments. */
	public final Map<String, String> own;
	/** The remaining keys, as training options. */
	public final Map<String, String> training = new LinkedHashMap<>();

	private BenchmarkArguments(Map<String, String> own) {
		this.own = own;
	}

	/** @param defaults the benchmark's own keys with their default values */
	public static BenchmarkArguments parse(String[] args, Map<String, String> defaults) {
		BenchmarkArguments a = new BenchmarkArguments(new LinkedHashMap<>(defaults));
		for (String arg : args) {
			String[] kv = arg.split("=", 2);
			if (kv.length != 2) throw new IllegalArgumentException("arguments are key=value, got '" + arg + "'");
			if (a.own.containsKey(kv[0])) a.own.put(kv[0], kv[1]);
			else a.training.put(kv[0], kv[1]);
		}
		return a;
	}

	/** Mean and sample standard deviation (0 for one value). */
	public static double[] meanAndStd(double[] a) {
		double m = 0, v = 0;
		for (double x : a)
			m += x / a.length;
		for (double x : a)
			v += (x - m) * (x - m) / Math.max(1, a.length - 1);
		return new double[] { m, Math.sqrt(v) };
	}
}
