// Source-only vs DANN on the noise task (LSST year 10 -> year 1) and their robustness report.
// Headless: bin/astrobridge macro macros/noise-robustness.ijm [WORK_FOLDER]   (default ./astrobridge-noise)
work = getArgument();
if (work == "") work = "astrobridge-noise";
common = "task=noise size=48 bands=1 more=[contactSheet=false]";
run("Simulate Benchmark...", common + " n=1200 domain=lsst-y10 seed=1 output=[" + work + "/source]");
run("Simulate Benchmark...", common + " n=1200 domain=lsst-y1 seed=2 output=[" + work + "/target]");
run("Simulate Benchmark...", common + " n=1000 domain=lsst-y1 seed=3 output=[" + work + "/test]");
methods = newArray("source-only", "dann");
for (i = 0; i < methods.length; i++)
	run("Train Classifier...", "source=[" + work + "/source/noise_lsst-y10_stamps.fits] target=[" + work
		+ "/target/noise_lsst-y1_stamps.fits] method=" + methods[i] + " epochs=10 seed=1 threads=2 output=[" + work
		+ "/model-" + methods[i] + "]");
run("Robustness Report...", "models=[" + work + "/model-source-only.zip," + work + "/model-dann.zip] stamps=[" + work
	+ "/test/noise_lsst-y1_stamps.fits] perturbations=all attack=100 seed=1 threads=2 output=[" + work + "/report]");
print("report: " + work + "/report/report.html");
