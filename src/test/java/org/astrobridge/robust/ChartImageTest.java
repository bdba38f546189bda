package org.astrobridge.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ChartImageTest {

	@Test
	void drawsEverySeriesInItsColourAsAPng() throws Exception {
		ChartImage chart = new ChartImage("t", "x", "y").yRange(0, 1).line("a", new double[] { 0, 1, 2 }, new double[] {
			0.9, 0.7, 0.5 }, ChartImage.PALETTE[0], ChartImage.Marker.CIRCLE).points("b", new double[] { 0.5, 1.5 },
				new double[] { 0.2, 0.3 }, ChartImage.PALETTE[1], ChartImage.Marker.CROSS, false);
		BufferedImage img = ImageIO.read(new ByteArrayInputStream(chart.png(400, 300)));
		assertEquals(400, img.getWidth());
		assertEquals(300, img.getHeight());
		assertTrue(count(img, ChartImage.PALETTE[0]) > 50, "line drawn");
		assertTrue(count(img, ChartImage.PALETTE[1]) > 10, "crosses drawn");
	}

	@Test
	void ticksAreRound() {
		assertEquals(6, ChartImage.ticks(0, 1).size(), "0, 0.2, ..., 1");
		assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), ChartImage.ticks(-0.3, 8.3));
	}

	private static int count(BufferedImage img, Color c) {
		int n = 0;
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++)
				if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) n++;
		return n;
	}
}
