#!/usr/bin/env bash
# Soak: simulates DISTINCT small fields (256 x 256), copies them into a folder of N files, and classifies the folder
# in one JVM, printing the heap and the process RSS every 50 files (benchmark soak).
# Usage: scripts/soak.sh MODEL [N=500] [DISTINCT=10] [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ab="$root/bin/astrobridge"
model="$(realpath "$1")"; n="${2:-500}"; distinct="${3:-10}"
work="${4:-$(mktemp -d /tmp/astrobridge-soak.XXXXXX)}"
export ASTROBRIDGE_JAVA_OPTS="${ASTROBRIDGE_JAVA_OPTS:--Xmx2g}"
mkdir -p "$work/fields"
for s in $(seq 1 "$distinct"); do
	[ -f "$work/sim$s/mergers_sdss_field.fits" ] || "$ab" simulate --task mergers --domain sdss --n 25 --size 32 \
		--bands 1 --seed "$s" --mode field --fieldsize 256 --output "$work/sim$s" >/dev/null
done
for i in $(seq 1 "$n"); do
	cp "$work/sim$(( (i - 1) % distinct + 1 ))/mergers_sdss_field.fits" "$(printf '%s/fields/field%04d.fits' "$work" "$i")"
done
rm -rf "$work/out"
"$ab" benchmark soak "$work/fields" "$model" "$work/out"
