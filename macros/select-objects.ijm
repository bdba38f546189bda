// Classifies a FITS field, then picks objects from the catalogue by class, probability and OOD flag: here the
// merger candidates with p_merger > 0.9 that are not flagged out-of-distribution. It counts them, draws them as
// circles on the image (overlay) and, given an output folder, writes the catalogue files there and the selected rows
// to selected_<CLASS>.csv.
// "Classify Objects..." leaves its catalogue in the Results table, one row per object, in every mode (GUI, batch
// mode, headless): nResults objects, getResult("p_merger", i), getResult("ood", i), getResultString("class", i).
// Headless: bin/astrobridge macro macros/select-objects.ijm "FIELD.fits|MODEL.zip|CLASS|PMIN|OUTDIR"
// (CLASS, PMIN and OUTDIR are optional: merger, 0.9, nothing written). In Fiji: Plugins>Macros>Run..., give the paths when asked.
arg = getArgument();
wanted = "merger";
pmin = 0.9;
outdir = "";
if (arg == "") {
	field = File.openDialog("FITS field");
	model = File.openDialog("Model package (.zip)");
} else {
	parts = split(arg, "|");
	if (parts.length < 2) exit("select-objects: argument must be \"FIELD|MODEL[|CLASS|PMIN|OUTDIR]\", got: " + arg);
	field = parts[0];
	model = parts[1];
	if (parts.length > 2) wanted = parts[2];
	if (parts.length > 3) pmin = parseFloat(parts[3]);
	if (parts.length > 4) outdir = parts[4];
}
setBatchMode(true);
options = "image=[" + field + "] model=[" + model + "] overlay=false";
if (outdir != "") options = options + " output=[" + outdir + "]";
run("Classify Objects...", options);

// one pass over the catalogue: keep the rows of the wanted class, above pmin, not OOD
n = nResults;
ids = newArray(0);
xs = newArray(0);
ys = newArray(0);
ps = newArray(0);
flagged = 0;
for (i = 0; i < n; i++) {
	if (getResult("ood", i) != 0) {
		flagged++;
		continue;
	}
	p = getResult("p_" + wanted, i);
	if (getResultString("class", i) == wanted && p > pmin) {
		ids = Array.concat(ids, getResult("id", i));
		xs = Array.concat(xs, getResult("x_ij", i));
		ys = Array.concat(ys, getResult("y_ij", i));
		ps = Array.concat(ps, p);
	}
}
print("objects=" + n);
print("ood=" + flagged);
print("selected=" + ids.length + " (" + wanted + ", p > " + pmin + ", not OOD)");

// draw them: a circle of radius 6 px around each on the field, shown with the zscale stretch
run("Open FITS...", "path=[" + field + "]");
for (k = 0; k < ids.length; k++) {
	makeOval(xs[k] - 6, ys[k] - 6, 12, 12);
	Overlay.addSelection("magenta");
}
run("Select None");
print("overlay=" + Overlay.size);

if (outdir != "") {
	csv = outdir + File.separator + "selected_" + wanted + ".csv";
	lines = "id,x_ij,y_ij,p_" + wanted;
	for (k = 0; k < ids.length; k++) lines = lines + "\n" + ids[k] + "," + d2s(xs[k], 3) + "," + d2s(ys[k], 3) + "," + d2s(ps[k], 6);
	File.saveString(lines + "\n", csv);
	print("csv=" + csv);
}
setBatchMode(false);
