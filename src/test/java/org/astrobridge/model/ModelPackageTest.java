package org.astrobridge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.astrobridge.nn.Prediction;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.SyntheticStamps;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.nn.Trainer;
import org.astrobridge.nn.TrainingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageTest {

	static final SessionSettings CPU = new SessionSettings(2, "cpu");
	static StampSet source, target;
	static TrainedModel model;

	@BeforeAll
	static void train() {
		source = SyntheticStamps.make(48, 16, 2, 0.0, 1.0, 21, true, "sim");
		target = SyntheticStamps.make(48, 16, 2, 0.2, 0.6, 22, false, "noisy");
		TrainingOptions o = TrainingOptions.fromMap(Map.of("method", "dann", "epochs", "2", "batch", "16", "threads", "2",
			"patience", "0", "dann-weight", "0.7"));
		model = new Trainer(o).train(source, target, null, null);
	}

	@Test
	void saveThenLoadGivesIdenticalPredictionsAndACompleteCard(@TempDir Path dir) throws IOException {
		Path folder = ModelPackage.save(model, dir.resolve("merger-model"), 0.396, true);
		Prediction before = model.predict(target, CPU);
		try (Predictor p = Predictor.open(folder, CPU)) {
			Prediction after = p.predict(target);
			assertArrayEquals(before.probabilities(), after.probabilities(), 1e-6f);
			assertArrayEquals(before.latents(), after.latents(), 1e-5f);
			ModelCard c = p.card();
			assertArrayEquals(SyntheticStamps.CLASSES, c.classNames());
			assertEquals(16, c.height());
			assertEquals(2, c.bands());
			assertEquals(0.396, c.pixelScaleArcsec(), 1e-12);
			assertEquals("dann", c.method());
			assertEquals("0.7", c.hyperparameters().get("dann-weight"), "the card records the settings used");
			assertNotNull(c.json().get("metrics"));
			assertEquals(48, p.latentStatistics().targetCount());
			// the unlabelled target latents, kept for the open-set score, come back as they were
			assertArrayEquals(model.latent().targetSamples(), p.latentStatistics().targetSamples());
			assertEquals(48, p.latentStatistics().targetSampleCount());
			assertEquals(p.latentStatistics().dim() * p.latentStatistics().sampleCount(), p.latentStatistics()
				.samples().length);
			// too few validation latents for the default threshold: the card says so instead of a number
			Map<?, ?> ood = (Map<?, ?>) c.json().get("ood");
			assertEquals("mahalanobis", ood.get("method"));
			assertNull(ood.get("threshold"));
			assertTrue(String.valueOf(ood.get("note")).contains("needs at least 20"), ood.toString());
			Prediction mc = p.predict(target, 4, 0.5, 1);
			assertEquals(target.count() * 2, mc.probabilityStd().length);
		}
		try (Predictor z = Predictor.open(dir.resolve("merger-model.zip"), CPU)) {
			assertArrayEquals(before.probabilities(), z.predict(target).probabilities(), 1e-6f);
		}
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(List.of("merger-model", "merger-model.zip"), s.map(q -> q.getFileName().toString()).sorted()
				.toList(), "no temporary files left");
		}
	}

	@Test
	void fineTuneContinuesALoadedModel(@TempDir Path dir) throws IOException {
		Path folder = ModelPackage.save(model, dir.resolve("m"), null, false);
		TrainedModel base;
		try (Predictor p = Predictor.open(folder, CPU)) {
			base = p.toTrainedModel();
		}
		StampSet labelledTarget = SyntheticStamps.make(32, 16, 2, 0.2, 0.6, 23, true, "noisy");
		TrainingOptions o = TrainingOptions.fromMap(Map.of("epochs", "1", "batch", "8", "threads", "2", "lr", "0.0001"));
		TrainedModel tuned = new Trainer(o).fineTune(base, labelledTarget, null, null, null);
		assertEquals("fine-tune", tuned.options().method());
		assertTrue(tuned.provenance().containsKey("baseModel"));
		Path out = ModelPackage.save(tuned, dir.resolve("tuned"), null, false);
		assertEquals("fine-tune", ModelPackage.readCard(out).method());
	}

	@Test
	void aModelForAnotherStampSizeSaysWhatDiffers(@TempDir Path dir) throws IOException {
		Path folder = ModelPackage.save(model, dir.resolve("m"), null, false);
		StampSet other = SyntheticStamps.make(4, 24, 1, 0, 1, 1, false, "x");
		try (Predictor p = Predictor.open(folder, CPU)) {
			ModelException e = assertThrows(ModelException.class, () -> p.predict(other));
			assertTrue(e.getMessage().contains("stamp size 24x24 but the model expects 16x16"), e.getMessage());
			assertTrue(e.getMessage().contains("1 band(s) but the model expects 2"), e.getMessage());
		}
	}

	@Test
	void damagedPackagesGiveClearErrors(@TempDir Path dir) throws IOException {
		assertTrue(assertThrows(ModelException.class, () -> Predictor.open(dir.resolve("absent"), CPU)).getMessage()
			.contains("not found"));

		Path a = ModelPackage.save(model, dir.resolve("a"), null, false);
		Files.delete(a.resolve("saved_model/saved_model.pb"));
		assertTrue(assertThrows(ModelException.class, () -> Predictor.open(a, CPU)).getMessage().contains(
			"saved_model.pb is missing"));

		Path b = ModelPackage.save(model, dir.resolve("b"), null, false);
		Files.writeString(b.resolve("model.json"), "{\"format\": \"astrobridge-model\", \"classes\": [");
		ModelException eb = assertThrows(ModelException.class, () -> Predictor.open(b, CPU));
		assertTrue(eb.getMessage().contains("damaged model package") && eb.getMessage().contains("model.json"), eb
			.getMessage());

		Path c = ModelPackage.save(model, dir.resolve("c"), null, false);
		Files.write(c.resolve("saved_model/saved_model.pb"), new byte[] { 1, 2, 3, 4 });
		assertTrue(assertThrows(ModelException.class, () -> Predictor.open(c, CPU)).getMessage().contains(
			"TensorFlow cannot load"));

		Path d = ModelPackage.save(model, dir.resolve("d"), null, false);
		Files.delete(d.resolve("model.json"));
		assertTrue(assertThrows(ModelException.class, () -> Predictor.open(d, CPU)).getMessage().contains(
			"model.json is missing"));

		Path z = dir.resolve("broken.zip");
		Files.write(z, new byte[] { 'P', 'K', 0, 0 });
		assertTrue(assertThrows(ModelException.class, () -> Predictor.open(z, CPU)).getMessage().contains(
			"damaged model package"));
	}

	@Test
	void aFailedSaveLeavesNothingAndKeepsThePreviousPackage(@TempDir Path dir) throws IOException {
		Map<String, float[]> partial = new LinkedHashMap<>(model.weights());
		partial.remove("classifier/logits/bias");
		TrainedModel broken = new TrainedModel(model.network(), model.height(), model.width(), model.bands(), model
			.classNames(), model.normalisation(), model.options(), partial, model.history(), model.bestEpoch(), model
				.stopReason(), model.sourceValidation(), model.target(), model.latent(), model.provenance(), model.placement(),
			model.trainingSeconds());
		ModelException e = assertThrows(ModelException.class, () -> ModelPackage.save(broken, dir.resolve("new"), null,
			true));
		assertTrue(e.getMessage().contains("classifier/logits/bias"), e.getMessage());
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(0, s.count(), "a failed save leaves nothing behind");
		}
		Path good = ModelPackage.save(model, dir.resolve("keep"), null, false);
		String card = Files.readString(good.resolve("model.json"));
		assertThrows(ModelException.class, () -> ModelPackage.save(broken, good, null, false));
		assertEquals(card, Files.readString(good.resolve("model.json")), "the previous package is untouched");
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(List.of("keep"), s.map(q -> q.getFileName().toString()).toList());
		}
		Files.createDirectories(dir.resolve("other"));
		Files.writeString(dir.resolve("other/notes.txt"), "mine");
		assertTrue(assertThrows(ModelException.class, () -> ModelPackage.save(model, dir.resolve("other"), null, false))
			.getMessage().contains("refusing"));
		assertFalse(Files.exists(dir.resolve("other/model.json")));
	}
}
