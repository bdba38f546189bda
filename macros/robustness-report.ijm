// Worked example: robustness report, latent-space map and saliency maps for the shipped merger model.
// Headless, from the project root: bin/astrobridge macro macros/robustness-report.ijm [WORK_FOLDER]
// Test stamps: 1000 labelled SDSS-like stamps (seed 3); source stamps for the map: idealised simulations (seed 1).
// If WORK_FOLDER holds model-source-only.zip (made by macros/train.ijm with the same WORK_FOLDER), the report and
// the map compare it with the DANN model side by side.
work = getArgument();
if (work == "") work = getDirectory("temp") + "astrobridge-robustness";
dann = "models/mergers-sim-to-sdss-dann.zip";
models = dann;
if (File.exists(work + "/model-source-only.zip")) models = work + "/model-source-only.zip," + dann;
common = "task=mergers size=48 bands=1 more=[contactSheet=false]";
run("Simulate Benchmark...", common + " n=1000 domain=sdss seed=3 output=[" + work + "/test]");
run("Simulate Benchmark...", common + " n=500 domain=sim seed=1 output=[" + work + "/source]");
test = work + "/test/mergers_sdss_stamps.fits";
// every standard perturbation at its five default strengths; one-pixel attack on 100 stamps (report default budget)
run("Robustness Report...", "models=[" + models + "] stamps=[" + test + "] perturbations=all attack=100 seed=1 threads=2 output=["
	+ work + "/report]");
run("Latent Map...", "models=[" + models + "] source=[" + work + "/source/mergers_sim_stamps.fits] target=[" + test + "] threads=2 output=["
	+ work + "/map]");
run("Saliency Map...", "model=[" + dann + "] stamps=[" + test + "] method=gradient-x-input threads=2 output=[" + work + "/saliency.fits]");
print("done: open " + work + "/report/report.html");
