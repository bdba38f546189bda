package org.astrobridge.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.astrobridge.nn.SessionSettings;
import org.astrobridge.nn.StampSet;
import org.astrobridge.nn.SyntheticStamps;
import org.astrobridge.nn.TrainedModel;
import org.astrobridge.nn.Trainer;
import org.astrobridge.nn.TrainingOptions;
import org.astrobridge.util.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of a real saved package (a trained TensorFlow graph): the zip cut or flipped, model.json edited, the
 * SavedModel and latent files flipped or cut. Each one opens and predicts, or fails with a ModelException naming the
 * package. Long run: {@code -Dtest=ModelPackageFuzzTest -Dastrobridge.fuzz.inputs=N}.
 */
class ModelPackageFuzzTest {

	private static final SessionSettings CPU = new SessionSettings(2, "cpu");

	@TempDir
	Path dir;

	@Test
	void damagedPackagesOpenOrFailCleanly() throws IOException {
		StampSet source = SyntheticStamps.make(32, 16, 2, 0.0, 1.0, 31, true, "sim");
		StampSet target = SyntheticStamps.make(32, 16, 2, 0.2, 0.6, 32, false, "noisy");
		TrainedModel model = new Trainer(TrainingOptions.fromMap(Map.of("method", "dann", "epochs", "1", "batch", "16",
			"threads", "2", "patience", "0"))).train(source, target, null, null);
		Path good = ModelPackage.save(model, dir.resolve("good"), 0.4, true);
		byte[] zip = Files.readAllBytes(dir.resolve("good.zip"));
		List<Path> files;
		try (Stream<Path> s = Files.walk(good)) {
			files = s.filter(Files::isRegularFile).sorted().toList();
		}
		long seed = FuzzRun.seed(11L);
		SplittableRandom random = new SplittableRandom(seed);
		FuzzRun run = new FuzzRun(ModelException.class, 60_000);
		int n = FuzzRun.inputs(40);
		for (int i = 0; i < n; i++) {
			StringBuilder how = new StringBuilder("#" + i);
			Path input;
			if (random.nextInt(3) == 0) {
				input = Files.write(dir.resolve("p" + i + ".zip"), damage(zip, random, how.append(" zip:")));
			}
			else {
				input = dir.resolve("p" + i);
				copy(good, input);
				Path f = files.get(random.nextInt(files.size()));
				Path victim = input.resolve(good.relativize(f));
				how.append(" ").append(good.relativize(f)).append(":");
				if (f.getFileName().toString().equals(ModelPackage.CARD) && random.nextBoolean()) {
					Files.writeString(victim, damageJson(Files.readString(f), random, how));
				}
				else {
					Files.write(victim, damage(Files.readAllBytes(f), random, how));
				}
			}
			run.check(input, how.toString(), 1L << 30, p -> {
				try (Predictor pr = Predictor.open(p, CPU)) {
					pr.predict(target);
				}
			});
			ModelPackage.deleteTree(input);
		}
		System.out.println("model package fuzz seed " + seed + ": " + run.summary());
		run.assertNoCrashes();
	}

	static byte[] damage(byte[] b, SplittableRandom random, StringBuilder how) {
		if (b.length == 0 || random.nextBoolean()) {
			int cut = b.length == 0 ? 0 : random.nextInt(b.length);
			how.append(" cut at ").append(cut);
			return Arrays.copyOf(b, cut);
		}
		byte[] out = b.clone();
		int n = 1 + random.nextInt(16);
		how.append(" ").append(n).append(" bytes flipped");
		for (int k = 0; k < n; k++)
			out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
		return out;
	}

	/** Replaces one JSON value by another of the wrong kind or an absurd size. */
	static String damageJson(String json, SplittableRandom random, StringBuilder how) {
		String[] values = { "null", "-1", "0", "1e308", "\"x\"", "[]", "{}", "99999999999", "[1,2", "true", "NaN" };
		java.util.regex.Matcher m = java.util.regex.Pattern.compile(":\\s*(-?[0-9.eE+-]+|\"[^\"]*\"|true|false|null)")
			.matcher(json);
		List<int[]> spans = new java.util.ArrayList<>();
		while (m.find())
			spans.add(new int[] { m.start(1), m.end(1) });
		if (spans.isEmpty()) return json;
		int[] s = spans.get(random.nextInt(spans.size()));
		String v = values[random.nextInt(values.length)];
		how.append(" value at ").append(s[0]).append(" := ").append(v);
		return json.substring(0, s[0]) + v + json.substring(s[1]);
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path p : s.toList()) {
				Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t);
			}
		}
	}
}
