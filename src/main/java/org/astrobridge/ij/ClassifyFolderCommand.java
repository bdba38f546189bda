package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import ij.measure.ResultsTable;

import org.astrobridge.batch.FileClaims;
import org.astrobridge.batch.Shard;
import org.astrobridge.classify.Classification;
import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.classify.FieldClassifier;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogMerger;
import org.astrobridge.report.CsvCatalogReader;
import org.astrobridge.report.CsvCatalogWriter;
import org.astrobridge.report.CatalogFiles;
import org.astrobridge.report.CatalogFormat;
import org.astrobridge.util.Progress;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Classifies every FITS field of a folder into a catalogue per file plus one merged catalogue. A file whose
 * {@code <name>_catalog.csv} exists in the output folder is skipped, so a re-run resumes after a crash; a file that
 * fails is logged and the others carry on. The command fails (exit status 1 headless) after finishing the rest and
 * writing the merged catalogue when any file failed, so scripts notice ({@code onerror=log} only logs them). With
 * {@code shard=K/N} (or inside a SLURM job array) only that part of the folder is done and no merged catalogue is
 * written (Merge Catalogs makes it once all parts are done); each file is claimed ({@link FileClaims}) while it is
 * worked on, so processes sharing one output folder never do the same file at once. The per-file summary (file, status,
 * objects, ood, n_&lt;class&gt;, catalog, error) becomes the "Results" table and, with a display, the table
 * "AstroBridge Folder Summary"; scripts also get it as an output with the files written.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Classify Folder...", headless = true,
	description = "Classify every FITS field of a folder (resumable; bad files are reported, the rest carry on) " +
		"and merge the catalogues")
public class ClassifyFolderCommand extends ClassifyCommandBase {

	/** Merged catalogue name stem; its files are never taken as input. */
	static final String MERGED = "merged";
	/** Title of the per-file summary table. */
	public static final String SUMMARY_TITLE = "AstroBridge Folder Summary";

	// Fiji's dialog lists the inherited parameters first: this heading keeps the input from sitting under "Performance"
	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String inputGroup = DialogGroups.heading("Input");

	@Parameter(label = "Input folder", style = "directory", attrs = @Attr(name = "positional"),
		description = "folder of FITS fields (.fits, .fit, .fts, optionally .gz/.fz)")
	private File folder;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String batchGroup = DialogGroups.heading("Folder run");

	@Parameter(label = "On error", choices = { "fail", "log" },
		description = "fail: after the other files, end with an error if any file failed; log: only log failures")
	private String onerror = "fail";

	// not remembered between runs: a part or a takeover left over from one batch must not silently change the next
	@Parameter(label = "Shard (K/N)", required = false, persist = false,
		description = "do only part K of N of the folder (stable split by file name); empty = all files, or the " +
			"SLURM array task's part when SLURM_ARRAY_TASK_ID is set")
	private String shard = "";

	@Parameter(label = "Take over claims", persist = false,
		description = "take over every other process's claim on a file " +
			"(only when no other task of this batch still runs)")
	private boolean takeover = false;

