#!/usr/bin/env bash
# Installs the update site's files into Debian's plain ImageJ 1.x (apt package imagej) under a temporary HOME,
# checks that every AstroBridge command is registered once from plugins.config, and runs the install-check
# macro (open FITS files, train one epoch, classify a field) in batch mode under xvfb-run.
# Needs update-site/ and target/site-deps/ from `mvn -B verify`. Exit 0 only when the macro's own output says
# it finished (Debian's imagej wrapper exits 1 even on success).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="$root/update-site"
deps="$root/target/site-deps"

if ! command -v imagej >/dev/null || ! command -v xvfb-run >/dev/null; then
	apt-get install -y -q imagej xvfb xauth >/dev/null
fi
[ -f "$site/db.xml.gz" ] && [ -d "$deps" ] || { echo "check-plain-imagej: run 'mvn -B verify' first ($site/db.xml.gz or $deps missing)" >&2; exit 2; }

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
plugins="$home/.imagej/plugins"
mkdir -p "$plugins/jars"

# The site's current files (all platforms this machine runs: linux64): plugins/ stays plugins/, jars/ go to
# plugins/jars/ (ImageJ 1.x puts jars in plugins/ subfolders on its classpath).
/usr/bin/python3 - "$site" "$plugins" <<'PY'
import gzip, shutil, sys, xml.etree.ElementTree as ET
site, plugins = sys.argv[1], sys.argv[2]
for p in ET.fromstring(gzip.open(site + "/db.xml.gz").read()).iter("plugin"):
    v = p.find("version")
    platforms = [e.text for e in p.findall("platform")]
    if v is None or (platforms and "linux64" not in platforms):
        continue
    name = p.get("filename")
    dest = plugins + "/" + name.split("/")[-1] if name.startswith("plugins/") else plugins + "/jars/" + name.split("/")[-1]
    shutil.copyfile(site + "/" + name + "-" + v.get("timestamp"), dest)
    print("installed", name, "->", "~/.imagej/plugins" + dest[len(plugins):])
PY
# What Fiji provides and plain ImageJ lacks: SciJava (commands, parameters) and ImgLib2.
for a in scijava-common parsington imglib2; do cp "$deps/$a"-[0-9]*.jar "$plugins/jars/"; done

work="$home/work"
mkdir -p "$work"
cp "$root/test-images/dss.14.29.56-62.41.05.fits.gz" "$work/dss.fits.gz"
cp "$root/test-images/comp.fits" "$work/comp.fits"
cp "$root/src/test/resources/org/astrobridge/site/install-check.ijm" "$work/"
labels=$(sed -n 's/^[^#].*, "\(.*\)", org.astrobridge.ij.MacroCommandBridge.*/\1/p' "$root/src/main/resources/plugins.config")
{
	echo 'List.setCommands;'
	while IFS= read -r label; do
		echo "print(\"command [$label] -> \" + List.get(\"$label\"));"
	done <<< "$labels"
	echo "runMacro(\"$work/install-check.ijm\", \"$work\");"
	echo 'print("plain-imagej: done");'
} > "$work/check.ijm"

out="$work/out.txt"
start=$(date +%s)
HOME="$home" timeout 900 xvfb-run -a imagej -b "$work/check.ijm" > "$out" 2>&1 || true
echo "check-plain-imagej: ImageJ ran $(( $(date +%s) - start )) s"
grep -v '^\[\(Simulate\|Train\)' "$out" | grep -v '^\s*$' | grep -v 'saved_model\|absl\|cpu_feature_guard\|To enable the following\|mlir_graph' || true

ok=1
while IFS= read -r label; do
	grep -qF "command [$label] -> org.astrobridge.ij.MacroCommandBridge" "$out" || { echo "check-plain-imagej: '$label' not registered" >&2; ok=0; }
done <<< "$labels"
grep -q '^opened dss.fits.gz 100x100 min=2989 max=20136$' "$out" || ok=0
grep -q '^opened comp.fits 440x300 min=0 max=1037$' "$out" || ok=0
grep -q '^install-check: catalogue rows=[1-9]' "$out" || ok=0
grep -q '^plain-imagej: done$' "$out" || ok=0
if [ $ok = 1 ]; then echo "check-plain-imagej: PASS"; else echo "check-plain-imagej: FAIL" >&2; exit 1; fi
