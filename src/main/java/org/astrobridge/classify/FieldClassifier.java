package org.astrobridge.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.astrobridge.detect.CutoutMaker;
import org.astrobridge.detect.CutoutSettings;
import org.astrobridge.detect.Cutout;
import org.astrobridge.detect.DetectedObject;
import org.astrobridge.detect.DetectionResult;
import org.astrobridge.detect.Detector;
import org.astrobridge.fits.FitsImage;
import org.astrobridge.fits.Wcs;
import org.astrobridge.model.ModelCard;
import org.astrobridge.model.ModelException;
import org.astrobridge.model.Predictor;
import org.astrobridge.nn.Prediction;
import org.astrobridge.nn.StampSet;
import org.astrobridge.ood.Uncertainty;
import org.astrobridge.report.Catalog;
import org.astrobridge.report.CatalogBuilder;
import org.astrobridge.util.Progress;

/**
 * Classifies every object of a field: detection, cut-outs at the model's stamp size and pixel scale, batched
 * inference, OOD score and flag, optional Monte-Carlo dropout, and the standard catalogue. Objects go through
 * cut-out, inference and scoring in batches, so only one batch of stamps and latents is held at a time.
 * The OOD scorer is fitted once when the classifier is built and reused for every image.
 */
public final class FieldClassifier {
    /** Share of the progress bar given to detection. */
    private static final double DETECTION_SHARE = 0.2;
    /** Label-head dropout rate for MC passes when the model card records none. */
    private static final double DEFAULT_DROPOUT = 0.2;

    private final Predictor predictor;
    private final ModelCard card;
    private final ClassifySettings settings;
    private final OodModel ood;
    private final String modelName;

    /**
     * Fits the OOD scorer of the model (the slow part for Mahalanobis and kNN: do it once per model).
     *
     * @param modelName how catalogues and messages name the model (e.g. the path the user gave)
     */
    public FieldClassifier(Predictor predictor, ClassifySettings settings, String modelName) {
        this.predictor = predictor;
        this.card = predictor.card();
        this.settings = settings;
        this.modelName = modelName == null ? String.valueOf(card.location()) : modelName;
        if (card.width() != card.height()) {
            throw new IllegalArgumentException("model " + this.modelName + " has " + card.width() + "x"
                    + card.height() + " stamps; field classification needs square stamps");
        }
        this.ood = OodModel.build(settings.ood(), settings.keep(), predictor.latentStatistics(),
                card.classNames().length, this.modelName);
    }

    public OodModel ood() {
        return ood;
    }

    public ClassifySettings settings() {
        return settings;
    }

    /**
     * The pixel scale of an image in arcsec: from its WCS, else the header's PIXSCALE, else NaN.
     */
    public static double pixelScale(FitsImage image) {
        Wcs wcs = image.wcs();
        if (wcs != null) {
            return wcs.pixelScaleArcsec();
        }
        double s = image.header().getDouble("PIXSCALE", Double.NaN);
        return s > 0 ? s : Double.NaN;
    }

    /** Detects, cuts, classifies and scores every object of a 2-D image or of a cube (one plane per band). */
    public Classification classify(FitsImage image, Progress progress) throws ModelException {
        Progress p = progress == null ? Progress.NONE : progress;
        String name = image.source() == null ? "the image" : image.source();
        float[][] planes = image.planes();
        int band = settings.band();
        if (band >= planes.length) {
            throw new IllegalArgumentException(name + ": detection band " + (band + 1) + " does not exist (the image has "
                    + planes.length + " plane(s))");
        }
        float[][] stampPlanes = stampPlanes(planes, band, name);
        p.update(0, "detecting objects");
        p.checkCancelled();
        DetectionResult detection = new Detector(settings.detection()).detect(planes, band, image.width(),
                image.height(), image.wcs());
        List<DetectedObject> objects = detection.objects();
        p.update(DETECTION_SHARE, objects.size() + " objects detected");
        p.checkCancelled();

        int size = card.width();
        double modelScale = card.pixelScaleArcsec();
        CutoutMaker cutter = new CutoutMaker(stampPlanes, image.width(), image.height(), pixelScale(image),
                new CutoutSettings(size, Double.isNaN(modelScale) ? Double.NaN : modelScale, 0.0, true));
        boolean mc = settings.mcPasses() > 0;
        CatalogBuilder builder = CatalogBuilder.forDetections(card.classNames(), image.height(), mc);
        Counter counter = new Counter(card.classNames());
        int filled = 0;
        for (int start = 0; start < objects.size(); start += settings.batch()) {
            p.checkCancelled();
            List<DetectedObject> chunk = objects.subList(start, Math.min(objects.size(), start + settings.batch()));
            List<Cutout> cutouts = cutter.cutAll(chunk);
            for (Cutout c : cutouts) {
                if (c.filled()) {
                    filled++;
                }
            }
            Batch b = predict(stack(cutouts, size, stampPlanes.length, name));
            for (int k = 0; k < chunk.size(); k++) {
                boolean flagged = ood.isOod(b.scores[k]);
                if (mc) {
                    builder.add(chunk.get(k), b.uncertainty, k, b.scores[k], flagged);
                } else {
                    builder.add(chunk.get(k), b.probabilities, k * card.classNames().length, b.scores[k], flagged);
                }
            }
            p.update(DETECTION_SHARE + (1 - DETECTION_SHARE) * (start + chunk.size()) / objects.size(),
                    "classified " + (start + chunk.size()) + " of " + objects.size() + " objects");
        }
        Catalog catalog = builder.catalog();
        counter.count(catalog);
        describe(catalog, name);
        catalog.putMetadata("cutout_factor", String.format(Locale.ROOT, "%.6g", cutter.factor()));
        p.update(1, counter.oodCount(catalog) + " of " + objects.size() + " objects flagged OOD");
        return new Classification(catalog, objects, counter.counts, counter.oodCount(catalog), filled,
                cutter.factor(), ood.describe());
    }

