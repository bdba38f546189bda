package org.astrobridge.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A small residual network: a 3x3 stem of 16 filters, then three stages of one basic residual block each (16, 32, 64
 * filters; a 1x1 projection where the width changes) followed by 2x2 max-pool, and global average pooling to a 64-value
 * latent vector that does not grow with the stamp size. Label head dense 64, classes with dropout.
 */
final class SmallResNet implements Network {

	private static final int[] WIDTHS = { 16, 32, 64 };

	@Override
	public String name() {
		return RESNET;
	}

	@Override
	public int latentDim(int height, int width) {
		if (height < 8 || width < 8) throw new IllegalArgumentException("stamps of " + width + "x" + height +
			" are too small for the " + RESNET + " network (needs at least 8x8)");
		return WIDTHS[WIDTHS.length - 1];
	}

	@Override
	public Operand<TFloat32> features(LayerBuilder b, Operand<TFloat32> x, int height, int width, int bands) {
		latentDim(height, width);
		Operand<TFloat32> y = b.relu(b.convBatchNorm("features/stem/conv", "features/stem/bn", x, bands, WIDTHS[0], 3));
		int in = WIDTHS[0];
		for (int s = 0; s < WIDTHS.length; s++) {
			String n = "features/stage" + (s + 1);
			int out = WIDTHS[s];
			Operand<TFloat32> r = b.relu(b.convBatchNorm(n + "/conv1", n + "/bn1", y, in, out, 3));
			r = b.convBatchNorm(n + "/conv2", n + "/bn2", r, out, out, 3);
			Operand<TFloat32> shortcut = in == out ? y : b.conv(n + "/project", y, in, out, 1, false);
			y = b.maxPool2(b.relu(b.tf.math.add(r, shortcut)));
			in = out;
		}
		return b.tf.math.mean(y, b.tf.constant(new int[] { 1, 2 }));
	}

	@Override
	public Operand<TFloat32> classifier(LayerBuilder b, Operand<TFloat32> z, int latentDim, int classes) {
		Operand<TFloat32> y = b.dropout(b.relu(b.dense("classifier/dense1", z, latentDim, 64, Params.Init.HE)));
		return b.dense("classifier/logits", y, 64, classes, Params.Init.GLOROT);
	}
}
