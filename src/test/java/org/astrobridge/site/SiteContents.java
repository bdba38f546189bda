package org.astrobridge.site;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the update site ships of each runtime jar, decided once here. Every runtime dependency must be named below, so a
 * new dependency stops the build until someone decides where it goes.
 * <p>
 * Versions Fiji ships were read from pom-scijava 45.0.0 (the parent of fiji/fiji's pom at the time of writing), which
 * manages every component of the Fiji distribution: protobuf 4.32.0, javacpp 1.5.10, javassist 3.30.2-GA, ij1-patcher
 * 2.0.0, scijava-common 2.100.1, imglib2 8.0.0, ImageJ 1.54p; it does not manage nom-tam-fits, ndarray or TensorFlow
 * Java 1.x.
 */
public final class SiteContents {

	/** The platform folder of Fiji's launcher for the TensorFlow native classifier we build with. */
	public static final String PLATFORM = "linux64";

	/** Jars Fiji itself ships (artifactId): not on our site, named as dependencies by version-less path. */
	public static final Set<String> FIJI_PROVIDED = Set.of("ij", "scijava-common", "parsington", "imglib2", "ij1-patcher",
		"javassist", "classgraph");

	/** Inside the plugin jar (maven-shade-plugin, protobuf relocated): see the pom for why. */
	public static final Set<String> BUNDLED = Set.of("tensorflow-core-api", "ndarray", "tensorflow-core-native",
		"protobuf-java");

	/** Compile-time annotations of nom-tam-fits, not needed at run time (the install test runs without them). */
	public static final Set<String> NOT_NEEDED = Set.of("spotbugs-annotations", "jsr305", "jakarta.annotation-api");

	/**
	 * Shipped as they are under jars/, because Fiji does not ship them (or ships the same version): the catalogue
	 * libraries (STIL with its optional CDF and Arrow readers, JSAMP) and, at the versions pom-scijava manages, the JSON
	 * and YAML parsers STIL uses for VOTable/ECSV metadata.
	 */
	public static final Set<String> SHIPPED = Set.of("nom-tam-fits", "javacpp", "stil", "jsamp", "jcdf", "jarrow", "json",
		"snakeyaml");

	/** Descriptions for shipped jars that carry no Maven pom inside (Starlink's), from their projects' pages. */
	public static final Map<String, String> DESCRIPTIONS = Map.of("stil",
		"STIL, the Starlink Tables Infrastructure Library: FITS, VOTable, ECSV and other table formats", "jsamp",
		"JSAMP, the Java toolkit for the Simple Application Messaging Protocol (SAMP)", "jcdf",
		"JCDF, a pure Java reader for NASA's Common Data Format (used by STIL)", "jarrow",
		"jarrow, a reader for Apache Arrow/Feather files (used by STIL)");

	/** Native classifier jars: shipped under jars/linux64/ only. */
	public static final Map<String, String> NATIVE_CLASSIFIERS = Map.of("tensorflow-core-native", "linux-x86_64",
		"javacpp", "linux-x86_64");

	/** The plugin jar's folder and name stem: ImageJ 1.x reads plugins.config only from plugins/ jars with a '_'. */
	public static final String PLUGIN_STEM = "plugins/AstroBridge_";

	/**
	 * The folder, under the Fiji root and in the project, of the model packages the site ships: Fiji's updater tracks
	 * every file under {@code models/}, and the dialogs' model chooser lists the packages there as shipped. Every
	 * {@code .zip} in the project's {@code models/} folder is shipped; its description comes from its model card.
	 */
	public static final String MODELS = "models";

	/** Fiji-provided version-less paths every AstroBridge file depends on. */
	public static List<String> fijiDependencies() {
		return FIJI_PROVIDED.stream().sorted().map(a -> "jars/" + a + ".jar").toList();
	}

	private SiteContents() {}
}