	@Parameter(label = "Stale claim (min)", min = "1",
		description = "a claim another node has not refreshed for this long belongs to a dead task and is taken over")
	private int staleclaim = 10;

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT, label = "Summary")
	private ResultsTable summary;

	@Parameter(type = ItemIO.OUTPUT, label = "Files written",
		description = "one path per line: catalogues of this run, then the merged ones")
	private String files;

	@Parameter(type = ItemIO.OUTPUT, label = "Merged catalogue",
		description = "merged_catalog.csv; empty when no file was classified")
	private String merged;

	@Override
	public void run() {
		CommandMessages messages = new CommandMessages(log, status);
		checkFormats("Classify Folder");
		if (StampInput.orNull(folder) == null || !folder.isDirectory()) {
			throw new CommandException("Classify Folder: input folder " + folder + " does not exist");
		}
		File outFolder = StampInput.orNull(messages.renamed("Classify Folder", "out", out, "output", output));
		if (outFolder == null) throw new CommandException("Classify Folder: no output folder given (output=DIR)");
		Path outDir = outFolder.toPath();
		ClassifySettings settings = settings("Classify Folder");
		Shard part = shard(shard, System.getenv());
		List<Path> all = fitsFiles(folder.toPath());
		if (all.isEmpty()) {
			throw new CommandException("Classify Folder: no FITS files (.fits, .fit, .fts, optionally .gz/.fz) in " + folder);
		}
		checkWritable(outDir);
		List<Path> files = part.select(all, p -> p.getFileName().toString());
		String shardNote = part.count() == 1 ? "" : " (shard " + part + " of " + all.size() + " files)";
		summary = new ResultsTable();
		summary.showRowNumbers(false);
		summary.setNaNEmptyCells(true); // a failed file has no counts; zeroCounts fills the others
		List<Path> written = new ArrayList<>();
		List<Path> catalogs = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		int done = 0;
		int skipped = 0;
		int busy = 0;
		try (FileClaims claims = new FileClaims(outDir, Duration.ofMinutes(staleclaim), takeover);
				ClassifierModels models = ClassifierModels.open("Classify Folder", model, ensemble, session()))
		{
			FieldClassifier classifier = models.classifier(settings);
			for (int i = 0; i < files.size(); i++) {
				Path file = files.get(i);
				String name = ClassifyOutputs.stem(file);
				Path csv = ClassifyOutputs.catalogCsv(outDir, name);
				String at = "(" + (i + 1) + "/" + files.size() + ") " + file.getFileName();
				if (Files.isRegularFile(csv)) {
					skipDone(file, csv, at, catalogs, messages);
					skipped++;
					continue;
				}
				FileClaims.Outcome claim = claims.claim(name);
				if (claim.claim() == null) {
					messages.info("AstroBridge classify-folder: " + at + ": claimed by " + claim.heldBy() + ", left to it");
					busy++;
					summaryRow(file, "busy", null, null, "claimed by " + claim.heldBy());
					continue;
				}
				if (claim.tookOverFrom() != null) {
					messages.info("AstroBridge classify-folder: " + at + ": took over the stale claim of " + claim
						.tookOverFrom());
				}
				if (Files.isRegularFile(csv)) { // finished by another process between our look and our claim
					claim.claim().close();
					skipDone(file, csv, at, catalogs, messages);
					skipped++;
					continue;
				}
				IjProgress progress = messages.progress("classify " + name);
				try (FileClaims.Claim held = claim.claim()) {
					FitsImage image = FitsReader.readImage(file, hdu == null || hdu.isBlank() ? null : hdu);
					if (image.wcsWarning() != null) {
						messages.warn("AstroBridge classify-folder: " + at + ": warning: " + image.wcsWarning());
					}
					Classification c = classifier.classify(image, progress);
					written.addAll(ClassifyOutputs.write(c, image, settings.band(), outDir, name, overlay, file, ClassifyOutputs
						.formats(format)));
					catalogs.add(csv);
					done++;
					summaryRow(file, "classified", c.catalog(), csv, "");
					messages.info("AstroBridge classify-folder: " + at + ": " + c.summary());
				}
				catch (Progress.CancelledException e) {
					throw new CommandException("Classify Folder: cancelled at " + file + "; finished files are kept");
				}
				catch (IOException | RuntimeException e) {
					failures.add(file.getFileName() + ": " + e.getMessage());
					summaryRow(file, "failed", null, null, e.getMessage());
					messages.warn("AstroBridge classify-folder: " + at + ": FAILED: " + e.getMessage());
				}
				finally {
					progress.done();
				}
			}
			// a shard sees only its own catalogues: Merge Catalogs builds the whole one once the shards are done
			if (!catalogs.isEmpty() && part.count() == 1) {
				List<Path> mergedFiles = writeMerged(catalogs, outDir, ClassifyOutputs.formats(format));
				written.addAll(mergedFiles);
				// the merged catalogue goes alone: its rows come from many images
				if (samp) {
					boolean sampTable = mergedFiles.stream().anyMatch(p -> p.toString().endsWith(".vot") || p.toString().endsWith(
						".fits"));
					sendToSamp(messages, "Classify Folder", sampTable ? null : CsvCatalogReader.read(mergedFiles.get(0)), MERGED,
						mergedFiles, null, null);
				}
			}
		}
		catch (IOException e) {
			throw new CommandException(e.getMessage(), e);
		}
		catch (IllegalArgumentException e) {
			throw new CommandException("Classify Folder: " + e.getMessage(), e);
		}
		this.files = String.join("\n", written.stream().map(Path::toString).toList());
		boolean mergedWritten = !catalogs.isEmpty() && part.count() == 1;
		merged = !mergedWritten ? "" : ClassifyOutputs.catalogCsv(outDir, MERGED).toString();
		zeroCounts(summary);
		ResultTables.publish(summary, SUMMARY_TITLE);
		messages.info("AstroBridge classify-folder: " + files.size() + " files" + shardNote + ": " + done +
			" classified, " + skipped + " already done, " + failures.size() + " failed" + (busy == 0 ? "" : ", " + busy +
				" claimed by others") + (mergedWritten ? "; merged catalogue " + merged : part.count() > 1
					? "; run merge-catalogs once every shard is done" : ""));
		if (!failures.isEmpty() && !"log".equals(onerror)) {
			throw new CommandException("Classify Folder: " + failures.size() + " of " + files.size() +
				" files failed (the others are done): " + String.join("; ", failures));
		}
	}

	/** A file whose catalogue exists: logged, its catalogue kept for the merge, its row read from the catalogue. */
	private void skipDone(Path file, Path csv, String at, List<Path> catalogs, CommandMessages messages)
		throws IOException
	{
		messages.info("AstroBridge classify-folder: " + at + ": already done, skipped");
		catalogs.add(csv);
		summaryRow(file, "skipped", CsvCatalogReader.read(csv), csv, "");
	}

	/**
	 * Writes the merged catalogue of per-image catalogues (their CSVs, which mark an image done) in these formats, CSV
	 * always and last: rows keep the CSV's name as their file label, the data come from the richest sibling.
	 */
	static List<Path> writeMerged(List<Path> catalogs, Path outDir, List<CatalogFormat> formats) throws IOException {
		Map<String, Catalog> byFile = new LinkedHashMap<>();
		for (Path csv : catalogs)
			byFile.put(csv.getFileName().toString(), CatalogFiles.read(richest(csv)));
		Catalog merged = CatalogMerger.merge(byFile);
		List<Path> written = new ArrayList<>();
		for (CatalogFormat f : formats) {
			if (f != CatalogFormat.CSV) {
				Path out = outDir.resolve(MERGED + ClassifyOutputs.CATALOG_SUFFIX + f.extension());
				CatalogFiles.write(merged, out, f);
				written.add(out);
			}
		}
		Path csv = ClassifyOutputs.catalogCsv(outDir, MERGED);
		CsvCatalogWriter.write(merged, csv);
		written.add(0, csv);
		return written;
	}

	/** The shard option, else the SLURM array task's shard, else all files; a bad one is refused before any work. */
	static Shard shard(String option, Map<String, String> env) {
		try {
			if (option != null && !option.isBlank()) return Shard.parse(option);
			Shard slurm = Shard.fromSlurm(env);
			return slurm == null ? Shard.ALL : slurm;
		}
		catch (IllegalArgumentException e) {
			throw new CommandException("Classify Folder: " + e.getMessage());
		}
	}

	/** Fails with one line, before the model loads, when nothing can be written into the output folder. */
	static void checkWritable(Path outDir) {
		try {
			Files.createDirectories(outDir);
			Files.delete(Files.createTempFile(outDir, ".astrobridge-write-test", ".tmp"));
		}
		catch (IOException | SecurityException e) {
			throw new CommandException("Classify Folder: cannot write into output folder " + outDir + ": " +
				(e instanceof java.nio.file.FileSystemException fe && fe.getReason() != null ? fe.getReason() : e.getClass()
					.getSimpleName() + " " + e.getMessage()));
		}
	}

	/** A class that one file lacks counts 0 there; only failed files and those left to another process keep NaN. */
	private static void zeroCounts(ResultsTable t) {
		for (int r = 0; r < t.size(); r++) {
			String state = t.getStringValue("status", r);
			if ("failed".equals(state) || "busy".equals(state)) continue;
			for (String col : t.getHeadings()) {
				if (col.startsWith("n_") && Double.isNaN(t.getValue(col, r))) t.setValue(col, r, 0);
			}
		}
	}

	/** One summary row; object, OOD and per-class counts come from the catalogue (NaN for a failed file). */
	private void summaryRow(Path file, String state, Catalog catalog, Path csv, String error) {
		summary.incrementCounter();
		summary.addValue("file", file.getFileName().toString());
		summary.addValue("status", state);
		summary.addValue("objects", catalog == null ? Double.NaN : catalog.rowCount());
		int ood = 0;
		Map<String, Integer> perClass = new TreeMap<>();
		for (int r = 0; catalog != null && r < catalog.rowCount(); r++) {
			if (catalog.hasColumn("ood") && catalog.getDouble("ood", r) != 0) ood++;
			if (catalog.hasColumn("class")) perClass.merge(catalog.getString("class", r), 1, Integer::sum);
		}
		summary.addValue("ood", catalog == null ? Double.NaN : ood);
		for (Map.Entry<String, Integer> e : perClass.entrySet())
			summary.addValue("n_" + e.getKey(), e.getValue());
		summary.addValue("catalog", csv == null ? "" : csv.toString());
		summary.addValue("error", error);
	}

	/**
	 * The file of an image's catalogue that carries most: its FITS, VOTable or ECSV sibling (units, UCDs, provenance)
	 * when one was written, else the CSV (which marks the image done).
	 */
	private static Path richest(Path csv) {
		String stem = csv.getFileName().toString().replaceFirst("\\.csv$", "");
		for (CatalogFormat f : List.of(CatalogFormat.FITS, CatalogFormat.VOTABLE, CatalogFormat.ECSV)) {
			Path p = csv.resolveSibling(stem + f.extension());
			if (Files.isRegularFile(p)) return p;
		}
		return csv;
	}

	/** FITS files of the folder in name order, leaving out catalogues this command wrote there. */
	static List<Path> fitsFiles(Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isRegularFile).filter(ClassifyOutputs::isFits).filter(p -> !p.getFileName().toString()
				.startsWith(".")).filter(p -> !ClassifyOutputs.stem(p).endsWith(ClassifyOutputs.CATALOG_SUFFIX)).sorted()
				.toList();
		}
		catch (IOException e) {
			throw new CommandException("Classify Folder: cannot list " + dir + ": " + e.getMessage(), e);
		}
	}
}
