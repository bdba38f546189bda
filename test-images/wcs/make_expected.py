"""Computes, with astropy, the expected sky positions for every WCS header in this folder (*.expected.txt).

Run with Debian's python3-astropy (5.2):  /usr/bin/python3 make_expected.py
The headers are astropy's own WCS test data (astropy/wcs/tests/data): maps/1904-66_*.hdr (one per projection of
WCS Paper II), tpvonly.hdr (TPV), irac_sip.hdr (SIP), zpn-hole.hdr (ZPN), dist_lookup.fits.gz (SIP + CPDIS +
D2IMDIS lookup tables, HDU SCI) and ie6d07ujq_wcs.fits (2-D D2IMDIS tables, primary HDU). The synthetic_*.hdr
headers were written with astropy for cases the maps lack: NCP itself, SIN with a slant, CAR with its fiducial point
moved (PV1_0..2), AIT with an oblique pole (LONPOLE/LATPOLE).

Each output line is "x y ra dec xback yback" with 0-based pixel coordinates (astropy origin=0): a grid over the
image reaching a quarter of the image beyond every edge, random points inside it, and for the headers without
distortion a coarse grid over +-380 x +-200 degrees of intermediate world coordinates, so that every projection's
invalid region is sampled. ra/dec are all_pix2world, "nan nan" where astropy gives no finite value; xback/yback are
all_world2pix of ra/dec (equal to x/y except where the projection is not one-to-one or, as CSC, only approximately
invertible). Random numbers are seeded, so the files are reproducible.
"""
import glob
import os
import warnings

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
GRID = 21
RANDOM = 200
WIDE = 17


def header_file(path):
    with open(path, "rb") as f:
        text = f.read().decode("ascii")
    return fits.Header.fromstring(text)


def sources():
    for path in sorted(glob.glob(os.path.join(HERE, "*.hdr"))):
        h = header_file(path)
        yield os.path.basename(path), h, WCS(h)
    with fits.open(os.path.join(HERE, "dist_lookup.fits.gz")) as f:
        h = f["SCI"].header
        yield "dist_lookup.fits.gz", h, WCS(h, f)
    with fits.open(os.path.join(HERE, "ie6d07ujq_wcs.fits")) as f:
        h = f[0].header
        # the primary HDU has no data; its tables describe a 4096 x 2048 ACS/WFC chip
        yield "ie6d07ujq_wcs.fits", h, WCS(h, f)


def add_wide_grid(w, x, y):
    """Pixels whose intermediate world coordinates cover -380..380 x -200..200 degrees (beyond every projection).

    The grid is shifted by an odd amount: round values such as x = -95 lie exactly on boundaries (HPX facets),
    where the last bit of rounding decides between inside and outside.
    """
    ix, iy = np.meshgrid(np.linspace(-380, 380, WIDE) + 0.3137, np.linspace(-200, 200, WIDE) + 0.2718)
    cd = w.wcs.get_pc() * w.wcs.get_cdelt()[:, None]
    pix = np.linalg.solve(cd, np.vstack([ix.ravel(), iy.ravel()])) + (w.wcs.crpix - 1)[:, None]
    return np.concatenate([x, pix[0]]), np.concatenate([y, pix[1]])


def main():
    rng = np.random.default_rng(20261130)
    for name, h, w in sources():
        nx = int(h.get("NAXIS1", 4096) or 4096)
        ny = int(h.get("NAXIS2", 2048) or 2048)
        gx = np.linspace(-0.25 * nx, 1.25 * nx - 1, GRID)
        gy = np.linspace(-0.25 * ny, 1.25 * ny - 1, GRID)
        xx, yy = np.meshgrid(gx, gy)
        x = np.concatenate([xx.ravel(), rng.uniform(-0.5, nx - 0.5, RANDOM)])
        y = np.concatenate([yy.ravel(), rng.uniform(-0.5, ny - 0.5, RANDOM)])
        if not w.has_distortion and "TPV" not in h["CTYPE1"]:
            x, y = add_wide_grid(w, x, y)
        sky = w.all_pix2world(np.column_stack([x, y]), 0)
        ok = np.all(np.isfinite(sky), axis=1)
        back = np.full_like(sky, np.nan)
        back[ok] = w.all_world2pix(sky[ok], 0, tolerance=1e-10, maxiter=200, quiet=True)
        rt = ok & (np.hypot(back[:, 0] - x, back[:, 1] - y) < 1e-6)
        ok_back = ok & np.all(np.isfinite(back), axis=1)
        out = os.path.join(HERE, name.split(".")[0] + ".expected.txt")
        with open(out, "w") as f:
            f.write("# astropy %s all_pix2world(origin=0) of %s; columns: x y ra dec xback yback\n"
                    % (__import__("astropy").__version__, name))
            for i in range(len(x)):
                f.write("%.10f %.10f %.11f %.11f %.10f %.10f\n" % (x[i], y[i], sky[i, 0], sky[i, 1], back[i, 0],
                                                                   back[i, 1]))
        print("%-24s %4d points, %4d finite, %4d back to the same pixel, %4d with no pixel back"
              % (name, len(x), ok.sum(), rt.sum(), (ok & ~ok_back).sum()))


if __name__ == "__main__":
    main()
