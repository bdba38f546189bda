#!/usr/bin/env bash
# End-to-end test of the cluster jobs on a real one-node SLURM, run as root on a Debian machine:
# installs slurm-wlm and munge when missing, starts munged, slurmctld and slurmd with a configuration and state in
# a temporary folder, classifies a folder of simulated fields (one of them damaged) with 1 and then 2 array tasks
# plus the dependent merge job, checks each merged catalogue equals a single-process run row for row, kills one
# task's java process while it holds a claim, resubmits, and checks that nothing finished is redone or lost.
# Stops every daemon it started. Prints objects/s per run and the load average.
#   cluster/test-slurm.sh [FIELDS] [FIELD_SIZE]     (default 4 fields of 256 x 256 px, 40 galaxies each)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fields="${1:-4}"
size="${2:-256}"
model="$home/models/mergers-sim-to-sdss-dann.zip"
say() { echo "test-slurm: $*"; }
fail() { echo "test-slurm: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (it installs packages and starts slurmd as root)"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
	say "installing slurm-wlm and munge"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

work="$(mktemp -d /tmp/astrobridge-slurm.XXXXXX)"
mkdir -p "$work/etc" "$work/state" "$work/spool" "$work/munge"
export SLURM_CONF="$work/etc/slurm.conf"
started=()
stop_daemons() {
	[ -f "$work/etc/slurm.conf" ] && scancel --user=root 2>/dev/null || true
	for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
		if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
	done
	sleep 1
	for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
		if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then kill -9 "$(cat "$pidfile")" || true; fi
	done
	say "stopped ${started[*]:-nothing}; files in $work"
}
trap stop_daemons EXIT

# munge with its own key and socket, so that no system munged is touched
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
	--pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed"
started+=(munged)

host="$(hostname -s)"
cat >"$SLURM_CONF" <<CONF
ClusterName=astrobridge-test
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MinJobAge=3600
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -i
started+=(slurmctld)
slurmd
started+=(slurmd)
for _ in $(seq 60); do
	state="$(sinfo -h -o %T 2>/dev/null || true)"
	[ "$state" = idle ] && break
	sleep 1
done
[ "$state" = idle ] || fail "node not idle after 60 s (sinfo: '$state'); see $work/slurmctld.log, $work/slurmd.log"
say "SLURM $(sinfo -V | awk '{print $2}') up: node $host, $(nproc) CPUs, state $state"

# the fields: simulated, plus one damaged file
"$home/bin/astrobridge" help >/dev/null
in="$work/fields"
mkdir -p "$in"
cat >"$work/simulate.ijm" <<IJM
for (s = 1; s <= $fields; s++) {
	run("Simulate Benchmark...", "task=mergers domain=sdss mode=field n=40 fieldsize=$size bands=1 seed=" + s
		+ " output=$work/sim/" + s + " more=[contactSheet=false threads=1]");
}
IJM
"$home/bin/astrobridge" macro "$work/simulate.ijm" >"$work/simulate.log" 2>&1 || fail "simulation, see $work/simulate.log"
for s in $(seq "$fields"); do cp "$work/sim/$s/mergers_sdss_field.fits" "$in/$(printf 'field_%03d.fits' "$s")"; done
head -c 5000 "$in/field_001.fits" >"$in/field_damaged.fits" # a truncated copy: header without its data
say "$fields fields of ${size}x${size} px and 1 damaged file in $in"

say "reference: one process, no SLURM"
start=$(date +%s.%N)
"$home/bin/astrobridge" classify-folder --folder "$in" --model "$model" --output "$work/single" --threads 1 \
	>"$work/single.log" 2>&1 && fail "the damaged file should make the single run fail" || true
grep -q "field_damaged.fits: FAILED" "$work/single.log" || fail "single run did not report the damaged file"
rows() { tail -n +2 "$1" | wc -l; }
objects=$(rows "$work/single/merged_catalog.csv")
say "single process (1 thread, no SLURM): $(awk -v n="$objects" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%d objects in %.1f s = %.2f objects/s", n, e - s, n / (e - s) }') (JVM start and model load included); load average $(cut -d' ' -f1-3 /proc/loadavg)"

wait_job() { # waits until none of the jobs is queued or running
	while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do sleep 1; done
}

