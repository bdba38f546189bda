package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.astrobridge.batch.FileClaims;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Builds {@code merged_catalog.csv/.fits} from the per-file catalogues that Classify Folder's shards have finished so
 * far. Rows come in the order a single Classify Folder run would write them (the input folder's file order when the
 * folder is given, otherwise catalogue name order), so the result equals that run's merged catalogue. It only reads
 * finished catalogues and rewrites the merged ones complete-or-absent, so it can run any number of times, also while
 * shards still run. Given the input folder, it names the files that have no catalogue yet: a warning, or a failure
 * (nothing written) with {@code strict}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Merge Catalogs...", headless = true,
	description = "Merge the per-file catalogues of a (sharded) Classify Folder output folder and list the input " +
		"files that have none yet")
public class MergeCatalogsCommand implements Command {

	@Parameter(label = "Catalogue folder", style = "directory",
		description = "output folder of Classify Folder holding <name>_catalog.csv files")
	private File output;

	@Parameter(label = "Input folder", required = false, style = "directory",
		description = "folder of the FITS fields, to order rows like Classify Folder and list files without a catalogue")
	private File folder;

	@Parameter(label = "Strict", description = "fail, writing nothing, when an input file has no catalogue yet")
	private boolean strict = false;

	@Parameter(required = false)
	private LogService log;

	@Parameter(type = ItemIO.OUTPUT, label = "Merged catalogue", description = "merged_catalog.csv")
	private String merged;

	@Parameter(type = ItemIO.OUTPUT, label = "Missing", description = "input files without a catalogue, one per line")
	private String missing;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, null);
		if (StampInput.orNull(output) == null || !output.isDirectory()) {
			throw new CommandException("Merge Catalogs: catalogue folder " + output + " does not exist");
		}
		Path outDir = output.toPath();
		File in = StampInput.orNull(folder);
		if (in != null && !in.isDirectory()) {
			throw new CommandException("Merge Catalogs: input folder " + in + " does not exist");
		}
		Map<String, Path> byStem = catalogues(outDir);
		List<Path> ordered = new ArrayList<>();
		List<String> absent = new ArrayList<>();
		if (in != null) {
			for (Path f : ClassifyFolderCommand.fitsFiles(in.toPath())) {
				Path csv = byStem.remove(ClassifyOutputs.stem(f));
				if (csv != null) {
					ordered.add(csv);
				}
				else {
					boolean claimed = Files.exists(FileClaims.claimFile(outDir, ClassifyOutputs.stem(f)));
					absent.add(f.getFileName() + (claimed ? " (claimed: in progress or its task died)" : ""));
				}
			}
		}
		ordered.addAll(byStem.values()); // catalogues without an input file still count
		missing = String.join("\n", absent);
		if (!absent.isEmpty()) {
			String line = absent.size() + " input file(s) have no catalogue yet: " + String.join(", ", absent);
			if (strict) throw new CommandException("Merge Catalogs: " + line + "; nothing written (strict)");
			messages.warn("AstroBridge merge-catalogs: warning: " + line);
		}
		if (ordered.isEmpty()) {
			throw new CommandException("Merge Catalogs: no catalogues (*" + ClassifyOutputs.CATALOG_SUFFIX + ".csv) in " +
				outDir);
		}
		try {
			// the same merge as Classify Folder's, so a sharded run ends with the catalogue a single run writes
			List<Path> written = ClassifyFolderCommand.writeMerged(ordered, outDir, ClassifyOutputs.formats("fits,csv"));
			merged = written.get(0).toString();
			messages.info("AstroBridge merge-catalogs: " + ordered.size() + " catalogues -> " + String.join(", ", written
				.stream().map(Path::toString).toList()));
		}
		catch (IOException e) {
			throw new CommandException("Merge Catalogs: " + e.getMessage(), e);
		}
	}

	/** Per-file catalogues of the folder by file stem, in name order, without the merged one. */
	private static Map<String, Path> catalogues(Path dir) {
		String tail = ClassifyOutputs.CATALOG_SUFFIX + ".csv";
		Map<String, Path> byStem = new LinkedHashMap<>();
		try (Stream<Path> s = Files.list(dir)) {
			s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(tail) && !p.getFileName()
				.toString().startsWith(".")).sorted().forEach(p -> {
					String n = p.getFileName().toString();
					String stem = n.substring(0, n.length() - tail.length());
					if (!stem.equals(ClassifyFolderCommand.MERGED)) byStem.put(stem, p);
				});
		}
		catch (IOException e) {
			throw new CommandException("Merge Catalogs: cannot list " + dir + ": " + e.getMessage(), e);
		}
		return byStem;
	}
}
