#!/usr/bin/env bash
# Full-disk check (needs root, for a size-limited tmpfs): classifies a folder of fields into a 600 KB filesystem, so
# that writing runs out of space part-way; every file left must be complete and valid (scripts/check-outputs.py) and
# the command must fail with one line. Then the filesystem grows to 20 MB and a rerun must finish the missing work.
# Usage: scripts/check-full-disk.sh FIELDS_DIR MODEL.zip
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fields="$(realpath "$1")"; model="$(realpath "$2")"
mnt="$(mktemp -d /tmp/astrobridge-full-disk.XXXXXX)"
mount -t tmpfs -o size=600k tmpfs "$mnt"
trap 'umount "$mnt" 2>/dev/null || true; rmdir "$mnt" 2>/dev/null || true; rm -f "$mnt.log"' EXIT
set +e
"$root/bin/astrobridge" classify-folder --folder "$fields" --model "$model" --output "$mnt/out" >"$mnt.log" 2>&1
first=$?
set -e
echo "full-disk: first run exit $first; $(grep -c . <(ls "$mnt/out")) file(s) left; last line: $(grep -v '^\[' "$mnt.log" | tail -1)"
[ "$first" -ne 0 ] || { echo "full-disk: FAIL: the run on a full disk did not fail"; exit 1; }
/usr/bin/python3 "$root/scripts/check-outputs.py" "$mnt/out" || { echo "full-disk: FAIL: an incomplete file was left"; exit 1; }
[ -z "$(find "$mnt/out" -name '*.tmp*' -print -quit)" ] || { echo "full-disk: FAIL: temporary files left"; exit 1; }
mount -o remount,size=20M "$mnt"
"$root/bin/astrobridge" classify-folder --folder "$fields" --model "$model" --output "$mnt/out" >"$mnt.log" 2>&1
echo "full-disk: rerun: $(grep 'classify-folder:.*files:' "$mnt.log")"
/usr/bin/python3 "$root/scripts/check-outputs.py" "$mnt/out"
echo "full-disk: ok"
