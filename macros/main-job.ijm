// The main job on the embedded benchmark, end to end:
//   1. simulate labelled source stamps (idealised "sim") and unlabelled target stamps (SDSS-like "sdss");
//   2. train a source-only merger classifier (the baseline: no adaptation) and one with the defaults (DANN, with the
//      source re-observed as the target survey observes, fitted to the target stamps);
//   3. simulate an SDSS-like field with a truth catalogue and classify it with both models;
//   4. write catalogues, overlay PNGs and a summary with each model's accuracy against the truth.
// Headless: bin/astrobridge macro macros/main-job.ijm [WORK_FOLDER]   (default: ./astrobridge-main-job)
work = getArgument();
if (work == "") work = "astrobridge-main-job";
n = 1200;
stamps = "task=mergers n=" + n + " size=48 bands=1 more=[contactSheet=false]";
run("Simulate Benchmark...", stamps + " domain=sim seed=1 output=[" + work + "/source]");
run("Simulate Benchmark...", stamps + " domain=sdss seed=2 output=[" + work + "/target]");
run("Simulate Benchmark...", "task=mergers domain=sdss n=300 bands=1 seed=4 mode=field fieldsize=1536 output=["
	+ work + "/field]");
field = work + "/field/mergers_sdss_field.fits";
methods = newArray("source-only", "dann");
observations = newArray("none", "matched");
summary = "AstroBridge main job: mergers, sim -> sdss, field " + field + "\n";
for (i = 0; i < methods.length; i++) {
	model = work + "/model-" + methods[i];
	run("Train Classifier...", "source=[" + work + "/source/mergers_sim_stamps.fits] target=[" + work
		+ "/target/mergers_sdss_stamps.fits] method=" + methods[i] + " observation=" + observations[i] + " epochs=15 seed=1 threads=2 output=[" + model + "]");
	run("Classify Objects...", "image=[" + field + "] model=[" + model + ".zip] output=[" + work + "/classify-" + methods[i]
		+ "] truth=[" + field + "] threads=2");
	summary = summary + "\n" + methods[i] + ":\n" + File.openAsString(work + "/classify-" + methods[i] + "/mergers_sdss_field_truth.txt");
}
File.saveString(summary, work + "/summary.txt");
print(summary);
