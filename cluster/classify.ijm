// Fiji form of cluster/classify-array.sbatch: ImageJ-linux64 --headless --console -macro classify.ijm "IN|MODEL|OUT|THREADS|MORE"
// Classify Folder reads the SLURM array variables itself, so every task does its own shard.
a = split(getArgument(), "|");
more = ""; if (a.length > 4) more = a[4];
run("Classify Folder...", "folder=[" + a[0] + "] model=[" + a[1] + "] output=[" + a[2] + "] threads=" + a[3] + " " + more);
