package org.astrobridge.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.astrobridge.util.Sha256;

/**
 * How a catalogue was made, as catalogue metadata: each entry has the metadata key (VOTable PARAM and ECSV meta name),
 * the 8-character FITS header keyword it is written under, and what it means (the PARAM description and the FITS card
 * comment). Writers put every entry the catalogue holds in their format's header; readers map the FITS keywords back to
 * the keys, so a catalogue reads back with the same metadata whatever its format.
 */
public final class Provenance {

	/** A provenance item: metadata key, FITS keyword, meaning. */
	public record Key(String name, String fitsKeyword, String description) {}

	public static final String SOFTWARE = "software";
	public static final String SOFTWARE_VERSION = "software_version";
	public static final String DATE = "date";
	public static final String SOURCE = "source";
	public static final String IMAGE_PATH = "image_path";
	public static final String IMAGE_SHA256 = "image_sha256";
	public static final String IMAGE_HDU = "image_hdu";
	public static final String MODEL = "model";
	public static final String MODEL_SHA256 = "model_sha256";
	public static final String MODEL_CLASSES = "model_classes";
	public static final String DETECTION = "detection";
	public static final String OOD = "ood";
	public static final String OOD_METHOD = "ood_method";
	public static final String OOD_THRESHOLD = "ood_threshold";
	public static final String OOD_KEEP = "ood_keep";
	public static final String UNCERTAINTY = "uncertainty";
	public static final String MORPHOLOGY = "morphology";
	public static final String OOD_CALIBRATION = "ood_calibration";

	/** Every key the writers know, in the order they write them. */
	public static final List<Key> KEYS = List.of(new Key(SOFTWARE, "SOFTWARE", "software that made this catalogue"),
		new Key(SOFTWARE_VERSION, "SWVERSN", "its version (dev: run from a build folder)"), new Key(DATE, "DATE",
			"UTC date and time the catalogue was made"), new Key(SOURCE, "SOURCE", "name of the classified image"), new Key(
				IMAGE_PATH, "IMGPATH", "path of the input image file"), new Key(IMAGE_SHA256, "IMGSHA",
					"SHA-256 of the input image file"), new Key(IMAGE_HDU, "IMGHDU", "HDU of the input file that was classified"),
		new Key(MODEL, "MODEL", "model package(s) used"), new Key(MODEL_SHA256, "MODSHA",
			"SHA-256 over the model package files"), new Key(MODEL_CLASSES, "CLASSES",
				"class names of the model, in class_id order"), new Key(DETECTION, "DETECT", "detection settings"), new Key(OOD,
					"OOD", "out-of-distribution rule: score > threshold is flagged"), new Key(OOD_METHOD, "OODMETH",
						"out-of-distribution score"), new Key(OOD_THRESHOLD, "OODTHR", "ood_score above this sets ood = 1"),
		new Key(OOD_KEEP, "OODKEEP", "share of held-out in-distribution objects kept"), new Key(OOD_CALIBRATION, "OODCAL",
			"what the threshold keeps ood_keep of: target, source, field"), new Key(MORPHOLOGY, "MORPHFLT",
				"morphology pre-filter: PSF, locus and counts, or off"), new Key(UNCERTAINTY, "UNCERT",
					"uncertainty estimate (MC dropout, ensemble)"), new Key("mc_dropout", "MCDROP",
						"Monte-Carlo dropout passes, rate, seed"), new Key("ensemble", "ENSEMBLE", "models averaged"), new Key(
							"cutout_factor", "CUTFACT", "image pixels per model stamp pixel"));

	private Provenance() {}

	/** The key with this metadata name, if the writers know it. */
	public static Optional<Key> byName(String name) {
		return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
	}

	/** The key written under this FITS keyword, if any. */
	public static Optional<Key> byFitsKeyword(String keyword) {
		return KEYS.stream().filter(k -> k.fitsKeyword().equalsIgnoreCase(keyword)).findFirst();
	}

	/** Now, in UTC, to the second (ISO 8601, as FITS DATE). */
	public static String now() {
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ofPattern(
			"yyyy-MM-dd'T'HH:mm:ss"));
	}

	/** This software's version from the jar manifest; "dev" when run from class folders (as ModelPackage does). */
	public static String softwareVersion() {
		String v = Provenance.class.getPackage().getImplementationVersion();
		return v == null ? "dev" : v;
	}

	/** Sets software, version and date on a catalogue. */
	public static void stamp(Catalog catalog) {
		catalog.putMetadata(SOFTWARE, "AstroBridge");
		catalog.putMetadata(SOFTWARE_VERSION, softwareVersion());
		catalog.putMetadata(DATE, now());
	}

	/** Lower-case hex SHA-256 of a file's bytes. */
	public static String sha256(Path file) throws IOException {
		return Sha256.of(file);
	}

	/** SHA-256 of a model package: of the file itself, or of a folder as {@link Sha256#of} defines it. */
	public static String sha256OfPackage(Path location) throws IOException {
		return Sha256.of(location);
	}
}
