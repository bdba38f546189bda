package org.astrobridge.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ij.IJ;

import org.astrobridge.classify.Classification;
import org.astrobridge.classify.ClassifySettings;
import org.astrobridge.classify.FieldClassifier;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.nn.SessionSettings;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogMerger;
import org.astrobridge.report.CsvCatalogWriter;
import org.astrobridge.report.CatalogFiles;
import org.astrobridge.report.CatalogFormat;
import org.astrobridge.util.Progress;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Classifies every FITS field of a folder into a catalogue per file plus one merged catalogue. A file whose
 * {@code <name>_catalog.csv} exists in the output folder is skipped, so a re-run resumes after a crash; a file that
 * fails is logged and the others carry on. The command fails (exit status 1 headless) after finishing the rest and
 * writing the merged catalogue when any file failed, so scripts notice ({@code onerror=log} only logs them).
 */
@Plugin(type = Command.class, menuPath = "Plugins>AstroBridge>Classify Folder...",
    description = "Classify every FITS field of a folder (resumable; bad files are reported, the rest carry on) "
        + "and merge the catalogues")
public class ClassifyFolderCommand implements Command {
    /** Merged catalogue name stem; its files are never taken as input. */
    static final String MERGED = "merged";

    @Parameter(label = "Input folder", style = "directory", description = "folder of FITS fields (.fits, .fit, .fts, optionally .gz/.fz)")
    private File folder;

    @Parameter(label = "Model", description = "model package folder or .zip")
    private File model;

    @Parameter(label = "Output folder", style = "directory", description = "catalogues per file and merged_catalog.csv/.fits")
    private File out;

    @Parameter(label = "HDU", required = false, description = "image HDU: index or EXTNAME[,EXTVER]; empty = first with data")
    private String hdu = "";

    @Parameter(label = "Detection band", min = "1", description = "plane of a cube to detect on (1 = first)")
    private int band = 1;

    @Parameter(label = "Threshold (sigma)", description = "detection threshold in units of the local background RMS")
    private double threshold = 1.5;

    @Parameter(label = "Minimum area (px)", min = "1", description = "fewest connected pixels of an object")
    private int minarea = 5;

    @Parameter(label = "Deblending levels", min = "1", max = "256", description = "deblending thresholds (1 = no deblending)")
    private int deblend = 32;

    @Parameter(label = "Deblending contrast", description = "smallest flux fraction of a branch split off a blend")
    private double contrast = 0.005;

    @Parameter(label = "Filter FWHM (px)", description = "Gaussian matched filter for detection (0 = none)")
    private double fwhm = 2.0;

    @Parameter(label = "Background mesh (px)", min = "4", description = "background mesh size")
    private int mesh = 64;

    @Parameter(label = "Tile size (px)", min = "0", description = "detection tile side (0 = whole image at once)")
    private int tile = 2048;

    @Parameter(label = "OOD score", choices = {"mahalanobis", "gaussian", "open-set", "knn", "entropy"}, description = "out-of-distribution score")
    private String ood = "mahalanobis";

    @Parameter(label = "Keep fraction", description = "share of held-out known objects the OOD threshold keeps")
    private double keep = 0.95;

    @Parameter(label = "MC-dropout passes", min = "0", description = "Monte-Carlo dropout passes for uncertainty (0 = off)")
    private int mcpasses = 0;

    @Parameter(label = "Ensemble members", required = false,
        description = "further model packages (',' separated) that classify with the model as an ensemble: mean probabilities and their spread")
    private String ensemble = "";

    @Parameter(label = "Seed", description = "seed of the dropout masks")
    private long seed = 1;

    @Parameter(label = "Batch", min = "1", description = "objects cut and classified together (bounds memory)")
    private int batch = 256;

    @Parameter(label = "Catalogue formats", required = false,
        description = "',' separated: fits, votable, ecsv, csv (the CSV is always written)")
    private String format = "fits,csv";

    @Parameter(label = "Overlay PNG", description = "also write <name>_overlay.png per file")
    private boolean overlay = true;

    @Parameter(label = "Threads", min = "0", description = "threads for detection and TensorFlow (0 = all processors)")
    private int threads = 0;

    @Parameter(label = "Device", choices = {"auto", "cpu", "gpu"}, description = "where to run the model")
    private String device = "auto";

