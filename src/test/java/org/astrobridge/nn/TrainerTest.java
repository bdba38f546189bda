package org.astrobridge.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.astrobridge.util.Progress;
import org.junit.jupiter.api.Test;

class TrainerTest {

	static final StampSet SOURCE = SyntheticStamps.make(64, 16, 1, 0.0, 1.0, 11, true, "sim");
	static final StampSet TARGET = SyntheticStamps.make(64, 16, 1, 0.2, 0.6, 12, false, "noisy");

	static TrainingOptions opts(String method, int epochs, long seed) {
		return TrainingOptions.fromMap(Map.of("method", method, "epochs", String.valueOf(epochs), "batch", "16", "threads",
			"2", "seed", String.valueOf(seed), "lr-schedule", "constant", "patience", "0"));
	}

	@Test
	void aFewStepsReduceTheLoss() {
		List<EpochReport> reports = new ArrayList<>();
		TrainedModel m = new Trainer(opts("source-only", 6, 1)).train(SOURCE, null, null, reports::add);
		assertEquals(6, reports.size());
		assertTrue(reports.get(5).crossEntropy() < reports.get(0).crossEntropy(), "cross-entropy must fall: " + reports.get(
			0).crossEntropy() + " -> " + reports.get(5).crossEntropy());
		assertTrue(m.placement().contains("CPU"), m.placement());
		assertEquals("completed", m.stopReason());
	}

	@Test
	void adaptiveMethodsReportTheirTerms() {
		for (String method : new String[] { "dann", "mmd" }) {
			TrainingOptions o = opts(method, 2, 1).set("entropy-weight", "0.1");
			List<EpochReport> reports = new ArrayList<>();
			TrainedModel m = new Trainer(o).train(SOURCE, TARGET, null, reports::add);
			EpochReport r = reports.get(1);
			assertTrue(Double.isFinite(r.loss()) && Double.isFinite(r.entropy()), r.line());
			if (method.equals("dann")) {
				assertTrue(Double.isFinite(r.domainLoss()) && r.domainAccuracy() >= 0 && r.lambda() > 0, r.line());
			}
			else {
				assertTrue(r.mmd() >= 0, r.line());
			}
			assertTrue(Double.isNaN(r.targetAccuracy()), "an unlabelled target has no accuracy");
			assertFalse(m.weights().keySet().stream().anyMatch(k -> k.startsWith("domain/")),
				"the domain head is not part of the model");
			assertEquals(64, m.latent().targetCount());
		}
	}

	@Test
	void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() {
		Map<String, float[]> a = new Trainer(opts("dann", 2, 7)).train(SOURCE, TARGET, null, null).weights();
		Map<String, float[]> b = new Trainer(opts("dann", 2, 7)).train(SOURCE, TARGET, null, null).weights();
		Map<String, float[]> c = new Trainer(opts("dann", 2, 8)).train(SOURCE, TARGET, null, null).weights();
		assertEquals(a.keySet(), b.keySet());
		for (String k : a.keySet())
			assertArrayEquals(a.get(k), b.get(k), "variable " + k + " differs between identical runs");
		assertFalse(java.util.Arrays.equals(a.get("features/block1/conv/kernel"), c.get("features/block1/conv/kernel")));
	}

	@Test
	@SuppressWarnings("unchecked")
	void matchedObservationIsFittedToTheTargetAndRecorded() {
		TrainingOptions o = opts("source-only", 1, 7).set("augment-observation", "matched");
		TrainedModel m = new Trainer(o).train(SOURCE, TARGET, null, null);
		Map<String, Object> obs = (Map<String, Object>) m.provenance().get("observation");
		assertEquals("matched", obs.get("mode"));
		assertEquals(true, obs.get("fitted"));
		// the target is noisier than the source: the fit must add noise
		assertTrue((Double) obs.get("noise") > 0, obs.toString());
		assertTrue((Double) obs.get("distance") < (Double) obs.get("unchangedSourceDistance"), obs.toString());

		TrainedModel alone = new Trainer(o).train(SOURCE, null, null, null);
		Map<String, Object> none = (Map<String, Object>) alone.provenance().get("observation");
		assertEquals(false, none.get("fitted"), "without target stamps nothing can be matched: " + none);
		assertTrue(none.get("why").toString().contains("no target stamps"), none.toString());
	}

	@Test
	void augmentObservationKeepsReadingTheOldBooleans() {
		assertEquals("random", TrainingOptions.fromMap(Map.of("augment-observation", "true")).get("augment-observation"));
		assertEquals("none", TrainingOptions.fromMap(Map.of("augment-observation", "FALSE")).get("augment-observation"));
		assertThrows(IllegalArgumentException.class, () -> TrainingOptions.fromMap(Map.of("augment-observation", "yes")));
	}

