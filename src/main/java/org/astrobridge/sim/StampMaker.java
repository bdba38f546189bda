package org.astrobridge.sim;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Renders and observes single stamps: object {@code index} of a factory through a domain, as float planes in FITS order
 * (index j*size + i), one per band. Stateless apart from its settings; safe to share between threads.
 */
public final class StampMaker {

	private final ObjectFactory factory;
	private final Renderer renderer;
	private final Camera camera;
	private final int size;
	private final int bandCount;
	private final long seed;
	private final long noiseStream;

	public StampMaker(ObjectFactory factory, Domain domain, int bands, int size, long seed) {
		if (size < 8 || size > 4096) throw new IllegalArgumentException("stampSize must lie in 8..4096, got " + size);
		int[] sel = Bands.select(bands);
		this.factory = factory;
		this.renderer = new Renderer(domain, sel);
		this.camera = new Camera(domain, sel);
		this.size = size;
		this.bandCount = sel.length;
		this.seed = seed;
		// the noise differs between domains, the objects do not
		this.noiseStream = 1000 + domain.name().hashCode();
	}

	/** A rendered stamp: planes per band and the r-band matched-filter S/N of the object (infinite without noise). */
	public record Stamp(SimObject object, float[][] planes, double snr) {}

	public Stamp make(int index) {
		SimObject obj = factory.create(seed, index);
		SplittableRandom rng = ObjectFactory.stream(seed, index, noiseStream);
		float[][] planes = new float[bandCount][size * size];
		// sub-pixel jitter: the anchor is not always on a pixel centre
		double c = (size - 1) / 2.0;
		double cx = c + rng.nextDouble() - 0.5, cy = c + rng.nextDouble() - 0.5;
		renderer.render(obj.components(), cx, cy, planes, size, size);
		double snr = snr(planes[bandCount == 1 ? 0 : 1]);
		camera.observe(planes, size, 0, size, rng, camera.badColumns(rng, size, size));
		return new Stamp(obj, planes, snr);
	}

	/** Stamps 0..n-1 interleaved band-last (NHWC, rows in FITS order) with their labels, as training code takes them. */
	public record Batch(float[] pixels, int[] labels) {}

	/** Renders stamps 0..n-1 in parallel; the result does not depend on the thread count. */
	public Batch makeAll(int n) {
		float[] px = new float[n * size * size * bandCount];
		int[] labels = new int[n];
		IntStream.range(0, n).parallel().forEach(k -> {
			Stamp s = make(k);
			labels[k] = s.object().label();
			for (int band = 0; band < bandCount; band++) {
				float[] plane = s.planes()[band];
				for (int p = 0; p < size * size; p++)
					px[(k * size * size + p) * bandCount + band] = plane[p];
			}
		});
		return new Batch(px, labels);
	}

	/** Optimal (matched-filter) S/N of a noise-free r image: sqrt(sum s^2 / var). */
	private double snr(float[] r) {
		Domain d = renderer.domain();
		if (!d.noise()) return Double.POSITIVE_INFINITY;
		double k = d.electronsPerNanomaggy(Bands.R), sky = d.skyElectrons(Bands.R), rn2 = d.readNoise() * d.readNoise();
		double s = 0;
		for (float v : r) {
			double e = Math.max(0, v) * k;
			s += e * e / (e + sky + rn2);
		}
		return Math.sqrt(s);
	}

	public int size() {
		return size;
	}

	public int bandCount() {
		return bandCount;
	}

	public Renderer renderer() {
		return renderer;
	}
}