    @Parameter(label = "On error", choices = {"fail", "log"},
        description = "fail: after the other files, end with an error if any file failed; log: only log failures")
    private String onerror = "fail";

    @Override
    public void run() {
        try {
            ClassifyOutputs.formats(format); // a misspelt format fails before any work, not per image
        } catch (IllegalArgumentException e) {
            throw new CommandException("Classify Folder: " + e.getMessage());
        }
        if (StampInput.orNull(folder) == null || !folder.isDirectory()) {
            throw new CommandException("Classify Folder: input folder " + folder + " does not exist");
        }
        if (StampInput.orNull(out) == null) throw new CommandException("Classify Folder: no output folder given (out=DIR)");
        Path outDir = out.toPath();
        ClassifySettings settings = ClassifyObjectsCommand.settings(threshold, minarea, deblend, contrast, fwhm, mesh,
            tile, threads, band, ood, keep, mcpasses, seed, batch);
        List<Path> files = fitsFiles(folder.toPath());
        List<Path> catalogs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int done = 0;
        int skipped = 0;
        try (ClassifierModels models = ClassifierModels.open("Classify Folder", model, ensemble, new SessionSettings(threads, device))) {
            FieldClassifier classifier = models.classifier(settings);
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String name = ClassifyOutputs.stem(file);
                Path csv = ClassifyOutputs.catalogCsv(outDir, name);
                String at = "(" + (i + 1) + "/" + files.size() + ") " + file.getFileName();
                if (Files.isRegularFile(csv)) {
                    IJ.log("AstroBridge classify-folder: " + at + ": already done, skipped");
                    catalogs.add(csv);
                    skipped++;
                    continue;
                }
                IjProgress progress = new IjProgress("classify " + name);
                try {
                    FitsImage image = FitsReader.readImage(file, hdu == null || hdu.isBlank() ? null : hdu);
                    if (image.wcsWarning() != null) {
                        IJ.log("AstroBridge classify-folder: " + at + ": warning: " + image.wcsWarning());
                    }
                    Classification c = classifier.classify(image, progress);
                    ClassifyOutputs.write(c, image, settings.band(), outDir, name, overlay, file, ClassifyOutputs.formats(format));
                    catalogs.add(csv);
                    done++;
                    IJ.log("AstroBridge classify-folder: " + at + ": " + c.summary());
                } catch (Progress.CancelledException e) {
                    throw new CommandException("Classify Folder: cancelled at " + file + "; finished files are kept");
                } catch (IOException | RuntimeException e) {
                    failures.add(file.getFileName() + ": " + e.getMessage());
                    IJ.log("AstroBridge classify-folder: " + at + ": FAILED: " + e.getMessage());
                } finally {
                    progress.done();
                }
            }
            if (!catalogs.isEmpty()) writeMerged(catalogs, outDir);
        } catch (IOException e) {
            throw new CommandException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException("Classify Folder: " + e.getMessage(), e);
        }
        IJ.log("AstroBridge classify-folder: " + files.size() + " files: " + done + " classified, " + skipped
            + " already done, " + failures.size() + " failed" + (catalogs.isEmpty() ? ""
                : "; merged catalogue " + outDir.resolve(MERGED + ClassifyOutputs.CATALOG_SUFFIX + ".csv")));
        if (!failures.isEmpty() && !"log".equals(onerror)) {
            throw new CommandException("Classify Folder: " + failures.size() + " of " + files.size()
                + " files failed (the others are done): " + String.join("; ", failures));
        }
    }

    private void writeMerged(List<Path> catalogs, Path outDir) throws IOException {
        // rows keep the CSV's name as their file label; the data comes from the richest sibling
        java.util.Map<String, Catalog> byFile = new java.util.LinkedHashMap<>();
        for (Path csv : catalogs) byFile.put(csv.getFileName().toString(), CatalogFiles.read(richest(csv)));
        Catalog merged = CatalogMerger.merge(byFile);
        for (CatalogFormat f : ClassifyOutputs.formats(format)) {
            if (f != CatalogFormat.CSV) {
                CatalogFiles.write(merged, outDir.resolve(MERGED + ClassifyOutputs.CATALOG_SUFFIX + f.extension()), f);
            }
        }
        CsvCatalogWriter.write(merged, outDir.resolve(MERGED + ClassifyOutputs.CATALOG_SUFFIX + ".csv"));
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
