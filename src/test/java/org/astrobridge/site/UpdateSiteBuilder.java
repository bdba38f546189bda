package org.astrobridge.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.astrobridge.model.ModelCard;
import org.astrobridge.model.ModelException;
import org.astrobridge.model.ModelPackage;
import org.astrobridge.site.SiteIndex.Dependency;
import org.astrobridge.site.SiteIndex.PreviousVersion;
import org.astrobridge.site.SiteIndex.Record;
import org.astrobridge.site.SiteIndex.Version;
import org.astrobridge.util.AtomicFiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes the Fiji update site from the build: the plugin jar, the third-party jars Fiji does not ship, the native jars
 * under {@code jars/linux64/} and the shipped model packages under {@code models/} (from the project's {@code models/}
 * folder, next to the site folder), each as {@code <path>-<timestamp>}, then {@code db.xml.gz}. An existing site in the
 * output folder (a copy of the published one) is read first: a file whose content did not change keeps its version, a
 * changed one gets a new version that lists the old one as previous version, and a file no longer shipped is marked
 * removed. Run by Maven ({@code pre-integration-test}); usage:
 * {@code UpdateSiteBuilder PLUGIN_JAR DEPENDENCY_FOLDER SITE_FOLDER [TIMESTAMP]}.
 */
public final class UpdateSiteBuilder {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	/** A file to publish: its path under the Fiji root, where it is now, and its record's metadata. */
	record Planned(String path, Path source, List<String> platforms, List<String> dependencies) {}

	/** What happened to each record, for the build log and the tests. */
	public enum Change {
			NEW, UNCHANGED, UPDATED, REMOVED
	}

	private UpdateSiteBuilder() {}

	public static void main(String[] args) throws IOException {
		if (args.length < 3 || args.length > 4) {
			System.err.println("usage: UpdateSiteBuilder PLUGIN_JAR DEPENDENCY_FOLDER SITE_FOLDER [TIMESTAMP]");
			System.exit(2);
		}
		long timestamp = args.length == 4 ? Long.parseLong(args[3]) : now();
		Path site = Path.of(args[2]).toAbsolutePath();
		List<Planned> planned = new ArrayList<>(plan(Path.of(args[0]), Path.of(args[1])));
		planned.addAll(models(site.getParent().resolve(SiteContents.MODELS)));
		Map<String, Change> changes = build(planned, site, timestamp);
		changes.forEach((key, change) -> System.out.println("update-site: " + change + " " + key));
	}

