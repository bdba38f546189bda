package org.astrobridge.fits;

import java.io.IOException;
import java.nio.file.Path;

import net.imglib2.FinalInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * FITS images as ImgLib2 images, for Fiji scripts and other ImgLib2 code. A plane is a view over the reader's own pixel
 * array: nothing is copied, and a write through the view changes the {@link FitsImage}. Axes are FITS's: x = NAXIS1, y
 * = NAXIS2 with y = 0 the first stored row (the bottom of the sky image, which ImageJ shows at the top only after
 * {@code FitsImagePlus} flips it).
 */
public final class FitsImages {

	private FitsImages() {}

	/** Plane {@code p} (0 = first; NAXIS3 fastest, as {@link FitsImage#plane(int)}) as a width x height image. */
	public static ArrayImg<FloatType, FloatArray> plane(FitsImage image, int p) {
		if (p < 0 || p >= image.planeCount()) {
			throw new IllegalArgumentException("plane " + p + " is outside 0 .. " + (image.planeCount() - 1) + (image
				.source() == null ? "" : " of " + image.source()));
		}
		return ArrayImgs.floats(image.plane(p), image.width(), image.height());
	}

	/** Plane {@code p} of the image HDU {@code hdu} of {@code file} (empty or null: the first HDU with data). */
	public static ArrayImg<FloatType, FloatArray> plane(Path file, String hdu, int p) throws IOException {
		return plane(FitsReader.readImage(file, hdu == null ? "" : hdu), p);
	}

	/**
	 * The pixel bounds of one plane, {@code [0, width-1] x [0, height-1]}: e.g. to clip a cutout with {@code Intervals}.
	 */
	public static FinalInterval bounds(FitsImage image) {
		return FinalInterval.createMinSize(0, 0, image.width(), image.height());
	}
}