	@Test
	void newMethodsAndOptionsAreDeterministicForASeed() {
		for (String[] kv : new String[][] { { "method", "coral" }, { "augment-observation", "true" }, {
			"augment-observation", "matched" }, { "adabn", "true" }, { "pseudo-label-weight", "1" } })
		{
			TrainingOptions o = opts(kv[0].equals("method") ? kv[1] : "source-only", 2, 7);
			if (!kv[0].equals("method")) o.set(kv[0], kv[1]);
			Map<String, float[]> a = new Trainer(o).train(SOURCE, TARGET, null, null).weights();
			Map<String, float[]> b = new Trainer(o).train(SOURCE, TARGET, null, null).weights();
			Map<String, float[]> c = new Trainer(o.copy().set("seed", "8")).train(SOURCE, TARGET, null, null).weights();
			for (String k : a.keySet())
				assertArrayEquals(a.get(k), b.get(k), kv[0] + "=" + kv[1] + ": variable " + k +
					" differs between identical runs");
			assertFalse(java.util.Arrays.equals(a.get("features/block1/conv/kernel"), c.get("features/block1/conv/kernel")),
				kv[0] + "=" + kv[1]);
		}
	}

	@Test
	void adabnReplacesOnlyTheBatchNormStatisticsWithTheTargets() {
		TrainedModel plain = new Trainer(opts("source-only", 2, 3)).train(SOURCE, null, null, null);
		TrainedModel adapted = Trainer.withTargetStatistics(plain, TARGET, SessionSettings.of(plain.options()));
		// with target stamps the default would re-observe the source as the target: compare like with like
		TrainedModel trained = new Trainer(opts("source-only", 2, 3).set("adabn", "true").set("augment-observation",
			"none")).train(SOURCE, TARGET, null, null);
		int statistics = 0;
		for (String k : plain.weights().keySet()) {
			boolean stat = k.endsWith("/moving_mean") || k.endsWith("/moving_variance");
			if (stat) {
				statistics++;
				assertFalse(java.util.Arrays.equals(plain.weights().get(k), adapted.weights().get(k)), k +
					" must follow the target");
			}
			else {
				assertArrayEquals(plain.weights().get(k), adapted.weights().get(k), k + " must be kept");
			}
			assertArrayEquals(adapted.weights().get(k), trained.weights().get(k), k +
				": adabn=true and the post-hoc pass must agree");
		}
		assertEquals(6, statistics);
		assertThrows(IllegalArgumentException.class, () -> new Trainer(opts("source-only", 1, 1).set("adabn", "true"))
			.train(SOURCE, null, null, null));
	}

	@Test
	void autoKeepsTheCandidateWithTheLowestDevRisk() {
		TrainedModel m = new Trainer(opts("auto", 1, 2)).train(SOURCE, TARGET, null, null);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> tried = (List<Map<String, Object>>) m.provenance().get("autoSelection");
		assertEquals(Trainer.AUTO_CANDIDATES.size(), tried.size());
		double least = tried.stream().mapToDouble(r -> (Double) r.get("devRisk")).min().orElseThrow();
		Map<String, Object> chosen = tried.stream().filter(r -> (Double) r.get("devRisk") == least).findFirst()
			.orElseThrow();
		assertEquals(chosen.get("method"), m.options().method(), "the kept model is the least-risk candidate");
		assertEquals(chosen.getOrDefault("adabn", "false"), m.options().get("adabn"));
		assertThrows(IllegalArgumentException.class, () -> new Trainer(opts("auto", 1, 2)).train(SOURCE, null, null, null));
	}

	@Test
	void cancellingKeepsTheBestModelSoFar() {
		AtomicInteger epochs = new AtomicInteger();
		Progress cancelAfterTwo = new Progress() {

			@Override
			public void update(double fraction, String message) {}

			@Override
			public boolean isCancelled() {
				return epochs.get() >= 2;
			}
		};
		TrainedModel m = new Trainer(opts("source-only", 20, 1)).train(SOURCE, null, cancelAfterTwo, r -> epochs
			.incrementAndGet());
		assertEquals("cancelled", m.stopReason());
		assertEquals(2, m.history().size());
		assertTrue(m.bestEpoch() >= 1 && m.bestEpoch() <= 2);
		assertTrue(m.sourceValidation().count() > 0);
	}

	@Test
	void resnetTrainsAndLabelledTargetIsOnlyReported() {
		StampSet labelledTarget = SyntheticStamps.make(32, 16, 1, 0.2, 0.6, 13, true, "noisy");
		TrainingOptions o = opts("mmd", 1, 1).set("network", "resnet").set("mmd-kernels", "median");
		TrainedModel m = new Trainer(o).train(SOURCE, labelledTarget, null, null);
		assertEquals(64, m.latent().dim());
		assertTrue(m.target() != null && m.target().count() == 32);
		assertTrue(Double.isFinite(m.history().get(0).targetAccuracy()));
	}
}
