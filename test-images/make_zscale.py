"""Writes test-images/EXPECTED-zscale.txt: astropy's ZScaleInterval limits (contrast 0.25, 1000 samples) of the
first image plane of some test files, to check org.astrobridge.ij.ZScale against.
Run with Debian's python3 (astropy 5.2): /usr/bin/python3 test-images/make_zscale.py"""
import os
import numpy as np
from astropy.io import fits
from astropy.visualization import ZScaleInterval
import astropy

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = [("dss.14.29.56-62.41.05.fits.gz", 0), ("o4sp040b0_raw.fits", 1), ("comp.fits", 1), ("arange.fits", 0)]

with open(os.path.join(HERE, "EXPECTED-zscale.txt"), "w") as out:
    out.write("# file hdu vmin vmax (astropy %s ZScaleInterval(), first plane, FITS row order)\n" % astropy.__version__)
    for name, hdu in FILES:
        with fits.open(os.path.join(HERE, name)) as f:
            data = f[hdu].data
            while data.ndim > 2:
                data = data[0]
            vmin, vmax = ZScaleInterval().get_limits(data)
            out.write("%s %d %.10g %.10g\n" % (name, hdu, vmin, vmax))
