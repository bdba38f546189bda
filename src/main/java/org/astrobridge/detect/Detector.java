package org.astrobridge.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.astrobridge.fits.Wcs;

/**
 * Detects and measures objects: background, optional matched filter, threshold in units of the local RMS, 8-connected
 * footprints with a minimum area, multi-threshold deblending and isophotal measurements.
 * <p>
 * Large images are processed in overlapping tiles so that all per-pixel temporaries are tile-sized. A footprint belongs
 * to the tile whose core holds its first pixel in raster order (lowest row, then lowest column), and it is measured
 * there when it lies wholly inside the tile plus margin. A footprint that reaches the margin's outer edge is measured
 * again in a window grown around it. Every per-pixel value depends only on the pixel's place in the whole image, so the
 * tiled catalogue is the one the whole image gives.
 */
public final class Detector {

	/** Rough heap use of one tile per pixel (working arrays, filter buffers, flood stack). */
	private static final long BYTES_PER_TILE_PIXEL = 36;
	/** Smallest side up to which a window grows around a footprint larger than a tile's margin (600 MB at most). */
	private static final int MIN_WINDOW_CAP = 4096;

	private final DetectionSettings settings;

	public Detector(DetectionSettings settings) {
		this.settings = settings;
	}

	public DetectionSettings settings() {
		return settings;
	}

	/** Detects on one plane of a cube (the detection band). */
	public DetectionResult detect(float[][] planes, int band, int width, int height, Wcs wcs) {
		if (band < 0 || band >= planes.length) {
			throw new IllegalArgumentException("Detection band " + band + " does not exist: the image has " + planes.length +
				" plane(s), numbered from 0");
		}
		return detect(planes[band], width, height, wcs);
	}

	/**
	 * Detects on a single image.
	 *
	 * @param pixels FITS order (index = row * width + column, row 0 at the bottom); NaN pixels are masked
	 * @param wcs gives the ra/dec columns; null leaves them NaN
	 */
	public DetectionResult detect(float[] pixels, int width, int height, Wcs wcs) {
		if (width <= 0 || height <= 0 || pixels.length != (long) width * height) {
			throw new IllegalArgumentException("Detection needs " + width + " x " + height + " pixels but the image" +
				" holds " + pixels.length);
		}
		int requested = settings.threads() > 0 ? settings.threads() : Runtime.getRuntime().availableProcessors();
		BackgroundModel bg = BackgroundModel.estimate(pixels, width, height, settings.backgroundMesh(), settings
			.backgroundFilter(), requested);
		MatchedFilter filter = settings.filterFwhm() > 0 ? new MatchedFilter(settings.filterFwhm()) : null;
		int tile = settings.tileSize();
		boolean whole = tile == 0 || (width <= tile && height <= tile);
		int margin = whole ? 0 : settings.tileMargin();
		List<int[]> cores = new ArrayList<>();
		if (whole) {
			cores.add(new int[] { 0, 0, width, height });
		}
		else {
			for (int y = 0; y < height; y += tile) {
				for (int x = 0; x < width; x += tile) {
					cores.add(new int[] { x, y, Math.min(width, x + tile), Math.min(height, y + tile) });
				}
			}
		}
		long side = whole ? Math.max(width, height) : tile + 2L * margin;
		int threads = Math.max(1, Math.min(Math.min(requested, cores.size()), affordableTiles(side * side)));

		List<TileOutput> outputs = new ArrayList<>();
		if (threads == 1) {
			TileDetector td = new TileDetector(pixels, width, height, bg, filter, settings, wcs);
			for (int[] core : cores) {
				outputs.add(td.tile(core, margin));
			}
		}
		else {
			ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
				Thread t = new Thread(r, "astrobridge-detect");
				t.setDaemon(true);
				return t;
			});
			try {
				List<Future<TileOutput>> futures = new ArrayList<>();
				ThreadLocal<TileDetector> local = ThreadLocal.withInitial(() -> new TileDetector(pixels, width, height, bg,
					filter, settings, wcs));
				for (int[] core : cores) {
					futures.add(pool.submit(() -> local.get().tile(core, margin)));
				}
				for (Future<TileOutput> f : futures) {
					outputs.add(f.get());
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Detection was interrupted", e);
			}
			catch (ExecutionException e) {
				Throwable c = e.getCause();
				if (c instanceof RuntimeException re) {
					throw re;
				}
				throw new IllegalStateException("Detection failed: " + c, c);
			}
			finally {
				pool.shutdownNow();
			}
		}

