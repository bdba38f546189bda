package org.astrobridge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TilingTest {

	@Test
	void tilesGiveTheWholeImageCatalogue() {
		int w = 700;
		int h = 520;
		SyntheticImage im = new SyntheticImage(w, h, 200);
		SplittableRandom rnd = new SplittableRandom(11);
		for (int k = 0; k < 150; k++) {
			im.gaussian(rnd.nextDouble(w), rnd.nextDouble(h), 300 + rnd.nextDouble(20000), 1 + rnd.nextDouble(2.5), 1 + rnd
				.nextDouble(1), rnd.nextDouble(180) - 90);
		}
		// Objects straddling the tile borders at 128, 256, ... and a corner, plus one far larger than the margin.
		for (int t = 128; t < w; t += 128) {
			im.gaussian(t - 0.5, 100 + t / 3.0, 8000, 2.5, 1.5, 20);
			im.gaussian(200 + t / 4.0, Math.min(h - 20, t) - 0.3, 6000, 2, 2, 0);
		}
		im.gaussian(256.2, 384.4, 9000, 3, 2, 45);
		im.gaussian(400, 260, 2_000_000, 25, 18, 30);
		im.noise(3, 12);
		for (int k = 0; k < 40; k++) {
			im.pixels[rnd.nextInt(w * h)] = Float.NaN;
		}
		DetectionSettings base = DetectionSettings.defaults().withThreads(1);
		DetectionResult whole = new Detector(base.withTiles(0, 0)).detect(im.pixels, w, h, null);
		DetectionResult tiled = new Detector(base.withTiles(128, 24)).detect(im.pixels, w, h, null);
		DetectionResult parallel = new Detector(base.withTiles(128, 24).withThreads(2)).detect(im.pixels, w, h, null);
		assertEquals(1, whole.tiles());
		assertEquals(6 * 5, tiled.tiles());
		assertTrue(tiled.largeObjects() >= 1, "the big object needs a larger window");
		assertTrue(whole.objects().size() > 120, "objects found: " + whole.objects().size());
		assertEquals(whole.objects().size(), tiled.objects().size());
		for (int i = 0; i < whole.objects().size(); i++) {
			assertEquals(whole.objects().get(i), tiled.objects().get(i), "object " + i);
		}
		assertEquals(tiled.objects(), parallel.objects());
		assertEquals(whole.objects(), new Detector(base.withTiles(64, 0)).detect(im.pixels, w, h, null).objects(),
			"without a margin every footprint crossing a tile edge goes through a grown window");
		List<DetectedObject> big = whole.objects().stream().filter(o -> o.area() > 2000).toList();
		assertEquals(1, big.size());
	}
}