    /** Classifies a stack of stamps (no detection); the stamps must already have the model's geometry. */
    public Classification classifyStamps(StampSet stamps, String name, Progress progress) throws ModelException {
        Progress p = progress == null ? Progress.NONE : progress;
        card.checkCompatible(stamps.height(), stamps.width(), stamps.bands(), name);
        boolean mc = settings.mcPasses() > 0;
        CatalogBuilder builder = CatalogBuilder.forStamps(card.classNames(), mc);
        int stampValues = stamps.stampSize();
        int k0 = 0;
        while (k0 < stamps.count()) {
            p.checkCancelled();
            int m = Math.min(settings.batch(), stamps.count() - k0);
            float[] px = new float[m * stampValues];
            System.arraycopy(stamps.pixels(), k0 * stampValues, px, 0, px.length);
            Batch b = predict(StampSet.unlabelled(m, stamps.height(), stamps.width(), stamps.bands(), px, null, name));
            for (int k = 0; k < m; k++) {
                boolean flagged = ood.isOod(b.scores[k]);
                if (mc) {
                    builder.addStamp(k0 + k + 1, b.uncertainty, k, b.scores[k], flagged);
                } else {
                    builder.addStamp(k0 + k + 1, b.probabilities, k * card.classNames().length, b.scores[k], flagged);
                }
            }
            k0 += m;
            p.update((double) k0 / stamps.count(), "classified " + k0 + " of " + stamps.count() + " stamps");
        }
        Catalog catalog = builder.catalog();
        Counter counter = new Counter(card.classNames());
        counter.count(catalog);
        describe(catalog, name);
        return new Classification(catalog, List.of(), counter.counts, counter.oodCount(catalog), 0, 1.0,
                ood.describe());
    }

    private void describe(Catalog catalog, String name) {
        catalog.putMetadata("source", name);
        catalog.putMetadata("model", modelName);
        catalog.putMetadata("ood", ood.describe());
        if (settings.mcPasses() > 0) {
            catalog.putMetadata("mc_dropout", settings.mcPasses() + " passes, rate " + dropoutRate()
                    + ", seed " + settings.seed());
        }
    }

    /** The planes stamps are cut from: all of them when they match the model's bands, the detection band for a one-band model. */
    private float[][] stampPlanes(float[][] planes, int band, String name) {
        if (planes.length == card.bands()) {
            return planes;
        }
        if (card.bands() == 1) {
            return new float[][] {planes[band]};
        }
        throw new IllegalArgumentException(name + " has " + planes.length + " band(s) but model " + modelName
                + " expects " + card.bands() + " (a one-band model takes the detection band of a cube)");
    }

    /** NHWC stamps of the model's geometry from cut-outs (band planes in FITS row order). */
    private static StampSet stack(List<Cutout> cutouts, int size, int bands, String name) {
        int n = cutouts.size();
        float[] px = new float[n * size * size * bands];
        for (int k = 0; k < n; k++) {
            float[][] src = cutouts.get(k).bands();
            int base = k * size * size * bands;
            for (int b = 0; b < bands; b++) {
                float[] s = src[b];
                for (int i = 0; i < s.length; i++) {
                    px[base + i * bands + b] = s[i];
                }
            }
        }
        return StampSet.unlabelled(n, size, size, bands, px, null, name);
    }

    /** Probabilities (or MC uncertainty), latents and OOD scores of one batch. */
    private record Batch(float[] probabilities, Uncertainty uncertainty, double[] scores) {
    }

    private Batch predict(StampSet stamps) throws ModelException {
        int passes = settings.mcPasses();
        if (passes == 0) {
            Prediction pr = predictor.predict(stamps);
            return new Batch(pr.probabilities(), null, ood.scores(pr.latents(), pr.probabilities()));
        }
        // One dropout pass per call keeps every pass's probabilities, which entropy and mutual information need.
        float[][] all = new float[passes][];
        float[] latents = null;
        for (int t = 0; t < passes; t++) {
            Prediction pr = predictor.predict(stamps, 1, dropoutRate(), settings.seed() * 1_000_003L + t);
            all[t] = pr.probabilities();
            latents = pr.latents();
        }
        Uncertainty u = Uncertainty.ofFlat(all, card.classNames().length);
        return new Batch(u.meanProbabilities(), u, ood.scores(latents, u.meanProbabilities()));
    }

    private double dropoutRate() {
        if (card.json().get("network") instanceof Map<?, ?> net && net.get("dropout") instanceof Number d
                && d.doubleValue() > 0) {
            return d.doubleValue();
        }
        return DEFAULT_DROPOUT;
    }

    /** Objects per class and OOD flags, counted from the finished catalogue. */
    private static final class Counter {
        final Map<String, Integer> counts = new LinkedHashMap<>();

        Counter(String[] classes) {
            for (String c : classes) {
                counts.put(c, 0);
            }
        }

        void count(Catalog catalog) {
            for (String c : catalog.stringColumn("class")) {
                counts.merge(c, 1, Integer::sum);
            }
        }

        int oodCount(Catalog catalog) {
            int n = 0;
            for (int v : catalog.intColumn("ood")) {
                n += v;
            }
            return n;
        }
    }
}
