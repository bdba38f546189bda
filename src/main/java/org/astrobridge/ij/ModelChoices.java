package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import ij.IJ;
import ij.Prefs;

/**
 * The models a dialog offers: the packages shipped with the plugin (Fiji's {@code models/} folder, where the update
 * site installs them and Fiji's updater tracks them, and the {@code models/} folder of a source checkout), then the
 * most recently trained or used ones, then "Browse...".
 */
final class ModelChoices {

	static final String BROWSE = "Browse...";
	private static final String RECENT_KEY = "astrobridge.recent.models";
	private static final int RECENT = 5;

	private ModelChoices() {}

	/** Shipped packages first, then recent ones; each path once; "Browse..." last. */
	static List<String> choices() {
		Set<String> all = new LinkedHashSet<>();
		all.addAll(shipped());
		for (String p : recent())
			if (new File(p).exists()) all.add(p);
		List<String> list = new ArrayList<>(all);
		list.add(BROWSE);
		return list;
	}

	/** Model packages (.zip files and folders with a model card) under the known models/ folders. */
	static List<String> shipped() {
		return shippedIn(modelFolders());
	}

	/**
	 * The models/ folders of the installation (where Fiji's updater puts the update site's models): ImageJ's folder, the
	 * ImageJ2 launcher's {@code imagej.dir}, the Fiji root above the plugin jar's {@code plugins/} or {@code jars/}
	 * folder; then the working folder's (a source checkout). Each once, in this order.
	 */
	static List<Path> modelFolders() {
		Set<Path> roots = new LinkedHashSet<>();
		String imagej = IJ.getDirectory("imagej");
		if (imagej != null) roots.add(Path.of(imagej));
		String launcher = System.getProperty("imagej.dir");
		if (launcher != null && !launcher.isBlank()) roots.add(Path.of(launcher));
		installRoot(pluginJar()).ifPresent(roots::add);
		roots.add(Path.of(""));
		Set<Path> dirs = new LinkedHashSet<>();
		for (Path root : roots)
			dirs.add(root.resolve("models").toAbsolutePath().normalize());
		return new ArrayList<>(dirs);
	}

	/** The Fiji root of a plugin jar installed in its {@code plugins/} or {@code jars/} folder. */
	static java.util.Optional<Path> installRoot(Path jar) {
		if (jar == null || !jar.getFileName().toString().endsWith(".jar") || jar.getParent() == null)
			return java.util.Optional.empty();
		String folder = String.valueOf(jar.getParent().getFileName());
		if (!folder.equals("plugins") && !folder.equals("jars")) return java.util.Optional.empty();
		return java.util.Optional.ofNullable(jar.getParent().getParent());
	}

	/** Where this class was loaded from, or null (classes folder, unknown source). */
	private static Path pluginJar() {
		try {
			java.security.CodeSource source = ModelChoices.class.getProtectionDomain().getCodeSource();
			return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
		}
		catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
			return null;
		}
	}

	/** The model packages in {@code dirs}, sorted by name within each folder. */
	static List<String> shippedIn(List<Path> dirs) {
		List<String> found = new ArrayList<>();
		for (Path dir : dirs) {
			if (!Files.isDirectory(dir)) continue;
			try (Stream<Path> s = Files.list(dir)) {
				s.filter(p -> p.getFileName().toString().endsWith(".zip") || Files.isRegularFile(p.resolve("model.json")))
					.sorted().forEach(p -> found.add(p.toString()));
			}
			catch (IOException e) {
				IJ.log("AstroBridge: cannot list " + dir + ": " + e.getMessage());
			}
		}
		return found;
	}

	static List<String> recent() {
		String saved = Prefs.get(RECENT_KEY, "");
		List<String> list = new ArrayList<>();
		for (String p : saved.split(File.pathSeparator))
			if (!p.isBlank()) list.add(p);
		return list;
	}

	/** Puts a model trained or used just now at the head of the recent list. */
	static void remember(String model) {
		if (model == null || model.isBlank()) return;
		List<String> list = new ArrayList<>(recent());
		String path = Path.of(model).toAbsolutePath().normalize().toString();
		list.remove(path);
		list.add(0, path);
		while (list.size() > RECENT)
			list.remove(list.size() - 1);
		Prefs.set(RECENT_KEY, String.join(File.pathSeparator, list));
	}
}
