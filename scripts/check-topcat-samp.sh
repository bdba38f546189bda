#!/usr/bin/env bash
# SAMP with a real client: TOPCAT. Starts a virtual display (Xvfb) and TOPCAT with its own SAMP hub on a lockfile of
# this run (SAMP_HUB, so a hub of the user's is left alone), classifies a simulated field with `classify --samp`, and
# shows
#  - TOPCAT's reply to table.load.votable, as AstroBridge logs it ("topcat ok": TOPCAT loaded the catalogue);
#  - the way back: while `astrobridge samp --listen` stays registered, TOPCAT's "Send row index" activation action
#    (ticked and invoked with xdotool, then run by a click on a row of TOPCAT's table browser) sends
#    table.highlight.row, and a scripted SAMP client (JSAMP's messagesender, through TOPCAT's own `topcat -jsamp`)
#    sends table.select.rowList; AstroBridge logs the objects they name (headless: no image to select them on);
#  - a screenshot of TOPCAT's windows (PNG, second argument).
# Needs the Debian packages topcat, xvfb, x11-apps (xwd), x11-utils (xwininfo), xdotool and netpbm (PNG): when run as
# root it installs the missing ones with apt-get. Exits non-zero when a step fails.
# Usage: scripts/check-topcat-samp.sh [WORKDIR [SCREENSHOT.png]]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
shot="${2:-$work/topcat-samp.png}"
ab="$root/bin/astrobridge"

missing=()
for tool in topcat:topcat Xvfb:xvfb xwd:x11-apps xwininfo:x11-utils xdotool:xdotool xwdtopnm:netpbm; do
	command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "check-topcat-samp: missing Debian packages: ${missing[*]} (apt-get install ${missing[*]})" >&2
		exit 2
	fi
	apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# a free display number, chosen by the X server itself and written to a pipe
rm -f "$work/displayfd"
mkfifo "$work/displayfd"
Xvfb -displayfd 3 -screen 0 1600x900x24 -nolisten tcp 3>"$work/displayfd" >"$work/xvfb.log" 2>&1 &
pids+=($!)
read -r -t 30 display <"$work/displayfd" || { echo "check-topcat-samp: Xvfb did not start (see $work/xvfb.log)" >&2; exit 1; }
export DISPLAY=":$display"
export SAMP_HUB="std-lockurl:file://$work/samp-lock"
rm -f "$work/samp-lock"
topcat -hub >"$work/topcat.log" 2>&1 &
pids+=($!)

# JSAMP's message sender, as TOPCAT ships it; its log chatter goes to the file
jsamp() {
	topcat -jsamp messagesender "$@" 2>>"$work/jsamp.log"
}
echo "== $(topcat -version 2>/dev/null | grep -o 'TOPCAT Version [^ ]*' | head -1), hub $SAMP_HUB, display $DISPLAY"
for _ in $(seq 1 90); do
	if [ -f "$work/samp-lock" ] && jsamp -mtype samp.app.ping -targetname topcat -mode sync >/dev/null 2>&1; then
		break
	fi
	sleep 1
done
jsamp -mtype samp.app.ping -targetname topcat -mode sync >/dev/null \
	|| { echo "check-topcat-samp: TOPCAT did not answer on its hub (see $work/topcat.log)" >&2; exit 1; }

"$ab" simulate --task mergers --domain sdss --mode field --n 6 --fieldsize 200 --bands 1 --seed 5 \
	--output "$work/sim" >/dev/null
cp "$work/sim/mergers_sdss_field.fits" "$work/field5.fits"
echo "== astrobridge classify field5.fits --format fits,votable --samp"
"$ab" classify "$work/field5.fits" --model "$root/models/mergers-sim-to-sdss-dann.zip" --output "$work/out" \
	--format fits,votable --threads 1 --samp 2>/dev/null | grep 'SAMP' | sed "s|$work/||g" | tee "$work/classify.log"
grep -q 'table.load.votable .* topcat ok' "$work/classify.log" \
	|| { echo "check-topcat-samp: TOPCAT did not report the table loaded" >&2; exit 1; }

echo "== astrobridge samp --catalog out/field5_catalog.vot --listen 120; rows selected in TOPCAT and by a script"
"$ab" samp --catalog "$work/out/field5_catalog.vot" --listen 120 >"$work/listen.log" 2>&1 &
listener=$!
pids+=("$listener")
for _ in $(seq 1 60); do
	grep -q 'listening' "$work/listen.log" && break
	sleep 1
done
sleep 2 # TOPCAT shows the table it has just loaded

# TOPCAT itself: open the table browser and the activation actions of the table just received, tick "Send row
# index", invoke it on the activated row, then click a row of the browser. Windows are found by title; the offsets
# inside them are those of TOPCAT 4.8.7's default layout (no window manager: windows stay where they are put).
window() { xwininfo -root -tree | awk -v t="$1" 'index($0, t) && /"TOPCAT/ {print $1; exit}'; }
click() { xdotool mousemove --sync "$1" "$2" click 1; sleep 2; }
control=$(window '"TOPCAT":')
[ -n "$control" ] || { echo "check-topcat-samp: no TOPCAT window" >&2; exit 1; }
xdotool windowmove --sync "$control" 0 0
click 160 40 # toolbar: Table Browser of the current table
browser=$(window 'Table Browser')
xdotool windowmove --sync "$browser" 0 330
click 100 $((330 + 113 + 3 * 47 / 3)) # row 4 becomes the activated row
click 343 40 # toolbar: Activation Actions
actions=$(window 'Activation Actions')
xdotool windowmove --sync "$actions" 850 0
click $((850 + 40)) 301 # tick "Send row index"
click $((850 + 100)) 301 # show its configuration
click $((850 + 265)) 388 # "Invoke now" on row 4
click 100 $((330 + 113 + 6 * 47 / 3)) # a click on row 7 of the browser: the action runs again

# a scripted client (JSAMP's message sender) for the row list, since TOPCAT sends a subset only from its menus
url="file://$work/out/field5_catalog.vot"
jsamp -mtype table.select.rowList -param url "$url" -param row-list '["0","2","5"]' -targetname AstroBridge \
	-mode sync -sendername "messagesender" | tr -d '\n' | sed 's/  */ /g; s/^/messagesender rowList reply: /; s/$/\n/'

# TOPCAT's windows: the catalogue received, its rows, the action's "Successfully sent to AstroBridge"
xwd -silent -root | xwdtopnm 2>/dev/null | pnmcut -left 0 -top 0 -width 1494 -height 664 \
	| pnmtopng -compression 9 >"$shot"
kill "$listener" 2>/dev/null || true
wait "$listener" 2>/dev/null || true
grep 'AstroBridge SAMP' "$work/listen.log" | sed "s|$work/||g"
for line in 'topcat highlights row 3 of field5_catalog.vot' 'topcat highlights row 6 of field5_catalog.vot' \
	'messagesender selects 3 rows of field5_catalog.vot'; do
	grep -q "$line" "$work/listen.log" || { echo "check-topcat-samp: AstroBridge did not log '$line'" >&2; exit 1; }
done
echo "== screenshot of TOPCAT's windows: $shot ($(stat -c %s "$shot") bytes)"
