package org.astrobridge.nn;

import java.util.Locale;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A classifier split at its latent vector: a feature extractor (stamps to latent vector, where domain adaptation acts)
 * and a label head (latent vector to class logits). Variable names are stable, because model packages and fine-tuning
 * find weights by name.
 */
public interface Network {

	String DEEPMERGE = "deepmerge";
	String RESNET = "resnet";

	String name();

	/** Length of the latent vector for stamps of this size. */
	int latentDim(int height, int width);

	/** Stamps [n, height, width, bands] to latent vectors [n, latentDim]; variables under "features/". */
	Operand<TFloat32> features(LayerBuilder b, Operand<TFloat32> x, int height, int width, int bands);

	/** Latent vectors to class logits [n, classes]; variables under "classifier/". */
	Operand<TFloat32> classifier(LayerBuilder b, Operand<TFloat32> latent, int latentDim, int classes);

	static Network byName(String name) {
		String n = name == null ? DEEPMERGE : name.trim().toLowerCase(Locale.ROOT);
		switch (n) {
			case DEEPMERGE:
				return new DeepMergeNetwork();
			case RESNET:
				return new SmallResNet();
			default:
				throw new IllegalArgumentException("unknown network '" + name + "': expected " + DEEPMERGE + " or " + RESNET);
		}
	}
}
