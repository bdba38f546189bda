package org.astrobridge.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * SExtractor-style multi-threshold deblending. Between the detection threshold and the peak, {@code levels}
 * exponentially spaced thresholds are tried from the bottom up; where a (sub-)object falls apart into at least two
 * branches that each hold at least {@code contrast} of the whole blend's detection flux and {@code minArea} pixels, the
 * branches become separate objects and are split further the same way. The pixels below the branches are then given to
 * the branches by a seeded watershed on the detection image (highest pixels first, each joins the branch of the
 * neighbour it was reached from), so each pixel goes to the branch it is connected to along the brightest path.
 */
final class Deblender {

	private static final int[] DX = { -1, 0, 1, -1, 1, -1, 0, 1 };
	private static final int[] DY = { -1, -1, -1, 0, 0, 1, 1, 1 };

	private final int levels;
	private final double contrast;
	private final int minArea;

	private float[] d;
	private int[] inSet;
	private int[] visited;
	private int gen;
	private int bw;
	private int bh;

	Deblender(int levels, double contrast, int minArea) {
		this.levels = levels;
		this.contrast = contrast;
		this.minArea = minArea;
	}

	/**
	 * Splits a footprint.
	 *
	 * @param pix region indices of the footprint, ascending
	 * @param rw region width
	 * @param det detection image of the region
	 * @param threshold detection threshold at the footprint (same units as det)
	 * @return the footprints of the objects (region indices, ascending); the input alone when it does not split
	 */
	List<int[]> split(int[] pix, int rw, float[] det, double threshold) {
		if (levels < 2 || pix.length < 2 * minArea || !(threshold > 0)) {
			return List.of(pix);
		}
		int bx0 = Integer.MAX_VALUE;
		int bx1 = Integer.MIN_VALUE;
		int by0 = pix[0] / rw;
		int by1 = pix[pix.length - 1] / rw;
		for (int p : pix) {
			int x = p % rw;
			bx0 = Math.min(bx0, x);
			bx1 = Math.max(bx1, x);
		}
		bw = bx1 - bx0 + 1;
		bh = by1 - by0 + 1;
		int n = bw * bh;
		if (d == null || d.length < n) {
			d = new float[n];
			inSet = new int[n];
			visited = new int[n];
			gen = 0;
		}
		int[] local = new int[pix.length];
		double peak = Double.NEGATIVE_INFINITY;
		double total = 0;
		for (int i = 0; i < pix.length; i++) {
			int p = pix[i];
			int l = (p / rw - by0) * bw + (p % rw - bx0);
			local[i] = l;
			d[l] = det[p];
			peak = Math.max(peak, det[p]);
			total += det[p];
		}
		if (!(peak > threshold) || localMaxima(local) < 2) {
			return List.of(pix);
		}
		double[] t = new double[levels];
		for (int i = 1; i < levels; i++) {
			t[i] = threshold * Math.pow(peak / threshold, i / (double) levels);
		}
		List<int[]> seeds = new ArrayList<>();
		branches(local, 1, t, contrast * total, seeds);
		if (seeds.size() < 2) {
			return List.of(pix);
		}
		int[] owner = watershed(local, seeds);
		List<int[]> out = new ArrayList<>(seeds.size());
		int[] counts = new int[seeds.size()];
		for (int l : local) {
			counts[owner[l] - 1]++;
		}
		for (int c : counts) {
			out.add(new int[c]);
		}
		Arrays.fill(counts, 0);
		for (int i = 0; i < pix.length; i++) {
			int k = owner[local[i]] - 1;
			out.get(k)[counts[k]++] = pix[i];
		}
		return out;
	}

	/**
	 * A fresh generation number: marks are generation numbers so the scratch arrays never need clearing. Each mark is
	 * used by one method call only, so clearing when the counter would wrap is safe.
	 */
	private int nextMark() {
		if (gen == Integer.MAX_VALUE) {
			Arrays.fill(inSet, 0);
			Arrays.fill(visited, 0);
			gen = 0;
		}
		return ++gen;
	}

	/**
	 * Counts pixels not lower than any footprint neighbour. Every branch holds one (its highest pixel), so a footprint
	 * with fewer than two cannot split and the level search can be skipped.
	 */
	private int localMaxima(int[] local) {
		int mark = nextMark();
		for (int l : local) {
			inSet[l] = mark;
		}
		int count = 0;
		for (int p : local) {
			int px = p % bw;
			int py = p / bw;
			boolean top = true;
			for (int k = 0; k < 8 && top; k++) {
				int qx = px + DX[k];
				int qy = py + DY[k];
				if (qx >= 0 && qy >= 0 && qx < bw && qy < bh) {
					int q = qy * bw + qx;
					top = inSet[q] != mark || d[q] <= d[p];
				}
			}
			if (top && ++count >= 2) {
				return count;
			}
		}
		return count;
	}

