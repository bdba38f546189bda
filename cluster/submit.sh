#!/usr/bin/env bash
# Submits AstroBridge jobs to SLURM; run it from anywhere, again with the same arguments to redo what is missing.
#   cluster/submit.sh classify INPUT MODEL OUTPUT [TASKS]   job array of TASKS (default 4) shards + dependent merge
#   cluster/submit.sh train SOURCE TARGET OUTPUT [--gpu]     training job (--gpu asks for --gres=gpu:1)
# Environment: ASTROBRIDGE_OPTIONS, ASTROBRIDGE_FIJI (see classify-array.sbatch), ASTROBRIDGE_LOGS (per-task logs,
# default OUTPUT/logs), ASTROBRIDGE_SBATCH (extra sbatch options, e.g. "--partition=long --time=02:00:00").
# Prints the job ids as "classify=ID merge=ID" or "train=ID".
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
what="$1"; shift
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
export ASTROBRIDGE_HOME="$home"
if [ -z "${ASTROBRIDGE_FIJI:-}" ]; then
	# build once here, not in every task at the same time
	"$home/bin/astrobridge" help >/dev/null
fi
# shellcheck disable=SC2206
extra=(${ASTROBRIDGE_SBATCH:-})
case "$what" in
classify)
	[ $# -ge 3 ] && [ $# -le 4 ] || usage
	[ -d "$1" ] || { echo "submit: input folder $1 does not exist" >&2; exit 2; }
	[ -e "$2" ] || { echo "submit: model $2 does not exist" >&2; exit 2; }
	tasks="${4:-4}"
	[[ "$tasks" =~ ^[1-9][0-9]*$ ]] || { echo "submit: TASKS must be a whole number >= 1, not '$tasks'" >&2; exit 2; }
	mkdir -p "$3"
	export ASTROBRIDGE_INPUT="$(abs "$1")" ASTROBRIDGE_MODEL="$(abs "$2")" ASTROBRIDGE_OUTPUT="$(abs "$3")"
	logs="${ASTROBRIDGE_LOGS:-$ASTROBRIDGE_OUTPUT/logs}"
	mkdir -p "$logs"
	array=$(sbatch --parsable --export=ALL --array="0-$((tasks - 1))" --output="$logs/classify-%A_%a.log" \
		"${extra[@]}" "$home/cluster/classify-array.sbatch")
	array="${array%%;*}"
	merge=$(sbatch --parsable --export=ALL --dependency="afterany:$array" --output="$logs/merge-%j.log" \
		"${extra[@]}" "$home/cluster/merge.sbatch")
	echo "classify=$array merge=${merge%%;*}"
	;;
train)
	[ $# -ge 3 ] && [ $# -le 4 ] || usage
	gres=()
	if [ "${4:-}" = "--gpu" ]; then gres=(--gres=gpu:1); elif [ -n "${4:-}" ]; then usage; fi
	mkdir -p "$3"
	export ASTROBRIDGE_SOURCE="$(abs "$1")" ASTROBRIDGE_TARGET="$(abs "$2")" ASTROBRIDGE_OUTPUT="$(abs "$3")"
	logs="${ASTROBRIDGE_LOGS:-$ASTROBRIDGE_OUTPUT/logs}"
	mkdir -p "$logs"
	job=$(sbatch --parsable --export=ALL "${gres[@]}" --output="$logs/train-%j.log" "${extra[@]}" \
		"$home/cluster/train.sbatch")
	echo "train=${job%%;*}"
	;;
*) usage ;;
esac
