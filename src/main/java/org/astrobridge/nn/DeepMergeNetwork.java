package org.astrobridge.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The DeepMerge II CNN (Ciprijanovic et al. 2021): three blocks of convolution (8 5x5, 16 3x3, 32 3x3, 'same' padding),
 * batch norm, ReLU and 2x2 max-pool; the flattened output is the latent vector (2592 values for 75x75 stamps); label
 * head dense 64, 32, classes with dropout after each hidden layer.
 */
final class DeepMergeNetwork implements Network {

	private static final int[] FILTERS = { 8, 16, 32 };
	private static final int[] KERNELS = { 5, 3, 3 };

	@Override
	public String name() {
		return DEEPMERGE;
	}

	@Override
	public int latentDim(int height, int width) {
		int h = height, w = width;
		for (int i = 0; i < FILTERS.length; i++) {
			h /= 2;
			w /= 2;
		}
		if (h < 1 || w < 1) throw new IllegalArgumentException("stamps of " + width + "x" + height +
			" are too small for the " + DEEPMERGE + " network (needs at least 8x8)");
		return h * w * FILTERS[FILTERS.length - 1];
	}

	@Override
	public Operand<TFloat32> features(LayerBuilder b, Operand<TFloat32> x, int height, int width, int bands) {
		int in = bands;
		Operand<TFloat32> y = x;
		for (int i = 0; i < FILTERS.length; i++) {
			String n = "features/block" + (i + 1);
			y = b.maxPool2(b.relu(b.convBatchNorm(n + "/conv", n + "/bn", y, in, FILTERS[i], KERNELS[i])));
			in = FILTERS[i];
		}
		return b.flatten(y, latentDim(height, width));
	}

	@Override
	public Operand<TFloat32> classifier(LayerBuilder b, Operand<TFloat32> z, int latentDim, int classes) {
		Operand<TFloat32> y = b.dropout(b.relu(b.dense("classifier/dense1", z, latentDim, 64, Params.Init.HE)));
		y = b.dropout(b.relu(b.dense("classifier/dense2", y, 64, 32, Params.Init.HE)));
		return b.dense("classifier/logits", y, 32, classes, Params.Init.GLOROT);
	}
}
