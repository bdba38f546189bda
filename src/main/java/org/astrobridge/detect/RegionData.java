package org.astrobridge.detect;

/**
 * The per-pixel working arrays of one rectangle of the image: background-subtracted pixels, the detection image
 * (filtered or not) and the RMS. Every value depends only on the pixel's position in the whole image, never on the
 * rectangle, which is what makes tiled and whole-image results identical.
 */
final class RegionData {

	final int x0;
	final int y0;
	final int w;
	final int h;
	final float[] sub;
	final float[] det;
	final float[] rms;

	private RegionData(int x0, int y0, int w, int h, float[] sub, float[] det, float[] rms) {
		this.x0 = x0;
		this.y0 = y0;
		this.w = w;
		this.h = h;
		this.sub = sub;
		this.det = det;
		this.rms = rms;
	}

	/**
	 * The arrays of one thread's regions, reused from tile to tile: fresh tile-sized arrays would be zeroed by the JVM
	 * only to be overwritten, and their garbage made G1 collect about 300 times per detection of a 16384 x 16384 field
	 * (about 20 times with these buffers). A RegionData made from these buffers is valid until the next {@link #prepare}
	 * with the same buffers; the arrays may be longer than the region.
	 */
	static final class Buffers {

		private float[] rms = new float[0];
		private float[] sub = new float[0];
		private float[] det = new float[0];
		private float[] ext = new float[0];
		private boolean[] visited = new boolean[0];
		private final BackgroundModel.RowCache rows = new BackgroundModel.RowCache();

		/** A cleared visited mask for the region (index as the region's arrays). */
		boolean[] visited(RegionData rd) {
			int n = rd.w * rd.h;
			if (visited.length < n) {
				visited = new boolean[n];
			}
			else {
				java.util.Arrays.fill(visited, 0, n, false);
			}
			return visited;
		}

		private static float[] atLeast(float[] a, int n) {
			return a.length >= n ? a : new float[n];
		}
	}

	static RegionData prepare(float[] image, int width, int height, BackgroundModel bg, MatchedFilter filter, int x0,
		int y0, int w, int h, Buffers buf)
	{
		float[] rms = buf.rms = Buffers.atLeast(buf.rms, w * h);
		if (filter == null) {
			float[] sub = buf.sub = Buffers.atLeast(buf.sub, w * h);
			bg.fill(x0, y0, w, h, sub, rms, buf.rows);
			for (int r = 0; r < h; r++) {
				int src = (y0 + r) * width + x0;
				int dst = r * w;
				for (int c = 0; c < w; c++) {
					sub[dst + c] = image[src + c] - sub[dst + c];
				}
			}
			return new RegionData(x0, y0, w, h, sub, sub, rms);
		}
		int rad = filter.radius();
		int ex0 = Math.max(0, x0 - rad);
		int ey0 = Math.max(0, y0 - rad);
		int ew = Math.min(width, x0 + w + rad) - ex0;
		int eh = Math.min(height, y0 + h + rad) - ey0;
		float[] ext = buf.ext = Buffers.atLeast(buf.ext, ew * eh);
		bg.fill(ex0, ey0, ew, eh, ext, null, buf.rows);
		for (int r = 0; r < eh; r++) {
			int src = (ey0 + r) * width + ex0;
			int dst = r * ew;
			for (int c = 0; c < ew; c++) {
				ext[dst + c] = image[src + c] - ext[dst + c];
			}
		}
		float[] sub = buf.sub = Buffers.atLeast(buf.sub, w * h);
		for (int r = 0; r < h; r++) {
			System.arraycopy(ext, (y0 - ey0 + r) * ew + (x0 - ex0), sub, r * w, w);
		}
		float[] det = buf.det = Buffers.atLeast(buf.det, w * h);
		filter.apply(ext, ew, eh, x0 - ex0, y0 - ey0, w, h, det);
		bg.fill(x0, y0, w, h, null, rms, buf.rows);
		return new RegionData(x0, y0, w, h, sub, det, rms);
	}
}
