// Classify every FITS field of a folder with a model package: a catalogue per file (CSV, FITS table, DS9 regions,
// overlay PNG) plus merged_catalog.csv/.fits over all files. Files whose catalogue exists are skipped, so running it
// again after a crash resumes; a damaged file is reported and the others carry on (the work is done by the
// "Classify Folder..." command, which loops in Java and fails at the very end if any file failed).
// Headless: bin/astrobridge macro macros/batch-classify.ijm "inputFolder|modelPath|outFolder"
// In Fiji: Plugins>Macros>Run..., then give the three paths when asked.
arg = getArgument();
if (arg == "") {
	input = getDirectory("Folder of FITS fields");
	model = File.openDialog("Model package (.zip)");
	output = getDirectory("Output folder");
} else {
	parts = split(arg, "|");
	if (parts.length != 3) exit("batch-classify: argument must be \"inputFolder|modelPath|outFolder\", got: " + arg);
	input = parts[0];
	model = parts[1];
	output = parts[2];
}
run("Classify Folder...", "folder=[" + input + "] model=[" + model + "] output=[" + output + "]");
print("batch-classify: all files done; merged catalogue in " + output);
