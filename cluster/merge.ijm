// Fiji form of cluster/merge.sbatch: ImageJ-linux64 --headless --console -macro merge.ijm "IN|OUT|STRICT"
a = split(getArgument(), "|");
strict = "";
if (a.length > 2 && a[2] == "true") strict = " strict";
run("Merge Catalogs...", "output=[" + a[1] + "] folder=[" + a[0] + "]" + strict);