		Set<Long> keys = new HashSet<>();
		List<DetectedObject> objects = new ArrayList<>();
		Map<Long, long[]> requests = new LinkedHashMap<>();
		for (TileOutput out : outputs) {
			for (Footprint fp : out.found()) {
				keys.add(fp.key());
				objects.addAll(fp.objects());
			}
			for (long[] r : out.requests()) {
				requests.putIfAbsent(r[0], r);
			}
		}
		int large = 0;
		if (!requests.isEmpty()) {
			TileDetector td = new TileDetector(pixels, width, height, bg, filter, settings, wcs);
			int cap = Math.max(2 * (tile + margin), MIN_WINDOW_CAP);
			// Several tiles usually ask for the same big footprint: skip requests whose pixel a window already took.
			List<long[]> taken = new ArrayList<>();
			for (long[] r : requests.values()) {
				if (taken.stream().anyMatch(px -> Arrays.binarySearch(px, r[0]) >= 0)) {
					continue;
				}
				Footprint fp = td.window(r, margin, cap);
				taken.add(fp.pixels());
				if (keys.add(fp.key())) {
					objects.addAll(fp.objects());
					large++;
				}
			}
		}
		objects.sort(Comparator.comparingDouble(DetectedObject::y).thenComparingDouble(DetectedObject::x)
			.thenComparingDouble(DetectedObject::flux));
		List<DetectedObject> numbered = new ArrayList<>(objects.size());
		for (int i = 0; i < objects.size(); i++) {
			numbered.add(objects.get(i).withId(i + 1));
		}
		return new DetectionResult(List.copyOf(numbered), bg, cores.size(), large);
	}

	private static int affordableTiles(long tilePixels) {
		Runtime rt = Runtime.getRuntime();
		long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, free / (tilePixels * BYTES_PER_TILE_PIXEL)));
	}

	/**
	 * A footprint (before deblending) identified by the global index of its first pixel, and its objects; pixels (global
	 * indices, ascending) only for footprints measured in a window, else null.
	 */
	record Footprint(long key, List<DetectedObject> objects, long[] pixels) {}

	/**
	 * What one tile found: measured footprints, and requests {firstPixelOfPiece, xMin, yMin, xMax, yMax} for footprints
	 * that reach past its margin.
	 */
	record TileOutput(List<Footprint> found, List<long[]> requests) {}

	/** Segmentation of one rectangle; keeps its buffers between tiles of the same thread. */
	static final class TileDetector {

		private final float[] image;
		private final int width;
		private final int height;
		private final BackgroundModel bg;
		private final MatchedFilter filter;
		private final DetectionSettings s;
		private final Deblender deblender;
		private final ObjectMeasurer measurer;
		private final RegionData.Buffers buffers = new RegionData.Buffers();
		private int[] stack = new int[1024];
		private int[] comp = new int[1024];

		TileDetector(float[] image, int width, int height, BackgroundModel bg, MatchedFilter filter, DetectionSettings s,
			Wcs wcs)
		{
			this.image = image;
			this.width = width;
			this.height = height;
			this.bg = bg;
			this.filter = filter;
			this.s = s;
			this.deblender = new Deblender(s.deblendLevels(), s.deblendContrast(), s.minArea());
			this.measurer = new ObjectMeasurer(image, width, height, s.saturation(), wcs);
		}

		TileOutput tile(int[] core, int margin) {
			int x0 = Math.max(0, core[0] - margin);
			int y0 = Math.max(0, core[1] - margin);
			int x1 = Math.min(width, core[2] + margin);
			int y1 = Math.min(height, core[3] + margin);
			RegionData rd = RegionData.prepare(image, width, height, bg, filter, x0, y0, x1 - x0, y1 - y0, buffers);
			boolean[] visited = buffers.visited(rd);
			List<Footprint> found = new ArrayList<>();
			List<long[]> requests = new ArrayList<>();
			for (int p = 0; p < rd.w * rd.h; p++) {
				if (visited[p] || !above(rd, p)) {
					continue;
				}
				int n = flood(rd, p, visited);
				int gx = rd.x0 + p % rd.w;
				int gy = rd.y0 + p / rd.w;
				if (!truncated(rd, n)) {
					if (gx >= core[0] && gx < core[2] && gy >= core[1] && gy < core[3] && n >= s.minArea()) {
						found.add(measure(rd, Arrays.copyOf(comp, n), 0));
					}
				}
				else if (touchesCore(rd, n, core)) {
					long[] box = bbox(rd, n);
					requests.add(new long[] { (long) gy * width + gx, box[0], box[1], box[2], box[3] });
				}
			}
			return new TileOutput(found, requests);
		}

		/** Measures the footprint through request r, growing the window until it holds all of it (or hits cap). */
		Footprint window(long[] r, int margin, int cap) {
			int gx = (int) (r[0] % width);
			int gy = (int) (r[0] / width);
			long[] box = { r[1], r[2], r[3], r[4] };
			int grow = Math.max(margin, 16);
			while (true) {
				int bw = (int) (box[2] - box[0] + 1);
				int bh = (int) (box[3] - box[1] + 1);
				int x0 = (int) Math.max(0, box[0] - grow);
				int y0 = (int) Math.max(0, box[1] - grow);
				int x1 = (int) Math.min(width, box[2] + 1 + grow);
				int y1 = (int) Math.min(height, box[3] + 1 + grow);
				boolean capped = false;
				if (x1 - x0 > cap) {
					x0 = (int) Math.max(0, Math.min(width - cap, (box[0] + box[2]) / 2 - cap / 2));
					x1 = x0 + cap;
					capped = true;
				}
				if (y1 - y0 > cap) {
					y0 = (int) Math.max(0, Math.min(height - cap, (box[1] + box[3]) / 2 - cap / 2));
					y1 = y0 + cap;
					capped = true;
				}
				if (gx < x0 || gx >= x1 || gy < y0 || gy >= y1) {
					// The cap moved the window off the requested pixel: centre it on that pixel instead.
					x0 = Math.max(0, Math.min(width - (x1 - x0), gx - (x1 - x0) / 2));
					y0 = Math.max(0, Math.min(height - (y1 - y0), gy - (y1 - y0) / 2));
					x1 = x0 + Math.min(cap, x1 - x0);
					y1 = y0 + Math.min(cap, y1 - y0);
				}
				RegionData rd = RegionData.prepare(image, width, height, bg, filter, x0, y0, x1 - x0, y1 - y0, buffers);
				boolean[] visited = buffers.visited(rd);
				int n = flood(rd, (gy - y0) * rd.w + (gx - x0), visited);
				boolean cut = truncated(rd, n);
				if (!cut || capped) {
					int[] pix = Arrays.copyOf(comp, n);
					Arrays.sort(pix);
					long[] global = new long[n];
					for (int i = 0; i < n; i++) {
						global[i] = (long) (y0 + pix[i] / rd.w) * width + x0 + pix[i] % rd.w;
					}
					if (n < s.minArea()) {
						// Only possible with a tiny margin: a small footprint split by a tile edge. Too small to keep.
						return new Footprint(global[0], List.of(), global);
					}
					Footprint fp = measure(rd, pix, cut ? ObjectFlags.TRUNCATED : 0);
					return new Footprint(fp.key(), fp.objects(), global);
				}
				box = bbox(rd, n);
				grow = 2 * grow + Math.max(bw, bh);
			}
		}

		private boolean above(RegionData rd, int p) {
			return rd.det[p] > s.threshold() * rd.rms[p];
		}

		/** Collects the 8-connected footprint of start into comp[0..n), in raster order when start is its first. */
		private int flood(RegionData rd, int start, boolean[] visited) {
			int n = 0;
			int top = 0;
			stack[top++] = start;
			visited[start] = true;
			while (top > 0) {
				int p = stack[--top];
				if (n == comp.length) {
					comp = Arrays.copyOf(comp, n * 2);
				}
				comp[n++] = p;
				int px = p % rd.w;
				int py = p / rd.w;
				for (int dy = -1; dy <= 1; dy++) {
					int qy = py + dy;
					if (qy < 0 || qy >= rd.h) {
						continue;
					}
					for (int dx = -1; dx <= 1; dx++) {
						int qx = px + dx;
						if (qx < 0 || qx >= rd.w) {
							continue;
						}
						int q = qy * rd.w + qx;
						if (!visited[q] && above(rd, q)) {
							visited[q] = true;
							if (top == stack.length) {
								stack = Arrays.copyOf(stack, top * 2);
							}
							stack[top++] = q;
						}
					}
				}
			}
			return n;
		}

		/** Whether comp[0..n) touches an edge of the rectangle that is not an edge of the image. */
		private boolean truncated(RegionData rd, int n) {
			boolean left = rd.x0 > 0;
			boolean bottom = rd.y0 > 0;
			boolean right = rd.x0 + rd.w < width;
			boolean top = rd.y0 + rd.h < height;
			for (int i = 0; i < n; i++) {
				int x = comp[i] % rd.w;
				int y = comp[i] / rd.w;
				if ((left && x == 0) || (right && x == rd.w - 1) || (bottom && y == 0) || (top && y == rd.h - 1)) {
					return true;
				}
			}
			return false;
		}

		private boolean touchesCore(RegionData rd, int n, int[] core) {
			for (int i = 0; i < n; i++) {
				int gx = rd.x0 + comp[i] % rd.w;
				int gy = rd.y0 + comp[i] / rd.w;
				if (gx >= core[0] && gx < core[2] && gy >= core[1] && gy < core[3]) {
					return true;
				}
			}
			return false;
		}

		private long[] bbox(RegionData rd, int n) {
			long[] b = { Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE };
			for (int i = 0; i < n; i++) {
				int gx = rd.x0 + comp[i] % rd.w;
				int gy = rd.y0 + comp[i] / rd.w;
				b[0] = Math.min(b[0], gx);
				b[1] = Math.min(b[1], gy);
				b[2] = Math.max(b[2], gx);
				b[3] = Math.max(b[3], gy);
			}
			return b;
		}

		/** Deblends and measures a footprint given in ascending region indices. */
		private Footprint measure(RegionData rd, int[] pix, int extraFlags) {
			Arrays.sort(pix);
			long key = (long) (rd.y0 + pix[0] / rd.w) * width + rd.x0 + pix[0] % rd.w;
			int top = pix[0];
			for (int p : pix) {
				if (rd.det[p] > rd.det[top]) {
					top = p;
				}
			}
			List<int[]> parts = deblender.split(pix, rd.w, rd.det, s.threshold() * rd.rms[top]);
			int flags = extraFlags | (parts.size() > 1 ? ObjectFlags.BLENDED : 0);
			List<DetectedObject> objects = new ArrayList<>(parts.size());
			for (int[] part : parts) {
				objects.add(measurer.measure(part, rd, flags));
			}
			return new Footprint(key, objects, null);
		}
	}
}
