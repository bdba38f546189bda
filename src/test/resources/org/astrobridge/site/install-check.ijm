// Run by UpdateSiteInstallIT (and scripts/check-plain-imagej.sh) with only the installed update-site jars:
// opens a FITS file, trains a classifier for one epoch on a few simulated stamps, classifies a small field, and
// classifies it again with the shipped model where the site installed it (<ImageJ folder>/models/).
// Argument: a writable folder that holds dss.fits.gz (gzip) and comp.fits (tile-compressed, read with nom-tam-fits).
work = getArgument();
files = newArray("dss.fits.gz", "comp.fits");
for (i = 0; i < files.length; i++) {
	run("Open FITS...", "path=[" + work + "/" + files[i] + "]");
	getStatistics(area, mean, min, max);
	print("opened " + getTitle() + " " + getWidth() + "x" + getHeight() + " min=" + min + " max=" + max);
	close();
}
stamps = "task=mergers n=48 size=32 bands=1 more=[contactSheet=false]";
run("Simulate Benchmark...", stamps + " domain=sim seed=1 output=[" + work + "/source]");
run("Simulate Benchmark...", "task=mergers domain=sdss n=12 bands=1 seed=4 mode=field fieldsize=256 output=[" + work + "/field]");
run("Train Classifier...", "source=[" + work + "/source/mergers_sim_stamps.fits] method=source-only epochs=1 batch=16 seed=1 threads=2 output=[" + work + "/model]");
run("Classify Objects...", "image=[" + work + "/field/mergers_sdss_field.fits] model=[" + work + "/model.zip] out=[" + work + "/classified] ood=entropy threads=2");
rows = split(File.openAsString(work + "/classified/mergers_sdss_field_catalog.csv"), "\n");
print("install-check: catalogue rows=" + (rows.length - 1));
shipped = getDirectory("imagej") + "models/mergers-sim-to-sdss-dann.zip";
if (File.exists(shipped)) {
	run("Classify Objects...", "image=[" + work + "/field/mergers_sdss_field.fits] model=[" + shipped + "] output=[" + work + "/shipped] threads=2");
	rows = split(File.openAsString(work + "/shipped/mergers_sdss_field_catalog.csv"), "\n");
	print("install-check: shipped model rows=" + (rows.length - 1));
} else {
	print("install-check: no shipped model at " + shipped);
}