	public static long now() {
		return Long.parseLong(ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP));
	}

	/** Sorts the plugin jar and the runtime dependencies into site files (see {@link SiteContents}). */
	static List<Planned> plan(Path pluginJar, Path dependencyFolder) throws IOException {
		if (!Files.isRegularFile(pluginJar)) throw new IOException(pluginJar + ": plugin jar not found (run mvn package)");
		String version = pluginVersion(pluginJar.getFileName().toString());
		List<Planned> thirdParty = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		try (Stream<Path> files = Files.list(dependencyFolder)) {
			for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
				String name = jar.getFileName().toString();
				Optional<String> artifact = artifactOf(name);
				if (artifact.isEmpty()) {
					unknown.add(name);
					continue;
				}
				String a = artifact.get();
				String classifier = SiteContents.NATIVE_CLASSIFIERS.get(a);
				boolean isNative = classifier != null && name.endsWith("-" + classifier + ".jar");
				if (classifier != null && !isNative && !name.matches(java.util.regex.Pattern.quote(a) + "-[0-9][^-]*\\.jar")) {
					unknown.add(name); // another native classifier (e.g. -Pgpu): this site only knows linux64
				}
				else if (isNative) {
					thirdParty.add(new Planned("jars/" + SiteContents.PLATFORM + "/" + name, jar, List.of(SiteContents.PLATFORM),
						List.of("jars/javacpp.jar")));
				}
				else if (SiteContents.SHIPPED.contains(a)) {
					thirdParty.add(new Planned("jars/" + name, jar, List.of(), List.of()));
				}
				else if (!SiteContents.BUNDLED.contains(a) && !SiteContents.FIJI_PROVIDED.contains(a) &&
					!SiteContents.NOT_NEEDED.contains(a))
				{
					unknown.add(name);
				}
			}
		}
		if (!unknown.isEmpty()) throw new IOException(dependencyFolder + ": runtime jars not sorted in SiteContents: " +
			unknown);
		List<String> pluginDependencies = new ArrayList<>();
		for (Planned p : thirdParty)
			pluginDependencies.add(SiteIndex.versionlessKey(p.path()));
		pluginDependencies.addAll(SiteContents.fijiDependencies());
		List<Planned> all = new ArrayList<>();
		all.add(new Planned(SiteContents.PLUGIN_STEM + "-" + version + ".jar", pluginJar, List.of(), pluginDependencies));
		all.addAll(thirdParty);
		return all;
	}

	/**
	 * The model packages ({@code .zip}) of {@code folder}, each to {@code models/<name>}; none when there is no folder.
	 */
	static List<Planned> models(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return List.of();
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".zip")).sorted().map(p -> new Planned(
				SiteContents.MODELS + "/" + p.getFileName(), p, List.of(), List.of())).toList();
		}
	}

	/** {@code astrobridge-0.1.0-SNAPSHOT-fiji.jar} -> {@code 0.1.0-SNAPSHOT}. */
	static String pluginVersion(String fileName) throws IOException {
		if (!fileName.startsWith("astrobridge-") || !fileName.endsWith("-fiji.jar")) throw new IOException(fileName +
			": not the shaded plugin jar (astrobridge-VERSION-fiji.jar)");
		return fileName.substring("astrobridge-".length(), fileName.length() - "-fiji.jar".length());
	}

	/** The artifactId a Maven-named jar ({@code artifactId-version[-classifier].jar}) belongs to, if known. */
	static Optional<String> artifactOf(String fileName) {
		return Stream.of(SiteContents.FIJI_PROVIDED, SiteContents.BUNDLED, SiteContents.NOT_NEEDED, SiteContents.SHIPPED)
			.flatMap(java.util.Set::stream).filter(a -> fileName.startsWith(a + "-") && fileName.length() > a.length() + 1 &&
				Character.isDigit(fileName.charAt(a.length() + 1))).max(Comparator.comparingInt(String::length));
	}

	/** Writes the site; returns each record's change by version-less key. */
	static Map<String, Change> build(List<Planned> planned, Path site, long timestamp) throws IOException {
		Path db = site.resolve("db.xml.gz");
		Map<String, Record> old = Files.exists(db) ? new LinkedHashMap<>(SiteIndex.read(db)) : new LinkedHashMap<>();
		Map<String, Record> records = new LinkedHashMap<>();
		Map<String, Change> changes = new LinkedHashMap<>();
		for (Planned p : planned) {
			String checksum = UpdaterChecksum.of(p.path(), p.source());
			long size = Files.size(p.source());
			Metadata meta = Metadata.of(p.source()).orDescription(artifactOf(p.source().getFileName().toString()).map(
				SiteContents.DESCRIPTIONS::get).orElse(null));
			List<Dependency> deps = p.dependencies().stream().map(Dependency::new).toList();
			Record before = old.remove(SiteIndex.versionlessKey(p.path()));
			Record record;
			Change change;
			if (before != null && before.current() != null && before.filename().equals(p.path()) && before.current()
				.checksum().equals(checksum))
			{
				Version v = new Version(before.current().timestamp(), checksum, size, meta.description(), deps, meta.authors());
				record = new Record(p.path(), p.platforms(), v, before.previous());
				change = Change.UNCHANGED;
			}
			else {
				List<PreviousVersion> previous = new ArrayList<>();
				if (before != null) {
					previous.addAll(before.previous());
					if (before.current() != null) previous.add(new PreviousVersion(before.current().timestamp(), before.current()
						.checksum(), before.filename().equals(p.path()) ? null : before.filename()));
				}
				record = new Record(p.path(), p.platforms(), new Version(timestamp, checksum, size, meta.description(), deps,
					meta.authors()), previous);
				change = before == null ? Change.NEW : Change.UPDATED;
			}
			Path target = site.resolve(record.sitePath());
			if (!Files.exists(target) || Files.size(target) != size) {
				AtomicFiles.write(target, tmp -> Files.copy(p.source(), tmp));
			}
			records.put(record.key(), record);
			changes.put(record.key(), change);
		}
		for (Record gone : old.values()) {
			List<PreviousVersion> previous = new ArrayList<>(gone.previous());
			if (gone.current() != null) previous.add(new PreviousVersion(gone.current().timestamp(), gone.current()
				.checksum(), null));
			records.put(gone.key(), new Record(gone.filename(), gone.platforms(), null, previous));
			changes.put(gone.key(), Change.REMOVED);
		}
		SiteIndex.write(db, records.values()); // last: the index never names a file that is not there
		return changes;
	}

	/** Description and authors from the jar's own Maven pom, as Fiji's uploader takes them. */
	record Metadata(String description, List<String> authors) {

		/** This, with {@code fallback} as the description when the jar's pom has none (or the jar has no pom). */
		Metadata orDescription(String fallback) {
			return description != null || fallback == null ? this : new Metadata(fallback, authors);
		}

		static Metadata of(Path jar) throws IOException {
			if (jar.toString().endsWith(".zip")) return ofModel(jar);
			if (!jar.toString().endsWith(".jar")) return new Metadata(null, List.of());
			try (JarFile j = new JarFile(jar.toFile(), false)) {
				JarEntry pom = ownPom(j, jar);
				if (pom == null) return new Metadata(null, List.of());
				try (InputStream in = j.getInputStream(pom)) {
					DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
					f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
					Document doc = f.newDocumentBuilder().parse(in);
					Element project = doc.getDocumentElement();
					String description = childText(project, "description");
					if (description == null) description = childText(project, "name");
					List<String> authors = new ArrayList<>();
					for (String group : List.of("developers", "contributors")) {
						Element list = child(project, group);
						if (list == null) continue;
						NodeList people = list.getChildNodes();
						for (int i = 0; i < people.getLength(); i++) {
							if (people.item(i) instanceof Element person) {
								String name = childText(person, "name");
								if (name != null && !name.equals("None") && !authors.contains(name)) authors.add(name);
							}
						}
					}
					return new Metadata(description == null ? null : description.strip().replaceAll("\\s+", " "), authors);
				}
			} catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
				throw new IOException(jar + ": unreadable Maven pom inside: " + e.getMessage(), e);
			}
		}

		/** A model package's description from its model card: what it tells apart, in which stamps, trained how. */
		static Metadata ofModel(Path zip) throws IOException {
			try {
				ModelCard card = ModelPackage.readCardOf(zip);
				return new Metadata(String.format(java.util.Locale.ROOT,
					"AstroBridge model package: a %s CNN trained with %s that tells %s apart in %dx%d px stamps with %d band(s) at %.3f\"/px",
					card.network(), card.method(), String.join(" / ", card.classNames()), card.width(), card.height(), card.bands(),
					card.pixelScaleArcsec()), List.of());
			} catch (ModelException e) {
				throw new IOException(zip + ": not a model package: " + e.getMessage(), e);
			}
		}

		/** The jar's own pom: for the shaded plugin jar, AstroBridge's, not those of the jars inside it. */
		private static JarEntry ownPom(JarFile j, Path jar) {
			JarEntry astrobridge = j.getJarEntry("META-INF/maven/org.astrobridge/astrobridge/pom.xml");
			if (astrobridge != null) return astrobridge;
			List<JarEntry> poms = j.stream()
				.filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.xml")).toList();
			return poms.size() == 1 ? poms.get(0) : null;
		}

		private static Element child(Element parent, String name) {
			NodeList nodes = parent.getChildNodes();
			for (int i = 0; i < nodes.getLength(); i++) {
				if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) return e;
			}
			return null;
		}

		private static String childText(Element parent, String name) {
			Element e = child(parent, name);
			return e == null ? null : e.getTextContent();
		}
	}
}
