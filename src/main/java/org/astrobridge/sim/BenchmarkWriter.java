package org.astrobridge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsTable;
import org.astrobridge.fits.FitsWriter;
import org.astrobridge.fits.Wcs;
import org.astrobridge.util.AtomicFiles;

/**
 * Writes a benchmark data set: a stamp stack or a field, its labels (FITS table and CSV) and a contact sheet. Work is
 * spread over {@code spec.threads()} threads without changing a byte of the output.
 */
public final class BenchmarkWriter {

	/** Rows rendered together in field mode; fixed so that the output does not depend on the thread count. */
	private static final int STRIP = 128;

	/** Header keys SIMOPT01, SIMOPT02, ...: the options that made the file (see {@link SimulationSpec#recipe()}). */
	public static final String SIMOPT = "SIMOPT";

	/** The header key of simulator option k (1-based): SIMOPT01, SIMOPT02, ... */
	public static String simoptKey(int k) {
		return String.format(Locale.ROOT, "%s%02d", SIMOPT, k);
	}

	private final SimulationSpec spec;
	private final DoubleConsumer progress;
	private final BooleanSupplier cancelled;
	private double reported = -1;

	/** What was written. */
	public record Result(List<Path> files, int[] classCounts, List<String> classNames) {}

	/**
	 * @param progress receives 0..1 (calls are serialised and increasing); may be null
	 * @param cancelled polled often; when it turns true, writing stops with a {@link CancellationException} and nothing
	 *          of the data set is left behind
	 */
	public BenchmarkWriter(SimulationSpec spec, DoubleConsumer progress, BooleanSupplier cancelled) {
		this.spec = spec;
		this.progress = progress == null ? p -> {} : progress;
		this.cancelled = cancelled == null ? () -> false : cancelled;
	}

	public static Result write(SimulationSpec spec) throws IOException {
		return new BenchmarkWriter(spec, null, null).write();
	}

	public Result write() throws IOException {
		Files.createDirectories(spec.outputDir());
		return spec.mode() == SimulationSpec.Mode.STAMPS ? writeStamps() : writeField();
	}

	private synchronized void report(double p) {
		if (p > reported + 0.005 || p >= 1) {
			reported = p;
			progress.accept(Math.min(1, p));
		}
	}

	private void checkCancelled() {
		if (cancelled.getAsBoolean()) throw new CancellationException("simulation cancelled");
	}

