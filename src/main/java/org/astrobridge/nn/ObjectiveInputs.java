package org.astrobridge.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What an {@link Objective} builds on: the training path's latent vectors {@code z} ([rows, latentDim]; source
 * rows first, then as many target rows for adaptive methods) and label logits, the fed labels, example weights
 * and gradient-reversal factor, and the layer builder for heads of its own.
 */
record ObjectiveInputs(Ops tf, LayerBuilder layers, Params params, TrainingOptions options, int batch, int rows, int latentDim,
		Operand<TFloat32> z, Operand<TFloat32> sourceLogits, Operand<TFloat32> targetLogits, Operand<TFloat32> labels,
		Operand<TFloat32> weights, Operand<TFloat32> lambda) {
}