	/** Adds to seeds the top-level branches of set (local indices) found from level index 'from' upwards. */
	private void branches(int[] set, int from, double[] t, double minFlux, List<int[]> seeds) {
		int[] cur = set;
		for (int i = from; i < levels; i++) {
			List<int[]> comps = components(cur, t[i]);
			List<int[]> significant = new ArrayList<>();
			for (int[] c : comps) {
				if (c.length >= minArea && flux(c) >= minFlux) {
					significant.add(c);
				}
			}
			if (significant.size() >= 2) {
				for (int[] c : significant) {
					branches(c, i + 1, t, minFlux, seeds);
				}
				return;
			}
			if (significant.isEmpty()) {
				break;
			}
			cur = significant.get(0);
		}
		seeds.add(set);
	}

	private double flux(int[] c) {
		double s = 0;
		for (int l : c) {
			s += d[l];
		}
		return s;
	}

	/** 8-connected components of the members of set with d >= level; members in ascending order. */
	private List<int[]> components(int[] set, double level) {
		int mark = nextMark();
		for (int l : set) {
			if (d[l] >= level) {
				inSet[l] = mark;
			}
		}
		List<int[]> out = new ArrayList<>();
		int[] stack = new int[set.length];
		for (int start : set) {
			if (inSet[start] != mark || visited[start] == mark) {
				continue;
			}
			int size = 0;
			int top = 0;
			stack[top++] = start;
			visited[start] = mark;
			int[] members = new int[16];
			while (top > 0) {
				int p = stack[--top];
				if (size == members.length) {
					members = Arrays.copyOf(members, size * 2);
				}
				members[size++] = p;
				int px = p % bw;
				int py = p / bw;
				for (int k = 0; k < 8; k++) {
					int qx = px + DX[k];
					int qy = py + DY[k];
					if (qx < 0 || qy < 0 || qx >= bw || qy >= bh) {
						continue;
					}
					int q = qy * bw + qx;
					if (inSet[q] == mark && visited[q] != mark) {
						visited[q] = mark;
						stack[top++] = q;
					}
				}
			}
			int[] c = Arrays.copyOf(members, size);
			Arrays.sort(c);
			out.add(c);
		}
		return out;
	}

	/** Labels (1-based seed numbers) for every footprint pixel, grown from the seeds in order of brightness. */
	private int[] watershed(int[] local, List<int[]> seeds) {
		int[] owner = new int[bw * bh];
		int mark = nextMark();
		for (int l : local) {
			inSet[l] = mark;
		}
		// Entries are {pixel, label}; brightest first, ties broken by position for a deterministic result.
		PriorityQueue<int[]> queue = new PriorityQueue<>((p, q) -> {
			int c = Float.compare(d[q[0]], d[p[0]]);
			if (c != 0) {
				return c;
			}
			c = Integer.compare(p[0], q[0]);
			return c != 0 ? c : Integer.compare(p[1], q[1]);
		});
		for (int s = 0; s < seeds.size(); s++) {
			for (int l : seeds.get(s)) {
				owner[l] = s + 1;
			}
		}
		for (int s = 0; s < seeds.size(); s++) {
			for (int l : seeds.get(s)) {
				pushNeighbours(l, s + 1, owner, mark, queue);
			}
		}
		while (!queue.isEmpty()) {
			int[] e = queue.poll();
			if (owner[e[0]] != 0) {
				continue;
			}
			owner[e[0]] = e[1];
			pushNeighbours(e[0], e[1], owner, mark, queue);
		}
		return owner;
	}

	private void pushNeighbours(int p, int label, int[] owner, int mark, PriorityQueue<int[]> queue) {
		int px = p % bw;
		int py = p / bw;
		for (int k = 0; k < 8; k++) {
			int qx = px + DX[k];
			int qy = py + DY[k];
			if (qx < 0 || qy < 0 || qx >= bw || qy >= bh) {
				continue;
			}
			int q = qy * bw + qx;
			if (inSet[q] == mark && owner[q] == 0) {
				queue.add(new int[] { q, label });
			}
		}
	}
}
