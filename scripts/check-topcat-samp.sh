#!/usr/bin/env bash
# SAMP with a real client: TOPCAT. Starts a virtual display (Xvfb) and TOPCAT with its own SAMP hub on a lockfile of
# this run (SAMP_HUB, so a hub of the user's is left alone), then
#  1. classifies a simulated field headless with `classify --samp`: AstroBridge logs TOPCAT's reply to
#     table.load.votable ("topcat ok": TOPCAT loaded the catalogue);
#  2. on the display (org.astrobridge.ij.SampGuiCheck, from the test classes): Open FITS and Classify Objects with
#     samp, as from the menus, which draws the overlay on the image window and sends the catalogue; a scripted SAMP
#     client (JSAMP's messagesender, through TOPCAT's own `topcat -jsamp`) sends table.select.rowList, then TOPCAT's
#     "Send row index" activation action (ticked and invoked with xdotool, then run by a click on a row of TOPCAT's
#     table browser) sends table.highlight.row; each selection must become the image's selection;
#  3. headless, `astrobridge samp --listen` logs the selections the scripted client sends;
# and saves a screenshot of TOPCAT's windows and the image window (PNG, second argument).
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

# waits up to $2 seconds for an AstroBridge process to log that it listens for SAMP messages in $1
wait_listening() {
	for _ in $(seq 1 "$2"); do
		grep -q 'listening' "$1" && return 0
		sleep 1
	done
	return 1
}

# a free display number, chosen by the X server itself and written to a pipe
rm -f "$work/displayfd"
mkfifo "$work/displayfd"
Xvfb -displayfd 3 -screen 0 1600x1200x24 -nolisten tcp 3>"$work/displayfd" >"$work/xvfb.log" 2>&1 &
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

echo "== on the display: Open FITS, Classify Objects ... samp (overlay on the image window), then rows selected"
cp="$root/target/classes:$root/target/test-classes:$(cat "$root/target/astrobridge.classpath")"
java -Xmx2g --add-opens java.base/java.lang=ALL-UNNAMED -cp "$cp" org.astrobridge.ij.SampGuiCheck \
	"$work/field5.fits" "$root/models/mergers-sim-to-sdss-dann.zip" "$work/gui" 180 >"$work/gui.log" 2>"$work/gui.err" &
gui=$!
pids+=("$gui")
wait_listening "$work/gui.log" 120 || { echo "check-topcat-samp: Classify Objects did not finish (see $work/gui.err)" >&2; exit 1; }
sleep 2 # TOPCAT shows the table it has just loaded

# a scripted client (JSAMP's message sender) for a row list, since TOPCAT sends a subset only from its menus
url="file://$work/gui/field5_catalog.vot"
jsamp -mtype table.select.rowList -param url "$url" -param row-list '["0","2","5"]' -targetname AstroBridge \
	-mode sync -sendername "messagesender" | tr -d '\n' | sed 's/  */ /g; s/^/messagesender rowList reply: /; s/$/\n/'
sleep 1

# TOPCAT itself: open the table browser and the activation actions of the table just received, tick "Send row
# index", invoke it on the activated row, then click a row of the browser. Windows are found by title; the offsets
# inside them are those of TOPCAT 4.8.7's default layout (no window manager: windows stay where they are put).
# (awk reads all of xwininfo's output: an early exit would fail the pipe)
window() { xwininfo -root -tree | awk -v t="$1" '!w && index($0, t) && /"TOPCAT/ {w = $1} END {print w}'; }
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

# the screenshot: TOPCAT's windows (the catalogue received, the row activated, the action's "Successfully sent to
# AstroBridge") beside the image window with the selected object, each window captured on its own, 64 colours
imagewin=$(xwininfo -root -tree | awk '!w && /"field5.fits/ {w = $1} END {print w}')
[ -n "$imagewin" ] || { echo "check-topcat-samp: no image window" >&2; exit 1; }
xdotool windowmove --sync "$imagewin" 850 590
sleep 2
grab() { xwd -silent -id "$1" | xwdtopnm 2>/dev/null; }
grab "$control" >"$work/control.pnm"
grab "$browser" >"$work/browser.pnm"
grab "$actions" >"$work/actions.pnm"
grab "$imagewin" >"$work/image.pnm"
pnmcat -white -tb -jleft "$work/control.pnm" "$work/browser.pnm" >"$work/left.pnm"
pnmcat -white -tb -jleft "$work/actions.pnm" "$work/image.pnm" >"$work/right.pnm"
pnmcat -white -lr -jtop "$work/left.pnm" "$work/right.pnm" | pnmquant 64 2>/dev/null | pnmtopng -compression 9 >"$shot"
kill "$gui" 2>/dev/null || true
wait "$gui" 2>/dev/null || true
grep 'AstroBridge' "$work/gui.log" | sed "s|$work/||g"
for line in 'selection on field5.fits: 3 objects' 'selection on field5.fits: object 4 ' \
	'selection on field5.fits: object 7 '; do
	grep -q "$line" "$work/gui.log" || { echo "check-topcat-samp: no '$line' on the image" >&2; exit 1; }
done

echo "== headless: astrobridge samp --catalog out/field5_catalog.vot --listen 60, rows selected by a script"
"$ab" samp --catalog "$work/out/field5_catalog.vot" --listen 60 >"$work/listen.log" 2>&1 &
listener=$!
pids+=("$listener")
wait_listening "$work/listen.log" 60 || true # the messages below then fail, naming what did not arrive
url="file://$work/out/field5_catalog.vot"
jsamp -mtype table.highlight.row -param url "$url" -param row 3 -targetname AstroBridge -mode sync \
	-sendername "messagesender" >/dev/null
jsamp -mtype table.select.rowList -param url "$url" -param row-list '["0","2","5"]' -targetname AstroBridge \
	-mode sync -sendername "messagesender" >/dev/null
kill "$listener" 2>/dev/null || true
wait "$listener" 2>/dev/null || true
grep 'AstroBridge SAMP' "$work/listen.log" | sed "s|$work/||g"
for line in 'messagesender highlights row 3 of field5_catalog.vot' 'messagesender selects 3 rows of field5_catalog.vot'; do
	grep -q "$line" "$work/listen.log" || { echo "check-topcat-samp: AstroBridge did not log '$line'" >&2; exit 1; }
done
echo "== screenshot of TOPCAT's windows and the image window: $shot ($(stat -c %s "$shot") bytes)"
