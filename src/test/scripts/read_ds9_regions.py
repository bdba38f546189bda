"""Reads a DS9 region file with astropy-regions and prints "regions=N"; any parser warning is an error (exit 1).
Used by Ds9RegionCommentsTest; run with Debian's python3 (apt-get install python3-regions):
    /usr/bin/python3 src/test/scripts/read_ds9_regions.py FILE.reg"""
import sys
import warnings

try:
    import regions
except ImportError:
    print("missing=python3-regions")
    sys.exit(3)

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        found = regions.Regions.read(sys.argv[1], format="ds9")
    except Exception as e:  # a warning turned error, or a parse failure
        print("error=%s" % e)
        sys.exit(1)
print("regions=%d" % len(found))
print("texts=%s" % "|".join(str(r.meta.get("text", "")) for r in found))