	private void parallel(int count, java.util.function.IntConsumer body) throws IOException {
		ForkJoinPool pool = new ForkJoinPool(spec.threads());
		try {
			pool.submit(() -> IntStream.range(0, count).parallel().forEach(body)).get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("simulation interrupted");
		}
		catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof CancellationException ce) throw ce;
			if (c instanceof UncheckedIOException u) throw u.getCause();
			if (c instanceof RuntimeException r) throw r;
			throw new IOException("simulation failed: " + c, c);
		}
		finally {
			pool.shutdownNow();
		}
	}

	// ---------------------------------------------------------------- stamps

	private Result writeStamps() throws IOException {
		int n = spec.n(), size = spec.stampSize();
		StampMaker maker = new StampMaker(spec.factory(), spec.domain(), spec.bands(), size, spec.seed());
		int nb = maker.bandCount();
		float[][] planes = new float[n * nb][];
		SimObject[] objects = new SimObject[n];
		double[] snr = new double[n];
		java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
		parallel(n, i -> {
			checkCancelled();
			StampMaker.Stamp s = maker.make(i);
			for (int b = 0; b < nb; b++)
				planes[i + n * b] = s.planes()[b];
			objects[i] = s.object();
			snr[i] = s.snr();
			report(0.9 * done.incrementAndGet() / n);
		});
		checkCancelled();
		List<Path> files = new ArrayList<>();
		FitsHeader h = header(spec.domain(), nb);
		h.set("NSTAMPS", n, "number of stamps (NAXIS3)");
		FitsTable labels = labelTable(objects, snr, null, null, null);
		Path fits = spec.outputDir().resolve(spec.stem() + "_stamps.fits");
		int[] extra = nb == 1 ? new int[] { n } : new int[] { n, nb };
		FitsWriter.write(fits, new FitsImage(size, size, extra, planes, h), labels);
		files.add(fits);
		Path csv = spec.outputDir().resolve(spec.stem() + "_labels.csv");
		writeCsv(csv, labels);
		files.add(csv);
		if (spec.classFolders()) {
			for (int i = 0; i < n; i++) {
				checkCancelled();
				SimObject o = objects[i];
				Path dir = spec.outputDir().resolve(o.className());
				Files.createDirectories(dir);
				FitsHeader hs = header(spec.domain(), nb);
				hs.set("INDEX", i, "index in the stamp stack and labels table");
				hs.set("LABEL", o.label(), "class label");
				hs.set("CLASS", o.className(), "class name");
				float[][] p = new float[nb][];
				for (int b = 0; b < nb; b++)
					p[b] = planes[i + n * b];
				FitsWriter.write(dir.resolve(String.format(Locale.ROOT, "%06d.fits", i)), new FitsImage(size, size, nb == 1
					? new int[0] : new int[] { nb }, p, hs));
			}
		}
		if (spec.contactSheet()) {
			List<float[][][]> rows = new ArrayList<>();
			int k = spec.task().classes().size();
			int[] filled = new int[k];
			for (int c = 0; c < k; c++)
				rows.add(new float[spec.examples()][][]);
			for (int i = 0; i < n; i++) {
				int l = objects[i].label();
				if (filled[l] < spec.examples()) {
					float[][] p = new float[nb][];
					for (int b = 0; b < nb; b++)
						p[b] = planes[i + n * b];
					rows.get(l)[filled[l]++] = p;
				}
			}
			files.add(sheet(rows, filled, size));
		}
		report(1);
		return new Result(files, counts(objects), spec.task().classes());
	}

	// ---------------------------------------------------------------- field

	private Result writeField() throws IOException {
		int size = spec.fieldSize(), n = spec.n();
		Domain d = spec.domain();
		FieldArtefacts fa = spec.artefacts();
		int[] bandSel = Bands.select(spec.bands());
		int nb = bandSel.length;
		ObjectFactory factory = spec.factory();
		SplittableRandom place = ObjectFactory.stream(spec.seed(), -1, 11);
		int stars = (int) Math.round(0.3 * n);
		int total = n + stars;
		// rendered objects: galaxies, field stars, then (each from its own stream) bright stars and lenses
		int rendered = total + fa.brightStars() + fa.lenses();
		SimObject[] objects = new SimObject[rendered];
		double[] xs = new double[rendered], ys = new double[rendered], reach = new double[rendered];
		double psfReach = 5 * d.psfFwhm();
		for (int i = 0; i < total; i++) {
			xs[i] = place.nextDouble() * (size - 1);
			ys[i] = place.nextDouble() * (size - 1);
			objects[i] = i < n ? factory.create(spec.seed(), i) : fieldStar(place);
		}
		SplittableRandom brightRng = ObjectFactory.stream(spec.seed(), -4, 13);
		double saturationMag = saturationMag(d);
		for (int i = total; i < total + fa.brightStars(); i++) {
			xs[i] = brightRng.nextDouble() * (size - 1);
			ys[i] = brightRng.nextDouble() * (size - 1);
			objects[i] = star(ObjectFactory.u(brightRng, saturationMag - 3, saturationMag - 0.5), ObjectFactory.u(brightRng,
				0.3, 1.4));
		}
		SplittableRandom lensRng = ObjectFactory.stream(spec.seed(), -5, 14);
		for (int i = total + fa.brightStars(); i < rendered; i++) {
			xs[i] = lensRng.nextDouble() * (size - 1);
			ys[i] = lensRng.nextDouble() * (size - 1);
			objects[i] = factory.unseenLens(lensRng);
		}
		for (int i = 0; i < rendered; i++)
			reach[i] = (extent(objects[i]) + psfReach) / d.pixelScale();
		FieldPainter.Trail[] trails = FieldPainter.trails(ObjectFactory.stream(spec.seed(), -6, 15), fa.satelliteTrails(),
			size, d);
		FieldPainter.Ghost[] ghosts = ghosts(fa.ghosts(), objects, xs, ys, size, d);
		double[] skySigmas = FieldPainter.skySigmas(d, bandSel);
		float[][] planes = new float[nb][size * size];
		Renderer renderer = new Renderer(d, bandSel);
		Camera camera = new Camera(d, bandSel);
		Camera.BadColumn[] bad = camera.badColumns(ObjectFactory.stream(spec.seed(), -2, 12), size, size);
		int strips = (size + STRIP - 1) / STRIP;
		long noiseStream = 1000 + d.name().hashCode();
		@SuppressWarnings("unchecked")
		List<double[]>[] hits = new List[strips];
		boolean bleed = fa.bleedTrails() && d.saturation() > 0;
		int passes = bleed ? 2 : 1;
		java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
		parallel(strips, s -> {
			int row0 = s * STRIP, row1 = Math.min(size, row0 + STRIP);
			for (int i = 0; i < rendered; i++) {
				if (ys[i] + reach[i] < row0 || ys[i] - reach[i] >= row1) continue;
				if ((i & 63) == 0) checkCancelled();
				renderer.render(objects[i].components(), xs[i], ys[i], planes, size, size, row0, row1);
			}
			FieldPainter.paint(trails, ghosts, planes, size, row0, row1, skySigmas);
			if (!bleed) observe(camera, planes, size, s, noiseStream, bad, hits, fa);
			report(0.85 * done.incrementAndGet() / (passes * strips));
		});
		if (bleed) {
			float[] full = new float[nb];
			for (int b = 0; b < nb; b++) {
				// the level Camera.observe clips at, to the bit
				full[b] = (float) ((d.saturation() - d.skyElectrons(bandSel[b])) * (1 / d.electronsPerNanomaggy(bandSel[b])));
			}
			markSaturatedStars(objects, xs, ys, planes, size, full);
			boolean[][] atFull = new boolean[nb][size * size];
			parallel(strips, k -> {
				checkCancelled();
				int c0 = k * STRIP, c1 = Math.min(size, (k + 1) * STRIP);
				for (int b = 0; b < nb; b++) {
					FieldPainter.bleed(planes[b], size, size, full[b], c0, c1);
					for (int j = 0; j < size; j++)
						for (int i = c0; i < c1; i++)
							atFull[b][j * size + i] = planes[b][j * size + i] >= full[b];
					// a bad column reads its own value, full well or not
					for (Camera.BadColumn bc : bad) {
						if (bc.column() < c0 || bc.column() >= c1) continue;
						for (int j = bc.row(); j < Math.min(size, bc.row() + bc.length()); j++)
							atFull[b][j * size + bc.column()] = false;
					}
				}
			});
			parallel(strips, s -> {
				checkCancelled();
				observe(camera, planes, size, s, noiseStream, bad, hits, fa);
				// a full well reads full, whatever the noise would have made of it: the header's SATURATE
				for (int b = 0; b < nb; b++) {
					float level = camera.saturationLevel(b);
					for (int i = s * STRIP * size; i < Math.min(size, (s + 1) * STRIP) * size; i++)
						if (atFull[b][i]) planes[b][i] = level;
				}
				report(0.85 * done.incrementAndGet() / (passes * strips));
			});
		}
		checkCancelled();
		// truth rows of the artefacts, after the rendered objects
		List<SimObject> extra = new ArrayList<>();
		List<double[]> extraXy = new ArrayList<>();
		if (fa.artefactTruth()) {
			for (List<double[]> strip : hits) {
				if (strip == null) continue;
				for (double[] hit : strip) {
					extra.add(artefact(FieldArtefacts.COSMIC_RAY, "cosmic_ray", hit[2], Double.NaN));
					extraXy.add(new double[] { hit[0], hit[1] });
				}
			}
			for (Camera.BadColumn bc : bad) {
				if (bc.column() >= size) continue;
				int end = Math.min(size, bc.row() + bc.length());
				for (double[] c : FieldPainter.pieces(bc.column(), bc.row(), 0, 1, end - 1 - bc.row())) {
					extra.add(artefact(FieldArtefacts.BAD_COLUMN, "bad_column", 90, Double.NaN));
					extraXy.add(c);
				}
			}
		}
		for (FieldPainter.Trail t : trails) {
			for (double[] c : FieldPainter.segments(t.x(), t.y(), t.angle(), size)) {
				extra.add(artefact(FieldArtefacts.SATELLITE_TRAIL, "satellite_trail", Math.toDegrees(t.angle()), Double.NaN));
				extraXy.add(c);
			}
		}
		for (FieldPainter.Ghost g : ghosts) {
			extra.add(artefact(FieldArtefacts.GHOST, "ghost", Double.NaN, g.radiusPx() * d.pixelScale()));
			extraXy.add(new double[] { g.x(), g.y() });
		}
		int rows = rendered + extra.size();
		SimObject[] truthObjects = java.util.Arrays.copyOf(objects, rows);
		double[] tx = java.util.Arrays.copyOf(xs, rows), ty = java.util.Arrays.copyOf(ys, rows);
		for (int k = 0; k < extra.size(); k++) {
			truthObjects[rendered + k] = extra.get(k);
			tx[rendered + k] = extraXy.get(k)[0];
			ty[rendered + k] = extraXy.get(k)[1];
		}
		Wcs wcs = Wcs.tan((size + 1) / 2.0, (size + 1) / 2.0, spec.fieldRa(), spec.fieldDec(), d.pixelScale(), 0);
		double[] ra = new double[rows], dec = new double[rows];
		int[] blend = new int[rows];
		for (int i = 0; i < rows; i++) {
			double[] sky = wcs.pixelToSky(tx[i], ty[i]);
			ra[i] = sky[0];
			dec[i] = sky[1];
		}
		// neighbours whose light overlaps: centres closer than 3 arcsec plus both half-light radii
		for (int i = 0; i < rendered; i++) {
			for (int j = i + 1; j < rendered; j++) {
				double lim = (3 + size(objects[i]) + size(objects[j])) / d.pixelScale();
				double dx = xs[i] - xs[j], dy = ys[i] - ys[j];
				if (dx * dx + dy * dy < lim * lim) {
					blend[i]++;
					blend[j]++;
				}
			}
		}
		FitsHeader h = header(d, nb);
		wcs.writeTo(h);
		h.set("NOBJECTS", rows, fa.any() ? "rows of the truth table: objects and artefacts"
			: "galaxies and stars in the truth table");
		FitsTable truth = labelTable(truthObjects, null, new double[][] { tx, ty, ra, dec }, blend, "TRUTH");
		List<Path> files = new ArrayList<>();
		Path fits = spec.outputDir().resolve(spec.stem() + "_field.fits");
		FitsWriter.write(fits, new FitsImage(size, size, nb == 1 ? new int[0] : new int[] { nb }, planes, h), truth);
		files.add(fits);
		Path csv = spec.outputDir().resolve(spec.stem() + "_truth.csv");
		writeCsv(csv, truth);
		files.add(csv);
		if (spec.contactSheet()) {
			int k = spec.task().classes().size(), ss = spec.stampSize();
			List<float[][][]> sheetRows = new ArrayList<>();
			int[] filled = new int[k];
			for (int c = 0; c < k; c++)
				sheetRows.add(new float[spec.examples()][][]);
			for (int i = 0; i < n; i++) {
				int l = objects[i].label();
				if (filled[l] < spec.examples()) sheetRows.get(l)[filled[l]++] = cutout(planes, size, xs[i], ys[i], ss);
			}
			files.add(sheet(sheetRows, filled, ss));
		}
		report(1);
		int[] counts = counts(java.util.Arrays.copyOf(objects, n));
		return new Result(files, counts, spec.task().classes());
	}

	/** The camera on strip s, collecting its cosmic-ray hits when they get truth rows. */
	private void observe(Camera camera, float[][] planes, int size, int s, long noiseStream, Camera.BadColumn[] bad,
		List<double[]>[] hits, FieldArtefacts fa)
	{
		int row0 = s * STRIP, row1 = Math.min(size, row0 + STRIP);
		List<double[]> mine = fa.artefactTruth() ? new ArrayList<>() : null;
		camera.observe(planes, size, row0, row1, ObjectFactory.stream(spec.seed(), -3 - s, noiseStream), bad, mine);
		hits[s] = mine;
	}

	/** Ghosts of the brightest rendered stars, brightest first (ties by index, so the order is fixed). */
	private FieldPainter.Ghost[] ghosts(int count, SimObject[] objects, double[] xs, double[] ys, int size, Domain d) {
		if (count == 0) return new FieldPainter.Ghost[0];
		List<Integer> stars = new ArrayList<>();
		for (int i = 0; i < objects.length; i++)
			if (objects[i].label() == FieldArtefacts.STAR) stars.add(i);
		stars.sort(java.util.Comparator.comparingDouble((Integer i) -> objects[i].param("mag_r")).thenComparingInt(i -> i));
		double[] sx = stars.stream().mapToDouble(i -> xs[i]).toArray(), sy = stars.stream().mapToDouble(i -> ys[i])
			.toArray();
		return FieldPainter.ghosts(ObjectFactory.stream(spec.seed(), -7, 16), count, size, d, sx, sy);
	}

	/** Renames the stars whose noise-free peak (3 x 3 pixels around the centre) exceeds the full well in any band. */
	private static void markSaturatedStars(SimObject[] objects, double[] xs, double[] ys, float[][] planes, int size,
		float[] full)
	{
		for (int i = 0; i < objects.length; i++) {
			SimObject o = objects[i];
			if (o.label() != FieldArtefacts.STAR) continue;
			int ci = (int) Math.round(xs[i]), cj = (int) Math.round(ys[i]);
			boolean saturated = false;
			for (int b = 0; b < planes.length; b++) {
				for (int j = Math.max(0, cj - 1); j <= Math.min(size - 1, cj + 1); j++) {
					for (int k = Math.max(0, ci - 1); k <= Math.min(size - 1, ci + 1); k++) {
						saturated |= planes[b][j * size + k] > full[b];
					}
				}
			}
			if (saturated) objects[i] = new SimObject(o.label(), "saturated_star", o.components(), o.params(), o.features());
		}
	}

	/** r magnitude of a star whose peak pixel just reaches the full well (15 where nothing saturates). */
	public static double saturationMag(Domain d) {
		if (d.saturation() <= 0) return 15;
		GaussianMixture p = d.psf();
		double peak = 0; // PSF density at its centre per arcsec^2
		for (int i = 0; i < p.size(); i++)
			peak += p.weights()[i] / (2 * Math.PI * p.sigmas()[i] * p.sigmas()[i]);
		double full = (d.saturation() - d.skyElectrons(Bands.R)) / d.electronsPerNanomaggy(Bands.R);
		return Bands.magnitude(full / (peak * d.pixelScale() * d.pixelScale()));
	}

	/** A truth row for an artefact: no components; pa_deg its direction, re_arcsec its radius where it has one. */
	private static SimObject artefact(int label, String name, double paDeg, double reArcsec) {
		double[] p = SimObject.emptyParams();
		p[SimObject.PARAMS.indexOf("pa_deg")] = paDeg;
		p[SimObject.PARAMS.indexOf("re_arcsec")] = reArcsec;
		return new SimObject(label, name, List.of(), p, "");
	}

	/** A field star: label -1, class "star", r = 15..22. */
	private static SimObject fieldStar(SplittableRandom rng) {
		double mag = ObjectFactory.u(rng, 15, 22), gr = ObjectFactory.u(rng, 0.3, 1.4);
		return star(mag, gr);
	}

	private static SimObject star(double mag, double gr) {
		double[] p = SimObject.emptyParams();
		p[SimObject.PARAMS.indexOf("mag_r")] = mag;
		p[SimObject.PARAMS.indexOf("g_r")] = gr;
		p[SimObject.PARAMS.indexOf("r_i")] = 0.4 * gr;
		return new SimObject(-1, "star", List.of(Component.Blob.point(0, 0, Bands.fluxes(mag, gr, 0.4 * gr))), p, "");
	}

	/** Radius (arcsec) beyond which an object's light is negligible. */
	private static double extent(SimObject o) {
		double r = 0;
		for (Component c : o.components()) {
			if (c instanceof Component.Sersic s) r = Math.max(r, Math.hypot(s.x(), s.y()) + 5 * s.re());
			else if (c instanceof Component.Blob b) r = Math.max(r, Math.hypot(b.x(), b.y()) + 4.5 * Math.sqrt(Math.max(b
				.cxx(), b.cyy())));
			else if (c instanceof Component.LensedSource l) r = Math.max(r, Math.hypot(l.x(), l.y()) + 2 * l.thetaE() + 5 * l
				.srcRe());
		}
		return r;
	}

	private static double size(SimObject o) {
		double re = o.param("re_arcsec");
		return Double.isNaN(re) ? 0 : re;
	}

	private static float[][] cutout(float[][] planes, int size, double x, double y, int ss) {
		float[][] out = new float[planes.length][ss * ss];
		int x0 = (int) Math.round(x) - ss / 2, y0 = (int) Math.round(y) - ss / 2;
		for (int b = 0; b < planes.length; b++) {
			for (int j = 0; j < ss; j++) {
				int fy = y0 + j;
				if (fy < 0 || fy >= size) continue;
				for (int i = 0; i < ss; i++) {
					int fx = x0 + i;
					if (fx >= 0 && fx < size) out[b][j * ss + i] = planes[b][fy * size + fx];
				}
			}
		}
		return out;
	}

	// ---------------------------------------------------------------- shared

	private int[] counts(SimObject[] objects) {
		int[] c = new int[spec.task().classes().size()];
		for (SimObject o : objects)
			if (o.label() >= 0) c[o.label()]++;
		return c;
	}

	private Path sheet(List<float[][][]> rows, int[] filled, int size) throws IOException {
		List<float[][][]> used = new ArrayList<>();
		for (int c = 0; c < rows.size(); c++)
			if (filled[c] > 0) used.add(rows.get(c));
		Path png = spec.outputDir().resolve(spec.stem() + "_contact.png");
		double soft = spec.domain().noise() ? 2 * spec.domain().skyNoise(Bands.R) : 0;
		ContactSheet.write(ContactSheet.build(used, size, soft), png);
		return png;
	}

	/** Header cards every output shares: what was simulated and how, so a reader needs no side files. */
	private FitsHeader header(Domain d, int nb) {
		FitsHeader h = new FitsHeader();
		int[] sel = Bands.select(nb);
		h.set("CREATOR", "AstroBridge sim", "org.astrobridge.sim");
		h.set("TASK", spec.task().id(), "benchmark task");
		h.set("DOMAIN", d.name(), "observing domain preset");
		h.set("SEED", spec.seed(), "random seed");
		h.set("PIXSCALE", d.pixelScale(), "[arcsec/pixel]");
		h.set("PSFFWHM", d.psfFwhm(), "[arcsec] PSF FWHM, all bands");
		h.set("PSFMODEL", d.moffatBeta() == 0 ? "GAUSSIAN" : "MOFFAT", "PSF profile");
		if (d.moffatBeta() != 0) h.set("MOFFBETA", d.moffatBeta(), "Moffat beta");
		h.set("BUNIT", "nanomaggy", "sky-subtracted; 1 nanomaggy = 22.5 AB mag");
		h.set("MAGZP", 22.5, "AB magnitude of 1 pixel unit");
		h.set("EXPTIME", d.exposure(), "[s] exposure");
		h.set("GAIN", d.gain(), "[e-/ADU]");
		h.set("RDNOISE", d.readNoise(), "[e-] read noise");
		// SATURATE in image units, as FITS readers and SExtractor expect it; the electrons go in SATUR_E
		Camera camera = new Camera(d, sel);
		if (d.saturation() > 0) {
			h.set("SATURATE", camera.saturationLevel(0), "[nanomaggy] a saturated pixel reads this (band 1)");
			if (nb > 1) {
				for (int b = 0; b < nb; b++)
					h.set("SATUR" + (b + 1), camera.saturationLevel(b), "[nanomaggy] saturation of band plane " + (b + 1));
			}
		}
		h.set("SATUR_E", d.saturation(), "[e-] full well incl. sky, 0 = none");
		h.set("NOISE", d.noise(), "noise added");
		h.set("COSMICR", d.cosmicRays(), "cosmic rays per megapixel");
		h.set("BADCOLS", d.badColumns(), "bad columns per 1000 columns");
		h.set("QUANTIZ", d.quantize(), "lossy quantisation q, 0 = off");
		h.set("NBANDS", nb, "bands (NAXIS4 for stamp stacks when > 1)");
		for (int b = 0; b < nb; b++) {
			int band = sel[b];
			h.set("BAND" + (b + 1), Bands.NAMES[band], "filter of band plane " + (b + 1));
			h.set("SKYMAG" + (b + 1), d.skyMag()[band], "[mag/arcsec2] sky (subtracted)");
			h.set("SKYSIG" + (b + 1), d.skyNoise(band), "[nanomaggy] RMS of empty sky");
			h.set("DEPTH" + (b + 1), d.pointSourceDepth(band), "[mag] 5-sigma point-source depth");
			h.set("ZP" + (b + 1), d.zeropoint()[band], "[mag] gives 1 e-/s");
		}
		List<String> classes = spec.task().classes();
		h.set("NCLASS", classes.size(), "class labels 0..NCLASS-1");
		for (int c = 0; c < classes.size(); c++)
			h.set("CLASS" + c, classes.get(c), "name of label " + c);
		h.set("LENSFRAC", spec.lensFraction(), "fraction of lenses (morphology)");
		h.set("STARFRAC", spec.starFraction(), "probability of a contaminating star per object");
		int k = 1;
		for (Map.Entry<String, String> e : spec.recipe().entrySet())
			h.set(simoptKey(k++), e.getKey() + "=" + e.getValue(), "simulator option as given");
		return h;
	}

	/** index, label, class_name, features, [snr_r | x, y, ra, dec, blend], then {@link SimObject#PARAMS}. */
	private FitsTable labelTable(SimObject[] objects, double[] snr, double[][] pos, int[] blend, String extname) {
		int n = objects.length;
		int[] index = new int[n], label = new int[n];
		String[] names = new String[n], features = new String[n];
		for (int i = 0; i < n; i++) {
			index[i] = i;
			label[i] = objects[i].label();
			names[i] = objects[i].className();
			features[i] = objects[i].features().isEmpty() ? "none" : objects[i].features();
		}
		FitsTable t = new FitsTable(extname == null ? "LABELS" : extname);
		t.addColumn(pos == null ? "index" : "id", index, null).addColumn("label", label, null).addColumn("class_name",
			names).addColumn("features", features);
		if (snr != null) t.addColumn("snr_r", snr, null);
		if (pos != null) {
			t.addColumn("x", pos[0], "pixel").addColumn("y", pos[1], "pixel").addColumn("ra", pos[2], "deg").addColumn("dec",
				pos[3], "deg").addColumn("blend", blend, null);
		}
		for (int k = 0; k < SimObject.PARAMS.size(); k++) {
			double[] col = new double[n];
			for (int i = 0; i < n; i++)
				col[i] = objects[i].params()[k];
			String name = SimObject.PARAMS.get(k);
			t.addColumn(name, col, name.endsWith("arcsec") ? "arcsec" : name.endsWith("deg") ? "deg" : name.contains("mag")
				? "mag" : null);
		}
		return t;
	}

	/** The table as CSV with a header row; NaN (not applicable) is written as an empty field. */
	private static void writeCsv(Path file, FitsTable t) throws IOException {
		StringBuilder sb = new StringBuilder();
		List<String> cols = t.columnNames();
		sb.append(String.join(",", cols)).append('\n');
		Object[] data = new Object[cols.size()];
		for (int c = 0; c < cols.size(); c++) {
			String name = cols.get(c);
			try {
				data[c] = t.stringColumn(name);
			}
			catch (RuntimeException notString) {
				try {
					data[c] = t.intColumn(name);
				}
				catch (RuntimeException notInt) {
					data[c] = t.doubleColumn(name);
				}
			}
		}
		for (int r = 0; r < t.rowCount(); r++) {
			for (int c = 0; c < cols.size(); c++) {
				if (c > 0) sb.append(',');
				Object col = data[c];
				if (col instanceof String[] s) sb.append(s[r]);
				else if (col instanceof int[] iv) sb.append(iv[r]);
				else {
					double v = ((double[]) col)[r];
					if (!Double.isNaN(v)) sb.append(Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : fmt(v));
				}
			}
			sb.append('\n');
		}
		AtomicFiles.writeString(file, sb);
	}

	private static String fmt(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
		return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e");
	}
}
