package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import ij.measure.ResultsTable;

import org.astrobridge.classify.Classification;
import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.classify.FieldClassifier;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogMerger;
import org.astrobridge.report.CsvCatalogReader;
import org.astrobridge.report.CsvCatalogWriter;
import org.astrobridge.report.FitsCatalogWriter;
import org.astrobridge.util.Progress;
import org.scijava.ItemIO;
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
 * writing the merged catalogue when any file failed, so scripts notice ({@code onerror=log} only logs them).
 * The per-file summary (file, status, objects, ood, n_&lt;class&gt;, catalog, error) becomes the "Results" table and,
 * with a display, the table "AstroBridge Folder Summary"; scripts also get it as an output with the files written.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Classify Folder...", headless = true,
    description = "Classify every FITS field of a folder (resumable; bad files are reported, the rest carry on) "
        + "and merge the catalogues")
public class ClassifyFolderCommand extends ClassifyCommandBase {
    /** Merged catalogue name stem; its files are never taken as input. */
    static final String MERGED = "merged";
    /** Title of the per-file summary table. */
    public static final String SUMMARY_TITLE = "AstroBridge Folder Summary";

    @Parameter(label = "Input folder", style = "directory", attrs = @Attr(name = "positional"), description = "folder of FITS fields (.fits, .fit, .fts, optionally .gz/.fz)")
    private File folder;

    @Parameter(label = "On error", choices = {"fail", "log"},
        description = "fail: after the other files, end with an error if any file failed; log: only log failures")
    private String onerror = "fail";

    @Parameter(required = false)
    private LogService log;

    @Parameter(required = false)
    private StatusService status;

    @Parameter(type = ItemIO.OUTPUT, label = "Summary")
    private ResultsTable summary;

    @Parameter(type = ItemIO.OUTPUT, label = "Files written", description = "one path per line: catalogues of this run, then the merged ones")
    private String files;

    @Parameter(type = ItemIO.OUTPUT, label = "Merged catalogue", description = "merged_catalog.csv; empty when no file was classified")
    private String merged;

    @Override
    public void run() {
        CommandMessages messages = new CommandMessages(log, status);
        if (StampInput.orNull(folder) == null || !folder.isDirectory()) {
            throw new CommandException("Classify Folder: input folder " + folder + " does not exist");
        }
        File outFolder = StampInput.orNull(messages.renamed("Classify Folder", "out", out, "output", output));
        if (outFolder == null) throw new CommandException("Classify Folder: no output folder given (output=DIR)");
        Path outDir = outFolder.toPath();
        ClassifySettings settings = settings("Classify Folder");
        List<Path> files = fitsFiles(folder.toPath());
        summary = new ResultsTable();
        summary.showRowNumbers(false);
        summary.setNaNEmptyCells(true); // a failed file has no counts; zeroCounts fills the others
        List<Path> written = new ArrayList<>();
        List<Path> catalogs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int done = 0;
        int skipped = 0;
        try (ClassifierModels models = ClassifierModels.open("Classify Folder", model, ensemble, session())) {
            FieldClassifier classifier = models.classifier(settings);
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String name = ClassifyOutputs.stem(file);
                Path csv = ClassifyOutputs.catalogCsv(outDir, name);
                String at = "(" + (i + 1) + "/" + files.size() + ") " + file.getFileName();
                if (Files.isRegularFile(csv)) {
                    messages.info("AstroBridge classify-folder: " + at + ": already done, skipped");
                    catalogs.add(csv);
                    skipped++;
                    summaryRow(file, "skipped", CsvCatalogReader.read(csv), csv, "");
                    continue;
                }
                IjProgress progress = messages.progress("classify " + name);
                try {
                    FitsImage image = FitsReader.readImage(file, hdu == null || hdu.isBlank() ? null : hdu);
                    if (image.wcsWarning() != null) {
                        messages.warn("AstroBridge classify-folder: " + at + ": warning: " + image.wcsWarning());
                    }
                    Classification c = classifier.classify(image, progress);
                    written.addAll(ClassifyOutputs.write(c, image, settings.band(), outDir, name, overlay, file));
                    catalogs.add(csv);
                    done++;
                    summaryRow(file, "classified", c.catalog(), csv, "");
                    messages.info("AstroBridge classify-folder: " + at + ": " + c.summary());
                } catch (Progress.CancelledException e) {
                    throw new CommandException("Classify Folder: cancelled at " + file + "; finished files are kept");
                } catch (IOException | RuntimeException e) {
                    failures.add(file.getFileName() + ": " + e.getMessage());
                    summaryRow(file, "failed", null, null, e.getMessage());
                    messages.warn("AstroBridge classify-folder: " + at + ": FAILED: " + e.getMessage());
                } finally {
                    progress.done();
                }
            }
            if (!catalogs.isEmpty()) written.addAll(writeMerged(catalogs, outDir));
        } catch (IOException e) {
            throw new CommandException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException("Classify Folder: " + e.getMessage(), e);
        }
        this.files = String.join("\n", written.stream().map(Path::toString).toList());
        merged = catalogs.isEmpty() ? "" : outDir.resolve(MERGED + ClassifyOutputs.CATALOG_SUFFIX + ".csv").toString();
        zeroCounts(summary);
        ResultTables.publish(summary, SUMMARY_TITLE);
        messages.info("AstroBridge classify-folder: " + files.size() + " files: " + done + " classified, " + skipped
            + " already done, " + failures.size() + " failed" + (catalogs.isEmpty() ? ""
                : "; merged catalogue " + outDir.resolve(MERGED + ClassifyOutputs.CATALOG_SUFFIX + ".csv")));
        if (!failures.isEmpty() && !"log".equals(onerror)) {
            throw new CommandException("Classify Folder: " + failures.size() + " of " + files.size()
                + " files failed (the others are done): " + String.join("; ", failures));
        }
    }

    private static List<Path> writeMerged(List<Path> catalogs, Path outDir) throws IOException {
        Catalog merged = CatalogMerger.mergeFiles(catalogs);
        Path fits = outDir.resolve(MERGED + ClassifyOutputs.CATALOG_SUFFIX + ".fits");
        Path csv = outDir.resolve(MERGED + ClassifyOutputs.CATALOG_SUFFIX + ".csv");
        FitsCatalogWriter.write(merged, fits);
        CsvCatalogWriter.write(merged, csv);
        return List.of(csv, fits);
    }

    /** A class that one file lacks counts 0 there; only failed files keep NaN counts. */
    private static void zeroCounts(ResultsTable t) {
        for (int r = 0; r < t.size(); r++) {
            if ("failed".equals(t.getStringValue("status", r))) continue;
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
        for (Map.Entry<String, Integer> e : perClass.entrySet()) summary.addValue("n_" + e.getKey(), e.getValue());
        summary.addValue("catalog", csv == null ? "" : csv.toString());
        summary.addValue("error", error);
    }

    /** FITS files of the folder in name order, leaving out catalogues this command wrote there. */
    static List<Path> fitsFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                .filter(ClassifyOutputs::isFits)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .filter(p -> !ClassifyOutputs.stem(p).endsWith(ClassifyOutputs.CATALOG_SUFFIX))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new CommandException("Classify Folder: cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
