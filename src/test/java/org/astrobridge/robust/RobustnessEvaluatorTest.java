package org.astrobridge.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.astrobridge.model.Predictor;
import org.astrobridge.nn.Evaluation;
import org.astrobridge.nn.Prediction;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.SyntheticStamps;
import org.astrobridge.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobustnessEvaluatorTest {

	static final Path MODEL = Path.of("models/mergers-sim-to-sdss-dann.zip");

	/** 48x48x1 two-blob stamps labelled with the shipped model's classes (pair = merger). */
	static StampSet mergerStamps(int n, long seed) {
		StampSet s = SyntheticStamps.make(n, 48, 1, 0.05, 1, seed, true, "test");
		return new StampSet(n, 48, 48, 1, s.pixels(), s.labels(), new String[] { "non_merger", "merger" }, "test",
			"synthetic");
	}

	/** A pure-Java stand-in model: p(class 1) rises with the stamp's mean; latent = (mean, max). */
	static Prediction toyPredict(StampSet set) {
		int n = set.count(), size = set.stampSize();
		float[] probs = new float[2 * n], latents = new float[2 * n];
		for (int k = 0; k < n; k++) {
			double sum = 0, max = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < size; i++) {
				float v = set.pixels()[k * size + i];
				sum += v;
				max = Math.max(max, v);
			}
			double p1 = 1 / (1 + Math.exp(-(sum / size - 0.02) * 200));
			probs[2 * k] = (float) (1 - p1);
			probs[2 * k + 1] = (float) p1;
			latents[2 * k] = (float) (sum / size);
			latents[2 * k + 1] = (float) max;
		}
		return new Prediction(n, 2, 2, probs, latents, null);
	}

	@Test
	void cleanRowsAgreeWithDirectEvaluationAndStrengthZeroChangesNothing(@TempDir Path dir) throws Exception {
		StampSet stamps = mergerStamps(40, 3);
		try (Predictor p = Predictor.open(MODEL, new SessionSettings(1, "cpu"))) {
			List<RobustnessEvaluator.Condition> conditions = List.of(new RobustnessEvaluator.Condition(new GaussianNoise(),
				new double[] { 0, 2, 8 }), new RobustnessEvaluator.Condition(new PsfBlur(), new double[] { 0, 3 }));
			AttackSettings budget = AttackSettings.defaults().withPopulation(8).withIterations(2);
			RobustnessEvaluator.Result r = new RobustnessEvaluator(conditions, 4, budget, 5).evaluate(List.of(
				new RobustnessEvaluator.NamedModel("dann", p::predict)), stamps, Progress.NONE);

			double direct = Evaluation.of(stamps.labels(), p.predict(stamps)).accuracy();
			assertEquals(direct, r.clean("dann").accuracy(), 1e-12);
			assertEquals(1 + 5, r.rows().size());
			for (RobustnessEvaluator.Row row : r.rows()) {
				assertTrue(row.margin() >= 0 && row.margin() <= 1, row.toString());
				if (row.strength() == 0) {
					assertEquals(direct, row.accuracy(), 1e-12, row.toString());
					assertEquals(0, row.flipShare(), row.toString());
					assertEquals(0, row.latentShift(), 1e-6, row.toString());
				}
			}
			RobustnessEvaluator.Row strongNoise = r.rows("dann", "noise").get(2);
			assertTrue(strongNoise.latentShift() > 0, "8 sigma of added noise moves the latent vectors");

			RobustnessEvaluator.AttackSummary a = r.attacks().get(0);
			assertEquals(4, a.drawn());
			assertTrue(a.attacked() <= 4 && a.successes() <= a.attacked());
			assertTrue(a.evaluations() <= a.attacked() * budget.maxEvaluations());

			List<Path> files = RobustnessReport.write(r, stamps, dir);
			Path html = dir.resolve(RobustnessReport.HTML);
			assertEquals(html, files.get(files.size() - 1));
			String page = Files.readString(html);
			assertTrue(page.contains("<table") && page.contains("<h2>noise</h2>") && page.contains("<h2>blur</h2>"),
				"tables per perturbation");
			assertTrue(page.contains("<img") && page.contains("data:image/png;base64,"), "embedded images");
			assertTrue(!page.contains("src=\"http") && !page.contains("src=\"file"), "nothing outside the page");
			assertTrue(Files.size(dir.resolve("accuracy-noise.png")) > 1000);
			List<String> csv = Files.readAllLines(dir.resolve(RobustnessReport.TABLE));
			assertEquals(1 + 6, csv.size());
			assertTrue(csv.get(0).startsWith(
				"model,perturbation,strength,unit,count,accuracy,flip_share,latent_shift,margin"), csv.get(0));
			assertEquals(2, Files.readAllLines(dir.resolve(RobustnessReport.ATTACK_TABLE)).size());
		}
	}

	@Test
	void sameSeedSameReportAndTwoModelsShareThePerturbedStamps() throws Exception {
		StampSet stamps = mergerStamps(30, 4);
		List<RobustnessEvaluator.Condition> conditions = List.of(RobustnessEvaluator.Condition.defaults(
			new GaussianNoise()), RobustnessEvaluator.Condition.defaults(new CosmicRays()));
		AttackSettings budget = AttackSettings.defaults().withPopulation(6).withIterations(3);
		RobustnessEvaluator.NamedModel a = new RobustnessEvaluator.NamedModel("a", RobustnessEvaluatorTest::toyPredict);
		RobustnessEvaluator.NamedModel b = new RobustnessEvaluator.NamedModel("b", RobustnessEvaluatorTest::toyPredict);
		RobustnessEvaluator.Result one = new RobustnessEvaluator(conditions, 5, budget, 9).evaluate(List.of(a), stamps,
			null);
		RobustnessEvaluator.Result two = new RobustnessEvaluator(conditions, 5, budget, 9).evaluate(List.of(a, b), stamps,
			null);
		assertEquals(one.rows(), two.rows().stream().filter(r -> r.model().equals("a")).toList());
		assertEquals(one.attacks().get(0), two.attacks().get(0));
		for (int i = 0; i < one.rows().size(); i++) {
			RobustnessEvaluator.Row ra = one.rows().get(i), rb = two.rows(("b"), ra.perturbation()).stream().filter(r -> r
				.strength() == ra.strength()).findFirst().orElse(two.clean("b"));
			assertEquals(ra.accuracy(), rb.accuracy(), "identical models on identical perturbed stamps");
		}
		RobustnessEvaluator.Result other = new RobustnessEvaluator(conditions, 5, budget, 10).evaluate(List.of(a), stamps,
			null);
		assertTrue(!one.rows().equals(other.rows()), "another seed perturbs differently");
		List<RobustnessEvaluator.Row> noise = one.rows("a", "noise");
		assertTrue(noise.get(4).latentShift() > noise.get(0).latentShift(), "stronger noise moves the latents further");
	}

	@Test
	void cancellingStopsTheReport() {
		StampSet stamps = mergerStamps(10, 5);
		Progress cancelAfterClean = new Progress() {

			int calls;

			@Override
			public void update(double fraction, String message) {
				calls++;
			}

			@Override
			public boolean isCancelled() {
				return calls >= 2;
			}
		};
		RobustnessEvaluator e = new RobustnessEvaluator(List.of(RobustnessEvaluator.Condition.defaults(
			new GaussianNoise())), 0, null, 1);
		assertThrows(Progress.CancelledException.class, () -> e.evaluate(List.of(new RobustnessEvaluator.NamedModel("a",
			RobustnessEvaluatorTest::toyPredict)), stamps, cancelAfterClean));
		assertThrows(IllegalArgumentException.class, () -> new RobustnessEvaluator.Condition(new PsfBlur(), new double[] {
			-1 }));
	}
}
