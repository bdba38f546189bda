package org.astrobridge.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the dialogs' model chooser looks for shipped models: the models/ folder of a Fiji installation. */
class ModelChoicesTest {

	@Test
	void installRootIsTheFolderAboveThePluginJarsFolder() {
		Path fiji = Path.of("/opt/Fiji.app");
		assertEquals(Optional.of(fiji), ModelChoices.installRoot(fiji.resolve("plugins/AstroBridge_-0.1.0.jar")));
		assertEquals(Optional.of(fiji), ModelChoices.installRoot(fiji.resolve("jars/astrobridge-0.1.0.jar")));
		assertEquals(Optional.empty(), ModelChoices.installRoot(Path.of("/work/astrobridge/target/classes")));
		assertEquals(Optional.empty(), ModelChoices.installRoot(Path.of("/home/me/lib/astrobridge.jar")));
	}

	@Test
	void packagesOfAFijiModelsFolderAreListedAsShipped(@TempDir Path fiji) throws Exception {
		Path models = Files.createDirectories(fiji.resolve("models"));
		Files.copy(Path.of("models/mergers-sim-to-sdss-dann.zip"), models.resolve("mergers-sim-to-sdss-dann.zip"));
		Files.createDirectories(models.resolve("unpacked"));
		Files.writeString(models.resolve("unpacked/model.json"), "{}");
		Files.writeString(models.resolve("README.md"), "not a model");
		Files.createDirectories(models.resolve("empty"));
		assertEquals(List.of(models.resolve("mergers-sim-to-sdss-dann.zip").toString(), models.resolve("unpacked")
			.toString()), ModelChoices.shippedIn(List.of(models, fiji.resolve("missing"))));
	}

	@Test
	void theCheckoutsModelsFolderIsAmongTheFolders() {
		assertTrue(ModelChoices.modelFolders().contains(Path.of("models").toAbsolutePath().normalize()), ModelChoices
			.modelFolders().toString());
	}
}
