// Worked example: train a domain-adapted merger classifier on the embedded benchmark and evaluate it.
// Headless: bin/astrobridge macro macros/train.ijm [WORK_FOLDER]
// Source: labelled idealised simulations (sim); target: unlabelled SDSS-like stamps; test: labelled SDSS-like
// stamps with another seed, used only to measure how well each model does on the target domain.
work = getArgument();
if (work == "") work = getDirectory("temp") + "astrobridge-train";
n = 1200;
common = "task=mergers n=" + n + " size=48 bands=1 more=[contactSheet=false]";
run("Simulate Benchmark...", common + " domain=sim seed=1 output=[" + work + "/source]");
run("Simulate Benchmark...", common + " domain=sdss seed=2 output=[" + work + "/target]");
run("Simulate Benchmark...", common + " domain=sdss seed=3 output=[" + work + "/test]");
methods = newArray("source-only", "dann");
for (i = 0; i < methods.length; i++) {
	model = work + "/model-" + methods[i];
	run("Train Classifier...", "source=[" + work + "/source/mergers_sim_stamps.fits] target=[" + work
		+ "/target/mergers_sdss_stamps.fits] method=" + methods[i] + " epochs=15 seed=1 threads=2 output=[" + model + "]");
	run("Evaluate Classifier...", "model=[" + model + "] stamps=[" + work + "/test/mergers_sdss_stamps.fits] output=["
		+ work + "/evaluation-" + methods[i] + ".csv]");
}
print("done: models and evaluations in " + work);
