// Fiji form of cluster/train.sbatch: ImageJ-linux64 --headless --console -macro train.ijm "SOURCE|TARGET|OUT|THREADS|MORE"
a = split(getArgument(), "|");
more = ""; if (a.length > 4) more = a[4];
run("Train Classifier...", "source=[" + a[0] + "] target=[" + a[1] + "] output=[" + a[2] + "] threads=" + a[3] + " device=auto " + more);
