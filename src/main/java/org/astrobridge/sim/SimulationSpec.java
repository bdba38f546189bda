package org.astrobridge.sim;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything that defines a benchmark data set. Build it from key=value options with {@link #fromOptions(Map)}
 * (the ImageJ command and {@code bin/astrobridge simulate} do); {@link #OPTIONS} documents every key.
 *
 * @param domain the domain preset with any overrides already applied
 * @param fieldDensity galaxies per square arcminute in field mode
 * @param artefacts field mode: trails, ghosts, bleeding, bright stars, lenses and artefact truth (all off by default)
 */
public record SimulationSpec(Task task,Domain domain,int n,int stampSize,int bands,long seed,Path outputDir,Mode mode,int fieldSize,boolean classFolders,double lensFraction,double starFraction,double neighbourFraction,int threads,boolean contactSheet,int examples,double fieldDensity,double fieldRa,double fieldDec,FieldArtefacts artefacts,Map<String,String>recipe){

public enum Mode {

		STAMPS, FIELD}

	/** Option keys (as written in docs; matching ignores case, '_', '-' and '.') with their meaning and default. */
	public static final Map<String, String> OPTIONS;

	static {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("task", "mergers | morphology | noise | shape (default mergers)");
		m.put("domain", "sim | sdss | decals | lsst-y1 | lsst-y10 (default sdss)");
		m.put("n", "number of stamps, or of labelled galaxies in a field (default 1000)");
		m.put("stampSize", "stamp width = height in pixels, 8..4096 (default 64)");
		m.put("bands", "1 (r) or 3 (g, r, i) (default 3)");
		m.put("seed", "random seed; same seed, same bytes (default 1)");
		m.put("outputDir", "folder to write into (required; created if missing)");
		m.put("mode", "stamps | field (default stamps)");
		m.put("fieldSize", "field width = height in pixels (default 4096)");
		m.put("fieldDensity", "field mode: galaxies per arcmin^2 when n is not given (default 1.0)");
		m.put("fieldRa", "field centre RA, degrees (default 150.1)");
		m.put("fieldDec", "field centre Dec, degrees (default 2.2)");
		m.put("classFolders", "also write <outputDir>/<class_name>/<index>.fits per stamp (default false)");
		m.put("lensFraction", "morphology: fraction of objects that are strong lenses, class 'lens' (default 0)");
		m.put("includeLenses", "morphology: true is lensFraction=0.1 (default false)");
		m.put("starFraction", "probability that a stamp also holds a foreground star (default 0.12)");
		m.put("neighbourFraction", "probability that a non-merger has an unrelated neighbour in view (default 0.15)");
		m.put("threads", "worker threads (default: all processors); output does not depend on it");
		m.put("contactSheet", "write the PNG contact sheet (default true)");
		m.put("examples", "examples per class on the contact sheet (default 8)");
		m.put("pixelScale", "override: arcsec per pixel");
		m.put("psfFwhm", "override: PSF FWHM, arcsec");
		m.put("psf", "override: moffat | gaussian");
		m.put("moffatBeta", "override: Moffat beta");
		m.put("skyR", "override: r-band sky, mag/arcsec^2 (g and i shift with it)");
		m.put("zeropoint", "override: r-band magnitude giving 1 electron/s (g and i shift with it)");
		m.put("exposure", "override: exposure time, s (noise ~ 1/sqrt(exposure))");
		m.put("gain", "override: electrons per ADU");
		m.put("readNoise", "override: read noise, electrons");
		m.put("saturation", "override: full well in electrons, 0 = none");
		m.put("cosmicRays", "artefact: cosmic-ray hits per megapixel (default 0)");
		m.put("badColumns", "artefact: bad columns per 1000 columns (default 0)");
		m.put("quantize", "artefact: lossy quantisation in steps of sigma_sky/q, 0 = off (default 0)");
		m.put("noise", "false renders noise-free images (default true)");
		m.put("artefactTruth", "field: truth rows for cosmic-ray hits (label -2) and bad columns (-3) (default false)");
		m.put("satelliteTrails", "field: satellite trails across the field, truth label -4 (default 0)");
		m.put("ghosts", "field: ring-shaped reflections beside the brightest stars, truth label -5 (default 0)");
		m.put("bleedTrails", "field: saturated charge bleeds along columns; saturating stars become saturated_star (default false)");
		m.put("brightStars", "field: extra stars bright enough to saturate (default 0)");
		m.put("lenses", "field: strong lenses among the galaxies as an unseen class, truth label -6 (default 0)");
		OPTIONS = Collections.unmodifiableMap(m);
	}

	public SimulationSpec
	{
		if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
		if (stampSize < 8 || stampSize > 4096) throw new IllegalArgumentException("stampSize must lie in 8..4096, got " +
			stampSize);
		Bands.select(bands);
		if (fieldSize < 16 || fieldSize > 32768) throw new IllegalArgumentException(
			"fieldSize must lie in 16..32768, got " + fieldSize);
		if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
		if (examples < 1) throw new IllegalArgumentException("examples must be >= 1, got " + examples);
		if (!(fieldDensity > 0)) throw new IllegalArgumentException("fieldDensity must be > 0, got " + fieldDensity);
		if (artefacts == null) artefacts = FieldArtefacts.NONE;
		new ObjectFactory(task, lensFraction, starFraction, neighbourFraction); // validates the fractions
	}

	public ObjectFactory factory() {
		return new ObjectFactory(task, lensFraction, starFraction, neighbourFraction);
	}

	/** File name stem {@code <task>_<domain>}. */
	public String stem() {
		return task.id() + "_" + domain.name();
	}

	/**
	 * Parses key=value options. Keys match {@link #OPTIONS} ignoring case, '_', '-' and '.'; unknown keys and
	 * malformed values fail with a message that names them.
	 */
	public static SimulationSpec fromOptions(Map<String, String> options) {
		Map<String, String> o = new TreeMap<>();
		Map<String, String> canonical = new TreeMap<>();
		for (String k : OPTIONS.keySet()) canonical.put(norm(k), k);
		for (Map.Entry<String, String> e : options.entrySet()) {
			String key = norm(e.getKey());
			if (!canonical.containsKey(key)) {
				throw new IllegalArgumentException("unknown option '" + e.getKey() + "'; known options: "
						+ String.join(", ", OPTIONS.keySet()));
			}
			if (e.getValue() == null) throw new IllegalArgumentException("option '" + e.getKey() + "' has no value");
			if (o.put(key, e.getValue().trim()) != null) {
				throw new IllegalArgumentException("option '" + canonical.get(key) + "' given twice");
			}
		}
		Parser p = new Parser(o, canonical);
		Task task = Task.parse(p.str("task", "mergers"));
		Domain d = Domain.preset(p.str("domain", "sdss"));
		if (o.containsKey("pixelscale")) d = d.withPixelScale(p.dbl("pixelscale", 0));
		if (o.containsKey("psffwhm")) d = d.withPsfFwhm(p.dbl("psffwhm", 0));
		if (o.containsKey("psf")) {
			String psf = p.str("psf", "").toLowerCase(Locale.ROOT);
			if (psf.equals("gaussian")) d = d.withMoffatBeta(0);
			else if (psf.equals("moffat")) d = d.withMoffatBeta(d.moffatBeta() == 0 ? 3.5 : d.moffatBeta());
			else throw new IllegalArgumentException("option 'psf' must be moffat or gaussian, got '" + psf + "'");
		}
		if (o.containsKey("moffatbeta")) d = d.withMoffatBeta(p.dbl("moffatbeta", 0));
		if (o.containsKey("skyr")) d = d.withSkyR(p.dbl("skyr", 0));
		if (o.containsKey("zeropoint")) d = d.withZeropointR(p.dbl("zeropoint", 0));
		if (o.containsKey("exposure")) d = d.withExposure(p.dbl("exposure", 0));
		if (o.containsKey("gain")) d = d.withGain(p.dbl("gain", 0));
		if (o.containsKey("readnoise")) d = d.withReadNoise(p.dbl("readnoise", 0));
		if (o.containsKey("saturation")) d = d.withSaturation(p.dbl("saturation", 0));
		if (o.containsKey("cosmicrays")) d = d.withCosmicRays(p.dbl("cosmicrays", 0));
		if (o.containsKey("badcolumns")) d = d.withBadColumns(p.dbl("badcolumns", 0));
		if (o.containsKey("quantize")) d = d.withQuantize(p.dbl("quantize", 0));
		if (o.containsKey("noise")) d = d.withNoise(p.bool("noise", true));
		String out = p.str("outputdir", null);
		if (out == null || out.isEmpty()) throw new IllegalArgumentException("missing required option 'outputDir'");
		String mode = p.str("mode", "stamps").toLowerCase(Locale.ROOT);
		Mode m = switch (mode) {
			case "stamps" -> Mode.STAMPS;
			case "field" -> Mode.FIELD;
			default -> throw new IllegalArgumentException("option 'mode' must be stamps or field, got '" + mode + "'");
		};
		double lensFraction = p.dbl("lensfraction", p.bool("includelenses", false) ? 0.1 : 0);
		int fieldSize = p.integer("fieldsize", 4096);
		double density = p.dbl("fielddensity", 1.0);
		int n;
		if (o.containsKey("n") || m == Mode.STAMPS) {
			n = p.integer("n", 1000);
		} else {
			double arcmin = fieldSize * d.pixelScale() / 60;
			n = Math.max(1, (int) Math.round(density * arcmin * arcmin));
		}
		return new SimulationSpec(task, d, n, p.integer("stampsize", 64), p.integer("bands", 3), p.lng("seed", 1),
				Path.of(out), m, fieldSize, p.bool("classfolders", false), lensFraction, p.dbl("starfraction", 0.12),
				p.dbl("neighbourfraction", 0.15), p.integer("threads", Runtime.getRuntime().availableProcessors()),
				p.bool("contactsheet", true), p.integer("examples", 8), density, p.dbl("fieldra", 150.1),
				p.dbl("fielddec", 2.2), new FieldArtefacts(p.bool("artefacttruth", false), p.integer("satellitetrails", 0),
				p.integer("ghosts", 0), p.bool("bleedtrails", false), p.integer("brightstars", 0), p.integer("lenses", 0)),
				recipe(o, canonical));
	}

	/** Options that do not change the bytes of a data file (where it goes, how fast, side outputs). */
	private static final Set<String> NOT_IN_RECIPE = Set.of("outputdir", "threads", "contactsheet", "examples",
		"classfolders");

	/**
	 * The options as given (documented spelling, sorted) that decide the content of the data files: written into
	 * their headers, they let a model's training record regenerate a missing input.
	 */
	private static Map<String, String> recipe(Map<String, String> given, Map<String, String> canonical) {
		Map<String, String> r = new LinkedHashMap<>();
		for (Map.Entry<String, String> e : given.entrySet())
			if (!NOT_IN_RECIPE.contains(e.getKey())) r.put(canonical.get(e.getKey()), e.getValue());
		return Collections.unmodifiableMap(r);
	}

	private static String norm(String key) {
		return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
	}

	/** Typed access with error messages that name the option as documented. */
	private record Parser(Map<String, String> o, Map<String, String> canonical) {

	String str(String k, String dflt) {
			return o.getOrDefault(k, dflt);
		}

	double dbl(String k, double dflt) {
			String v = o.get(k);
			if (v == null) return dflt;
			try {
				double x = Double.parseDouble(v);
				if (!Double.isFinite(x)) throw new NumberFormatException();
				return x;
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("option '" + canonical.get(k) + "' must be a number, got '" + v + "'");
			}
		}

	int integer(String k, int dflt) {
			String v = o.get(k);
			if (v == null) return dflt;
			try {
				return Integer.parseInt(v);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("option '" + canonical.get(k) + "' must be an integer, got '" + v + "'");
			}
		}

	long lng(String k, long dflt) {
			String v = o.get(k);
			if (v == null) return dflt;
			try {
				return Long.parseLong(v);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("option '" + canonical.get(k) + "' must be an integer, got '" + v + "'");
			}
		}

	boolean bool(String k, boolean dflt) {
			String v = o.get(k);
			if (v == null) return dflt;
			return switch (v.toLowerCase(Locale.ROOT)) {
				case "true", "yes", "1", "on" -> true;
				case "false", "no", "0", "off" -> false;
				default -> throw new IllegalArgumentException("option '" + canonical.get(k) + "' must be true or false, got '" + v + "'");
			};
		}
}}