run_array() { # TASKS OUTPUT: submits array + merge, waits, prints objects/s
	local start end ids array merge
	start=$(date +%s.%N)
	ids="$("$home/cluster/submit.sh" classify "$in" "$model" "$2" "$1")"
	array="${ids#classify=}"; array="${array%% *}"; merge="${ids##*merge=}"
	wait_job "$array"
	end=$(date +%s.%N)
	wait_job "$merge"
	[ -f "$2/merged_catalog.csv" ] || fail "no merged catalogue in $2"
	cmp -s "$2/merged_catalog.csv" "$work/single/merged_catalog.csv" \
		|| fail "merged catalogue of $1 task(s) differs from the single run: diff $2/merged_catalog.csv $work/single/merged_catalog.csv"
	grep -q "no catalogue yet: field_damaged.fits" "$2"/logs/merge-*.log || fail "merge did not list the damaged file"
	say "$1 array task(s): job $array, $(awk -v n="$objects" -v s="$start" -v e="$end" 'BEGIN { printf "%d objects in %.1f s = %.2f objects/s", n, e - s, n / (e - s) }') (submit to last task end, JVM start included); merged catalogue equals the single run row for row ($(rows "$2/merged_catalog.csv") rows); merge lists field_damaged.fits; load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

run_array 1 "$work/out1"
run_array 2 "$work/out2"

say "kill test: 2 tasks, one java process killed with SIGKILL while it holds a claim, then the same submission again"
out="$work/out-kill"
ids="$("$home/cluster/submit.sh" classify "$in" "$model" "$out" 2)"
array="${ids#classify=}"; array="${array%% *}"
victim=""
for _ in $(seq 3000); do
	claim="$(find "$out" -maxdepth 1 -name 'field_0*.claim' -print -quit 2>/dev/null || true)"
	if [ -n "$claim" ]; then
		victim="$(sed -n 's/^pid=//p' "$claim" 2>/dev/null || true)"
		[ -n "$victim" ] && kill -9 "$victim" 2>/dev/null && break
		victim=""
	fi
	sleep 0.1
done
[ -n "$victim" ] || fail "no claim seen to kill"
say "killed java pid $victim holding $(basename "$claim")"
wait_job "$array"
wait_job "${ids##*merge=}"
[ -f "$claim" ] || fail "the killed task's claim should be left behind"
missing_before="$(cd "$in" && for f in field_0*.fits; do [ -f "$out/${f%.fits}_catalog.csv" ] || echo "$f"; done)"
[ -n "$missing_before" ] || fail "the killed task left nothing to do"
say "after the kill: no catalogue for $(echo "$missing_before" | tr '\n' ' ')"
done_before="$(cd "$out" && stat -c '%n %Y %s' field_0*_catalog.csv | sort)"
"$home/cluster/submit.sh" classify "$in" "$model" "$out" 2 >"$work/resubmit.ids"
ids="$(cat "$work/resubmit.ids")"
array2="${ids#classify=}"; array2="${array2%% *}"
wait_job "$array2"
wait_job "${ids##*merge=}"
redone="$(grep -h ': [0-9]* objects' "$out"/logs/classify-"$array2"_*.log | sed 's/.*) \([^:]*\):.*/\1/' | sort)"
[ "$(echo "$missing_before" | sort)" = "$redone" ] || fail "resubmission classified '$redone', expected '$missing_before'"
grep -h "took over the stale claim" "$out"/logs/classify-"$array2"_*.log | sed 's/^/test-slurm:   /'
after="$(cd "$out" && echo "$done_before" | while read -r n _; do stat -c '%n %Y %s' "$n"; done)"
[ "$after" = "$done_before" ] || fail "a catalogue finished before the kill was rewritten"
cmp -s "$out/merged_catalog.csv" "$work/single/merged_catalog.csv" || fail "merged catalogue after resubmission differs"
leftover="$(find "$out" -maxdepth 1 -name '*.claim' -o -maxdepth 1 -name '.*.tmp' | wc -l)"
[ "$leftover" = 0 ] || fail "claims or temporary files left: $(ls -a "$out")"
say "resubmission (job $array2) classified only $(echo "$redone" | tr '\n' ' ')and rewrote none of the $(echo "$done_before" | wc -l) finished catalogues; merged catalogue equals the single run"
say "PASSED"
