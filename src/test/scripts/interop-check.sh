#!/usr/bin/env bash
# Interoperability check of the catalogue files with the Debian tools astronomers use: classifies two simulated
# fields in every catalogue format (and merges them with classify-folder), then
#  - astropy (python3-astropy) reads each file with Table.read, every warning turned into an error;
#  - STILTS (Debian package stilts) lists each file's columns with their units and UCDs.
# Usage: src/test/scripts/interop-check.sh [WORKDIR]
# Installs stilts, starlink-ecsv-java and python3-astropy with apt-get when missing; exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${1:-$(mktemp -d)}"
ab="$root/bin/astrobridge"
# STILTS reads ECSV only with starlink-ecsv-java, which apt installs with stilts as a recommendation
for pkg in stilts starlink-ecsv-java; do
	dpkg -s "$pkg" >/dev/null 2>&1 || apt-get install -y -q "$pkg" >/dev/null
done
if ! /usr/bin/python3 -c 'import astropy' 2>/dev/null; then
	apt-get install -y -q python3-astropy >/dev/null
fi
mkdir -p "$work/fields"
for seed in 5 6; do
	"$ab" simulate --task mergers --domain sdss --mode field --n 6 --fieldsize 200 --bands 1 --seed "$seed" \
		--output "$work/sim-$seed" >/dev/null
	cp "$work/sim-$seed/mergers_sdss_field.fits" "$work/fields/field$seed.fits"
done
"$ab" classify "$work/fields/field5.fits" --model "$root/models/mergers-sim-to-sdss-dann.zip" --out "$work/one" \
	--format fits,votable,ecsv,csv --threads 1 >/dev/null
"$ab" classify-folder --folder "$work/fields" --model "$root/models/mergers-sim-to-sdss-dann.zip" --out "$work/folder" \
	--format fits,votable,ecsv,csv --overlay false --threads 1 >/dev/null

files=("$work"/one/*_catalog.{fits,vot,ecsv,csv} "$work"/folder/merged_catalog.{fits,vot,ecsv,csv})
echo "== astropy $(/usr/bin/python3 -c 'import astropy; print(astropy.__version__)'): Table.read, warnings are errors"
/usr/bin/python3 - "${files[@]}" <<'PY'
import sys, warnings
from astropy.table import Table
for f in sys.argv[1:]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kw = {"format": "ascii.csv", "comment": "#"} if f.endswith(".csv") else {}
        t = Table.read(f, **kw)
    units = sorted({str(c.unit) for c in t.columns.values() if c.unit is not None})
    meta = [k for k in ("software", "SOFTWARE", "date", "DATE", "model", "MODEL", "image_sha256", "IMGSHA",
                        "ood_method", "OODMETH") if k in t.meta]
    if f.endswith(".vot"):
        # astropy keeps VOTable PARAMs on the parsed table, not in Table.meta
        from astropy.io.votable import parse_single_table
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            meta = [p.name for p in parse_single_table(f).params if p.name in ("software", "date", "model",
                    "image_sha256", "ood_method")]
    print(f"{f.split('/')[-2]}/{f.split('/')[-1]}: {len(t)} rows, {len(t.columns)} columns, units {units}, "
          f"provenance keys {meta}")
PY
echo "== STILTS $(stilts -version 2>&1 | grep -o 'STILTS version [^ ]*' | head -1): columns with units and UCDs, provenance"
for f in "$work"/one/*_catalog.{fits,vot,ecsv} "$work"/folder/merged_catalog.{fits,vot,ecsv}; do
	fmt=$([[ $f == *.ecsv ]] && echo ecsv || echo "(auto)")
	echo "-- ${f#"$work"/}"
	out=$(stilts tpipe in="$f" ifmt="$fmt" cmd='keepcols "x_image x_fits ra flux class p_merger ood"' \
		cmd='meta Name Units UCD' ofmt=text 2>&1)
	grep -E '^[|+]' <<<"$out"
	grep -E '^(IMGSHA|image_sha256|MODSHA|model_sha256|OODMETH|ood_method|OODTHR|ood_threshold|DATE|date):' <<<"$out"
done
