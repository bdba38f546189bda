#!/usr/bin/env bash
# Kills `train`, `classify` and `classify-folder` with SIGKILL at random moments and checks that every output is then
# complete and valid or absent (scripts/check-outputs.py), and that a rerun completes the work.
# Usage: scripts/check-kill.sh [TRIALS_PER_COMMAND] [WORK_DIR]      (default 5 trials, a fresh temporary folder)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ab="$root/bin/astrobridge"
check="$root/scripts/check-outputs.py"
trials="${1:-5}"
work="${2:-$(mktemp -d /tmp/astrobridge-kill.XXXXXX)}"
export ASTROBRIDGE_JAVA_OPTS="${ASTROBRIDGE_JAVA_OPTS:--Xmx2g}"
mkdir -p "$work"
cd "$work"
log() { echo "check-kill: $*"; }

log "data in $work"
"$ab" simulate --task mergers --domain sim --n 192 --size 32 --bands 1 --seed 1 --output src >/dev/null
"$ab" simulate --task mergers --domain sdss --n 192 --size 32 --bands 1 --seed 2 --output tgt >/dev/null
mkdir -p fields
for s in 1 2 3 4; do
	"$ab" simulate --task mergers --domain sdss --n 30 --size 32 --bands 1 --seed "$s" --mode field --fieldsize 256 \
		--output "f$s" >/dev/null
	cp "f$s"/*_field.fits "fields/field$s.fits"
done
src=$(ls src/*.fits | head -1); tgt=$(ls tgt/*.fits | head -1); field=fields/field1.fits

train() { "$ab" train --source "$src" --target "$tgt" --method dann --epochs 3 --output "$1"; }
classify() { "$ab" classify "$field" --model model.zip --out "$1"; }
folder() { "$ab" classify-folder --folder fields --model model.zip --out "$1"; }

# a complete model first, timed, for classify to use and to know how long each command runs
start=$(date +%s.%N); train model >/dev/null 2>&1; t_train=$(echo "$(date +%s.%N) - $start" | bc)
ls model* >/dev/null
[ -f model.zip ] || python3 -c "import shutil; shutil.make_archive('model', 'zip', 'model')"
start=$(date +%s.%N); classify ref-classify >/dev/null 2>&1; t_classify=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N); folder ref-folder >/dev/null 2>&1; t_folder=$(echo "$(date +%s.%N) - $start" | bc)
log "full runs: train ${t_train}s, classify ${t_classify}s, classify-folder ${t_folder}s"
python3 "$check" model* ref-classify ref-folder

failures=0
for cmd in train classify folder; do
	var="t_$cmd"
	full=${!var}
	for i in $(seq 1 "$trials"); do
		out="killed-$cmd-$i"
		delay=$(python3 -c "import random; print(round(random.uniform(0.5, $full), 2))")
		( "$cmd" "$out" >"$out.log" 2>&1 ) &
		pid=$!
		sleep "$delay"
		# SIGKILL the JVM itself (the child of the bash wrapper), then the wrapper
		for c in $(pgrep -P "$pid"); do kill -KILL "$c" 2>/dev/null || true; done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		if python3 "$check" "$out"* ; then verdict="complete-or-absent"; else verdict="INCOMPLETE"; failures=$((failures + 1)); fi
		present=$(find "$out"* -type f ! -name '.*' ! -name '*.log' 2>/dev/null | wc -l)
		# rerun into the same place: it must finish and leave valid outputs
		if "$cmd" "$out" >"$out.rerun.log" 2>&1 && python3 "$check" "$out"*; then rerun=ok; else rerun=FAILED; failures=$((failures + 1)); fi
		log "$cmd killed after ${delay}s: $present output file(s), $verdict; rerun $rerun"
	done
done
log "$failures failure(s)"
exit $((failures > 0))
