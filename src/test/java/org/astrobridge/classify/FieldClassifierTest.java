package org.astrobridge.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.astrobridge.data.StampSetLoader;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.detect.DetectionResult;
import org.astrobridge.detect.Detector;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.Wcs;
import org.astrobridge.model.ModelException;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.report.Catalog;
import org.astrobridge.sim.BenchmarkWriter;
import org.astrobridge.sim.SimulationSpec;
import org.astrobridge.util.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a small simulated SDSS-like field with the shipped 48x48x1 merger model. */
class FieldClassifierTest {

	static final Path MODEL = Path.of("models/mergers-sim-to-sdss-dann.zip");

	@TempDir
	static Path dir;
	static Predictor predictor;
	static FitsImage field;
	static FieldClassifier classifier;
	static Classification result;

	@BeforeAll
	static void classifyField() throws Exception {
		// a decals field (0.262"/px) so that stamps must be resampled to the model's 0.396"/px
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "decals", "mode", "field", "n",
			"10", "fieldSize", "256", "bands", "1", "seed", "3", "outputDir", dir.resolve("sim").toString(), "contactSheet",
			"false", "threads", "1")));
		field = FitsReader.readImage(dir.resolve("sim/mergers_decals_field.fits"), null);
		predictor = Predictor.open(MODEL, new SessionSettings(1, "cpu"));
		classifier = new FieldClassifier(predictor, ClassifySettings.defaults().withBatch(7), MODEL.toString());
		result = classifier.classify(field, null);
	}

	@AfterAll
	static void close() {
		if (predictor != null) {
			predictor.close();
		}
	}

	@Test
	void oneRowPerDetectionInDetectionOrder() {
		DetectionResult d = new Detector(ClassifySettings.defaults().detection()).detect(field.plane(0), field.width(),
			field.height(), field.wcs());
		Catalog c = result.catalog();
		assertTrue(d.objects().size() >= 5, "the field holds objects: " + d.objects().size());
		assertEquals(d.objects().size(), c.rowCount());
		assertEquals(d.objects(), result.objects());
		for (int r = 0; r < c.rowCount(); r++) {
			DetectedObject o = d.objects().get(r);
			assertEquals(o.id(), c.getInt("id", r));
			assertEquals(o.x(), c.getDouble("x_fits", r));
			assertEquals(o.y(), c.getDouble("y_fits", r));
			assertEquals(o.flux(), c.getDouble("flux", r));
		}
	}

	@Test
	void skyColumnsAgreeWithTheHeaderWcs() {
		Wcs wcs = Wcs.fromHeader(field.header());
		Catalog c = result.catalog();
		for (int r = 0; r < c.rowCount(); r++) {
			double[] sky = wcs.pixelToSky(c.getDouble("x_fits", r), c.getDouble("y_fits", r));
			assertEquals(sky[0], c.getDouble("ra", r), 1e-9);
			assertEquals(sky[1], c.getDouble("dec", r), 1e-9);
		}
	}

	@Test
	void classificationAndOodColumnsAreConsistent() {
		Catalog c = result.catalog();
		for (String col : List.of("class", "class_id", "p_non_merger", "p_merger", "ood_score", "ood", "x_ij", "y_ij")) {
			assertTrue(c.hasColumn(col), col);
		}
		int flagged = 0;
		for (int r = 0; r < c.rowCount(); r++) {
			double p0 = c.getDouble("p_non_merger", r);
			double p1 = c.getDouble("p_merger", r);
			assertEquals(1.0, p0 + p1, 1e-5);
			assertEquals(p1 > p0 ? "merger" : "non_merger", c.getString("class", r));
			double score = c.getDouble("ood_score", r);
			assertTrue(Double.isFinite(score) && score >= 0, "squared distance: " + score);
			int ood = c.getInt("ood", r);
			assertEquals(score > classifier.ood().threshold() ? 1 : 0, ood);
			flagged += ood;
		}
		assertEquals(flagged, result.oodCount());
		assertEquals(c.rowCount(), result.classCounts().values().stream().mapToInt(Integer::intValue).sum());
		assertTrue(c.metadata().get("ood").startsWith("mahalanobis > "), c.metadata().toString());
	}

	@Test
	void stampsAreResampledToTheModelScale() {
		assertEquals(0.396, predictor.card().pixelScaleArcsec(), 1e-9);
		assertEquals(0.262, field.wcs().pixelScaleArcsec(), 1e-6);
		assertEquals(0.396 / field.wcs().pixelScaleArcsec(), result.cutoutFactor(), 1e-9);
	}

	@Test
	void thresholdKeepsTheRequestedShareOfHeldOutLatents() {
		// by default on the target latents the model keeps, which the Mahalanobis fit never saw
		OodModel m = classifier.ood();
		assertTrue(m.calibratedOnTarget(), m.describe());
		int dim = predictor.latentStatistics().dim();
		assertEquals(predictor.latentStatistics().targetSamples().length / dim, m.calibrationCount());
		assertTrue(m.describe().contains("unlabelled target latents"), m.describe());
		OodModel source = OodModel.build(OodMethod.MAHALANOBIS, 0.95, predictor.latentStatistics(), 2, "m",
			OodModel.Calibration.SOURCE);
		assertFalse(source.calibratedOnTarget());
		assertEquals(predictor.latentStatistics().sampleCount(), source.fitCount() + source.calibrationCount());
		assertTrue(source.calibrationCount() >= OodModel.MIN_SAMPLES);
		OodModel knn = OodModel.build(OodMethod.KNN, 0.9, predictor.latentStatistics(), 2, "m");
		assertTrue(knn.threshold() > 0, "held-out latents are not at distance 0 from the fitting ones");
		OodModel entropy = OodModel.build(OodMethod.ENTROPY, 0.95, null, 2, "m");
		assertEquals(Math.log(2) / 2, entropy.threshold(), 1e-12);
	}

	@Test
	void monteCarloDropoutAddsUncertaintyColumnsAndIsSeeded() throws Exception {
		FieldClassifier mc = new FieldClassifier(predictor, ClassifySettings.defaults().withMcPasses(4).withOod(
			OodMethod.ENTROPY, 0.95), "m");
		Classification a = mc.classify(field, null);
		Classification b = mc.classify(field, null);
		Catalog c = a.catalog();
		assertTrue(c.hasColumn("p_std") && c.hasColumn("entropy") && c.hasColumn("mutual_info"));
		boolean varies = false;
		for (int r = 0; r < c.rowCount(); r++) {
			assertTrue(c.getDouble("p_std", r) >= 0);
			assertTrue(c.getDouble("mutual_info", r) >= -1e-9);
			assertEquals(c.getDouble("entropy", r), c.getDouble("ood_score", r), 1e-6);
			varies |= c.getDouble("p_std", r) > 0;
		}
		assertTrue(varies, "dropout passes differ");
		assertArrayEquals(c.doubleColumn("p_merger"), b.catalog().doubleColumn("p_merger"), "same seed, same result");
	}

	@Test
	void ensembleOfIdenticalMembersKeepsProbabilitiesWithoutSpread() throws Exception {
		try (Predictor twin = Predictor.open(MODEL, new SessionSettings(1, "cpu"))) {
			FieldClassifier ensemble = new FieldClassifier(List.of(predictor, twin), ClassifySettings.defaults().withBatch(7),
				List.of("a", "b"));
			Catalog c = ensemble.classify(field, null).catalog();
			Catalog single = result.catalog();
			assertEquals(single.rowCount(), c.rowCount());
			assertTrue(c.hasColumn("p_std") && c.hasColumn("mutual_info"), "an ensemble reports its spread");
			double threshold = classifier.ood().threshold(), reference = classifier.ood().reference();
			for (int r = 0; r < c.rowCount(); r++) {
				assertEquals(single.getDouble("p_merger", r), c.getDouble("p_merger", r), 1e-6);
				assertEquals(0, c.getDouble("p_std", r), 1e-6);
				assertEquals(0, c.getDouble("mutual_info", r), 1e-6);
				// each member's score on the scale from its median calibration score (0) to its threshold (1), averaged
				assertEquals((single.getDouble("ood_score", r) - reference) / (threshold - reference), c.getDouble("ood_score",
					r), 1e-9);
				assertEquals(single.getInt("ood", r), c.getInt("ood", r));
			}
			assertEquals("2 models", c.metadata().get("ensemble"));
			assertEquals("a,b", c.metadata().get("model"));
		}
	}

	@Test
	void ensembleMemberWithOtherClassesIsRefused() throws Exception {
		org.astrobridge.nn.TrainedModel m = predictor.toTrainedModel();
		org.astrobridge.nn.TrainedModel renamed = new org.astrobridge.nn.TrainedModel(m.network(), m.height(), m.width(), m
			.bands(), new String[] { "a", "b" }, m.normalisation(), m.options(), m.weights(), m.history(), m.bestEpoch(), m
				.stopReason(), m.sourceValidation(), m.target(), m.latent(), m.provenance(), m.placement(), m
					.trainingSeconds());
		Path other = org.astrobridge.model.ModelPackage.save(renamed, dir.resolve("renamed"), 0.396, false);
		try (Predictor p = Predictor.open(other, new SessionSettings(1, "cpu"))) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FieldClassifier(List.of(
				predictor, p), ClassifySettings.defaults(), List.of("first", "second")));
			assertTrue(e.getMessage().contains("ensemble member second does not match first: classes [a, b]"), e
				.getMessage());
		}
	}

	@Test
	void fieldCalibrationFallsBackOnASmallField() throws Exception {
		Catalog c = new FieldClassifier(predictor, ClassifySettings.defaults().withBatch(7).withCalibration(
			OodModel.Calibration.FIELD), "m").classify(field, null).catalog();
		assertEquals("target (field fallback)", c.metadata().get("ood_calibration"));
		assertTrue(c.metadata().get("ood_field_calibration").startsWith("only "), c.metadata().toString());
		assertArrayEquals(result.catalog().intColumn("ood"), c.intColumn("ood"));
		assertArrayEquals(result.catalog().stringColumn("ood_reason"), c.stringColumn("ood_reason"));
	}

	@Test
	void fieldCalibrationKeepsItsShareOfTheFieldsResolvedObjects() throws Exception {
		// an sdss field with enough galaxies, and bright stars clipped at the header's SATURATE
		Path out = dir.resolve("sdss");
		Map<String, String> m = new java.util.HashMap<>(Map.of("task", "mergers", "domain", "sdss", "mode", "field", "n",
			"150", "fieldSize", "1024", "bands", "1", "seed", "5", "outputDir", out.toString(), "contactSheet", "false",
			"threads", "1"));
		m.put("brightStars", "4");
		BenchmarkWriter.write(SimulationSpec.fromOptions(m));
		FitsImage sdss = FitsReader.readImage(out.resolve("mergers_sdss_field.fits"), null);
		double saturate = sdss.header().getDouble("SATURATE", Double.NaN);
		ClassifySettings onField = ClassifySettings.defaults().withCalibration(OodModel.Calibration.FIELD);
		Catalog c = new FieldClassifier(predictor, onField, "m").classify(sdss, null).catalog();
		assertEquals("field", c.metadata().get("ood_calibration"));
		// the detection took its saturation level from the header, and says so
		assertTrue(c.metadata().get("detection").endsWith("saturation " + saturate + " from the image header's SATURATE"), c
			.metadata().get("detection"));
		assertTrue(java.util.Arrays.stream(c.intColumn("flags")).filter(f -> (f & 4) != 0).count() >= 4, "saturated stars");
		String[] reason = c.stringColumn("ood_reason");
		double[] score = c.doubleColumn("ood_score");
		double[] passed = java.util.stream.IntStream.range(0, reason.length).filter(r -> reason[r].isEmpty() || reason[r]
			.equals("score")).mapToDouble(r -> score[r]).toArray();
		assertTrue(passed.length >= FieldCalibration.MIN_OBJECTS, passed.length + " passed");
		double threshold = Double.parseDouble(c.metadata().get("ood_threshold"));
		assertEquals(org.astrobridge.ood.OodThreshold.calibrate(passed, 0.95).threshold(), threshold, 0);
		long flagged = java.util.Arrays.stream(passed).filter(v -> v > threshold).count();
		assertTrue(flagged <= Math.ceil(0.05 * passed.length) && flagged >= Math.floor(0.05 * passed.length) - 1, flagged +
			" of " + passed.length + " passed objects flagged by the score");
		for (int r = 0; r < reason.length; r++) {
			if (reason[r].isEmpty() || reason[r].equals("score")) {
				assertEquals(score[r] > threshold, reason[r].equals("score"), "row " + r);
			}
		}
		// an ensemble calibrates its own scale on the field: two identical members flag what one model flags
		try (Predictor twin = Predictor.open(MODEL, new SessionSettings(1, "cpu"))) {
			Catalog e = new FieldClassifier(List.of(predictor, twin), onField, List.of("a", "b")).classify(sdss, null)
				.catalog();
			assertEquals("field", e.metadata().get("ood_calibration"));
			assertArrayEquals(c.intColumn("ood"), e.intColumn("ood"));
		}
		// a level the user gives wins over the header's
		Catalog user = new FieldClassifier(predictor, onField.withDetection(onField.detection().withSaturation(1e30)), "m")
			.classify(sdss, null).catalog();
		assertFalse(user.metadata().get("detection").contains("header"), user.metadata().get("detection"));
	}

	@Test
	void stampStackIsClassifiedWithoutDetection() throws Exception {
		Path out = dir.resolve("stamps");
		BenchmarkWriter.write(SimulationSpec.fromOptions(Map.of("task", "mergers", "domain", "sim", "n", "9", "stampSize",
			"48", "bands", "1", "outputDir", out.toString(), "contactSheet", "false", "threads", "1")));
		StampSet stamps = StampSetLoader.load(out.resolve("mergers_sim_stamps.fits"), null, null).stamps();
		Classification c = classifier.classifyStamps(stamps, "stack", null);
		assertEquals(9, c.catalog().rowCount());
		assertFalse(c.catalog().hasColumn("x_fits"));
		assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), java.util.Arrays.stream(c.catalog().intColumn("id")).boxed()
			.toList());
		assertTrue(c.objects().isEmpty());
	}

	@Test
	void batchSizeDoesNotChangeTheCatalogue() throws Exception {
		Classification whole = new FieldClassifier(predictor, ClassifySettings.defaults().withBatch(1000), "m").classify(
			field, null);
		// TensorFlow may sum in another order for another batch shape: equal up to float rounding
		assertArrayEquals(result.catalog().doubleColumn("p_merger"), whole.catalog().doubleColumn("p_merger"), 1e-5);
		assertArrayEquals(result.catalog().doubleColumn("ood_score"), whole.catalog().doubleColumn("ood_score"), 1e-3);
		assertArrayEquals(result.catalog().intColumn("ood"), whole.catalog().intColumn("ood"));
	}

	@Test
	void cancellingStopsBeforeTheNextBatch() {
		int[] updates = { 0 };
		Progress cancelAfterDetection = new Progress() {

			@Override
			public void update(double fraction, String message) {
				updates[0]++;
			}

			@Override
			public boolean isCancelled() {
				return updates[0] >= 2;
			}
		};
		assertThrows(Progress.CancelledException.class, () -> classifier.classify(field, cancelAfterDetection));
		assertEquals(2, updates[0], "stopped right after detection");
	}

	@Test
	void clearErrorsForWrongBandAndWrongStamps() throws Exception {
		FieldClassifier band3 = new FieldClassifier(predictor, ClassifySettings.defaults().withBand(2), "m");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> band3.classify(field, null));
		assertTrue(e.getMessage().contains("detection band 3 does not exist"), e.getMessage());
		StampSet small = StampSet.unlabelled(2, 16, 16, 1, new float[2 * 16 * 16], null, null);
		ModelException m = assertThrows(ModelException.class, () -> classifier.classifyStamps(small, "small.fits", null));
		assertTrue(m.getMessage().contains("stamp size 16x16 but the model expects 48x48"), m.getMessage());
		assertTrue(Files.exists(MODEL));
	}
}
