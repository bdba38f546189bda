package org.astrobridge.ij;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import org.astrobridge.fits.FitsHeader;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.PixelConvention;
import org.astrobridge.fits.Wcs;

/**
 * FITS images as ImageJ images and back. ImageJ shows FITS pixel (1,1) at the bottom left, as DS9 does; NAXIS3 becomes
 * ImageJ slices (z), NAXIS4 channels, further axes frames. The header goes into the "Info" property (text) and into the
 * property {@value #HEADER_PROPERTY} (the {@link FitsHeader} object), so saving keeps it.
 */
public final class FitsImagePlus {

	/** ImagePlus property holding the {@link FitsHeader} of the image. */
	public static final String HEADER_PROPERTY = "astrobridge.fits.header";

	private FitsImagePlus() {}

	/** A 32-bit ImageJ image (stack or hyperstack) of a FITS image; pixel values are kept as they are. */
	public static ImagePlus toImagePlus(FitsImage img, String title) {
		int w = img.width();
		int h = img.height();
		int[] extra = img.extraAxes();
		int nz = extra.length > 0 ? extra[0] : 1;
		int nc = extra.length > 1 ? extra[1] : 1;
		int nt = img.planeCount() / (nz * nc);
		ImageStack stack = new ImageStack(w, h);
		// ImageJ stacks run channel fastest, then z, then t; FitsImage planes run NAXIS3 (z) fastest
		for (int t = 0; t < nt; t++) {
			for (int z = 0; z < nz; z++) {
				for (int c = 0; c < nc; c++) {
					int p = z + nz * (c + nc * t);
					stack.addSlice(label(extra, z, c, t), new FloatProcessor(w, h, flipRows(img.plane(p), w, h)));
				}
			}
		}
		ImagePlus imp = new ImagePlus(title == null ? (img.source() == null ? "FITS" : img.source()) : title, stack);
		if (stack.getSize() > 1) {
			imp.setDimensions(nc, nz, nt);
			imp.setOpenAsHyperStack(nc > 1 || nt > 1);
		}
		FitsHeader header = new FitsHeader(img.header());
		imp.setProperty("Info", header.toText());
		imp.setProperty(HEADER_PROPERTY, header);
		Wcs wcs = img.wcs();
		if (wcs != null) {
			Calibration cal = imp.getCalibration();
			cal.pixelWidth = wcs.pixelScaleArcsec();
			cal.pixelHeight = wcs.pixelScaleArcsec();
			cal.setUnit("arcsec");
		}
		imp.resetDisplayRange();
		return imp;
	}

	/** The FITS image of an ImageJ image (any type, converted to 32-bit values as they are), header and WCS kept. */
	public static FitsImage fromImagePlus(ImagePlus imp) {
		int w = imp.getWidth();
		int h = imp.getHeight();
		int nc = imp.getNChannels();
		int nz = imp.getNSlices();
		int nt = imp.getNFrames();
		ImageStack stack = imp.getStack();
		if (nc * nz * nt != stack.getSize()) {
			nc = 1;
			nz = stack.getSize();
			nt = 1;
		}
		float[][] planes = new float[stack.getSize()][];
		for (int t = 0; t < nt; t++) {
			for (int z = 0; z < nz; z++) {
				for (int c = 0; c < nc; c++) {
					ImageProcessor ip = stack.getProcessor(1 + c + nc * (z + nz * t));
					float[] px = (float[]) ip.convertToFloat().getPixels();
					planes[z + nz * (c + nc * t)] = flipRows(px, w, h);
				}
			}
		}
		List<Integer> extra = new ArrayList<>();
		for (int n : new int[] { nz, nc, nt }) {
			if (n > 1) {
				extra.add(n);
			}
		}
		// a stack with only frames or only channels keeps its planes as NAXIS3
		int[] axes = extra.stream().mapToInt(Integer::intValue).toArray();
		return new FitsImage(w, h, axes, planes, header(imp));
	}

	private static FitsHeader header(ImagePlus imp) {
		Object prop = imp.getProperty(HEADER_PROPERTY);
		if (prop instanceof FitsHeader fh) {
			return new FitsHeader(fh);
		}
		Object info = imp.getProperty("Info");
		if (info instanceof String s && (s.startsWith("SIMPLE  =") || s.startsWith("XTENSION="))) {
			return FitsHeader.parseText(s);
		}
		return new FitsHeader();
	}

	/** Reverses the row order (FITS bottom-up <-> ImageJ top-down); the map is its own inverse. */
	private static float[] flipRows(float[] src, int w, int h) {
		float[] out = new float[src.length];
		for (int r = 0; r < h; r++) {
			int j = (int) Math.round(PixelConvention.imagejToFits(0, r + 0.5, h)[1]);
			System.arraycopy(src, j * w, out, r * w, w);
		}
		return out;
	}

	private static String label(int[] extra, int z, int c, int t) {
		if (extra.length == 0) {
			return null;
		}
		String s = "NAXIS3=" + (z + 1);
		if (extra.length > 1) {
			s += " NAXIS4=" + (c + 1);
		}
		return extra.length > 2 ? s + " frame=" + (t + 1) : s;
	}
}
