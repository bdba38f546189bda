"""Makes the synthetic FITS files in this folder and EXPECTED-synthetic.txt (values from astropy).

Run with Debian's python3-astropy (5.2):  /usr/bin/python3 make_synthetic.py
Random numbers are seeded, so the files are reproducible.
"""
import gzip
import os
import shutil
import subprocess
import warnings

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS

warnings.simplefilter("ignore")
rng = np.random.default_rng(20240601)
rows = []


def wcs_header(ctype, crval, extra=None):
    h = fits.Header()
    h["CTYPE1"] = "RA---" + ctype
    h["CTYPE2"] = "DEC--" + ctype
    h["CRPIX1"] = 30.5
    h["CRPIX2"] = 20.0
    h["CRVAL1"] = crval[0]
    h["CRVAL2"] = crval[1]
    h["CD1_1"] = -0.02
    h["CD1_2"] = 0.003
    h["CD2_1"] = 0.004
    h["CD2_2"] = 0.021
    for k, v in (extra or {}).items():
        h[k] = v
    return h


def record(name, index):
    with fits.open(name) as f:
        hdu = f[index]
        data = np.asarray(hdu.data, dtype=np.float64)
        stored = hdu.header.get("ZBITPIX", hdu.header["BITPIX"])
        bitpix = -32 if hdu.header.get("BSCALE", 1.0) != 1.0 else stored
        flat = data.ravel()
        fin = np.isfinite(flat)
        fmt = lambda v: "nan" if not np.isfinite(v) else repr(float(v))
        cols = [name, "hdu=%d" % index, "extname=%s" % (hdu.name or "PRIMARY"),
                "shape=" + "x".join(str(n) for n in data.shape), "bitpix=%d" % bitpix,
                "finite=%d" % fin.sum(), "nan=%d" % (~fin).sum(), "sum=" + fmt(flat[fin].sum()),
                "min=" + fmt(flat[fin].min() if fin.any() else np.nan),
                "max=" + fmt(flat[fin].max() if fin.any() else np.nan),
                "first=" + fmt(flat[0]), "last=" + fmt(flat[-1])]
        if "CTYPE1" in hdu.header and hdu.header["CTYPE1"].startswith("RA"):
            w = WCS(hdu.header)
            ny, nx = data.shape[-2:]
            for x, y in ((0, 0), (nx - 1, ny - 1), ((nx - 1) / 2, 3.25)):
                ra, dec = w.all_pix2world([[x, y]], 0)[0]
                cols.append("sky(%r,%r)=%.10f,%.10f" % (float(x), float(y), ra, dec))
        rows.append("\t".join(cols))


def noise(shape, scale=100.0):
    return (rng.normal(1000.0, scale, size=shape)).astype(np.float32)


# every BITPIX, with scaling and BLANK
img8 = rng.integers(0, 255, size=(48, 64)).astype(np.uint8)
h = fits.Header()
h["BLANK"] = 7
fits.PrimaryHDU(img8, header=h).writeto("bitpix8.fits", overwrite=True)
record("bitpix8.fits", 0)

img16 = rng.integers(-3000, 3000, size=(48, 64)).astype(np.int16)
img16[5, 7] = -32768
hdu = fits.PrimaryHDU(img16, header=wcs_header("TAN", (150.1, 2.2)))
hdu.header["BLANK"] = -32768
hdu.header["BSCALE"] = 0.5
hdu.header["BZERO"] = 100.0
hdu.writeto("bitpix16_scaled.fits", overwrite=True)
record("bitpix16_scaled.fits", 0)

img32 = rng.integers(-2**30, 2**30, size=(48, 64)).astype(np.int32)
fits.PrimaryHDU(img32).writeto("bitpix32.fits", overwrite=True)
record("bitpix32.fits", 0)

img64 = rng.integers(-2**40, 2**40, size=(48, 64)).astype(np.int64)
fits.PrimaryHDU(img64).writeto("bitpix64.fits", overwrite=True)
record("bitpix64.fits", 0)

imgd = rng.normal(0, 1e5, size=(48, 64))
imgd[0, 3] = np.nan
fits.PrimaryHDU(imgd).writeto("bitpix-64.fits", overwrite=True)
record("bitpix-64.fits", 0)

# projections, each as astropy (wcslib) computes them
projections = {"SIN": (45.0, 30.0), "ARC": (200.0, -40.0), "ZEA": (10.0, 80.0), "STG": (300.0, -60.0),
               "CAR": (120.0, 0.0), "AIT": (266.4, -28.9), "MER": (33.0, 0.0), "SFL": (80.0, 0.0)}
primary = fits.PrimaryHDU()
hdus = [primary]
for proj, crval in projections.items():
    hdus.append(fits.ImageHDU(noise((48, 64)), header=wcs_header(proj, crval), name=proj))
fits.HDUList(hdus).writeto("projections.fits", overwrite=True)
for i in range(1, len(hdus)):
    record("projections.fits", i)

# CAR with a reference point off the equator: needs LONPOLE/LATPOLE defaults of paper II
h = wcs_header("CAR", (120.0, 35.0))
fits.PrimaryHDU(noise((48, 64)), header=h).writeto("car_offset.fits", overwrite=True)
record("car_offset.fits", 0)

# TAN-SIP with forward and inverse polynomials
sip = wcs_header("TAN-SIP", (150.0, 2.0), {"A_ORDER": 2, "A_2_0": 2.0e-4, "A_0_2": -1.0e-4, "A_1_1": 5.0e-5,
                                            "B_ORDER": 2, "B_2_0": -3.0e-5, "B_0_2": 1.5e-4, "B_1_1": 2.0e-5})
fits.PrimaryHDU(noise((48, 64)), header=sip).writeto("sip.fits", overwrite=True)
record("sip.fits", 0)

# 4-D image with a degenerate third axis, and a cube
fits.PrimaryHDU(noise((3, 1, 48, 64))).writeto("fourd_degenerate.fits", overwrite=True)
record("fourd_degenerate.fits", 0)
fits.PrimaryHDU(noise((2, 3, 24, 32))).writeto("fourd.fits", overwrite=True)
record("fourd.fits", 0)

# tile compression, each algorithm; quantized floats with NaNs (ZBLANK)
flt = noise((48, 64))
flt[10, 10:20] = np.nan
ints = rng.integers(0, 4000, size=(48, 64)).astype(np.int16)
ints[3, 3] = -999
comp = [fits.PrimaryHDU()]
comp.append(fits.CompImageHDU(ints, compression_type="GZIP_1", name="GZIP1_INT"))
comp.append(fits.CompImageHDU(ints, compression_type="GZIP_2", name="GZIP2_INT"))
comp.append(fits.CompImageHDU(ints, compression_type="HCOMPRESS_1", name="HCOMP_INT", tile_shape=(16, 16)))
comp.append(fits.CompImageHDU(np.abs(ints).astype(np.int32), compression_type="PLIO_1", name="PLIO_INT"))
comp.append(fits.CompImageHDU(noise((3, 24, 32)), compression_type="GZIP_2", name="CUBE_FLOAT",
                              tile_shape=(1, 10, 32), quantize_method=2))
fits.HDUList(comp).writeto("compressed.fits.fz", overwrite=True)
for i in range(1, len(comp)):
    record("compressed.fits.fz", i)

# quantized floats with NaNs through cfitsio's fpack (astropy 5.2 does not restore ZBLANK nulls itself);
# the expected values come from the funpacked copy
fits.PrimaryHDU(flt).writeto("rice_float_src.fits", overwrite=True)
if os.path.exists("rice_float.fits.fz"):
    os.remove("rice_float.fits.fz")
subprocess.run(["fpack", "-r", "-q", "4", "-O", "rice_float.fits.fz", "rice_float_src.fits"], check=True)
subprocess.run(["funpack", "-O", "rice_float_unpacked.fits", "rice_float.fits.fz"], check=True)
record("rice_float_unpacked.fits", 0)
rows[-1] = rows[-1].replace("rice_float_unpacked.fits\thdu=0", "rice_float.fits.fz\thdu=1")
rows[-1] = rows[-1].replace("extname=PRIMARY", "extname=COMPRESSED_IMAGE")
os.remove("rice_float_src.fits")
os.remove("rice_float_unpacked.fits")

# a multi-extension file gzip-compressed as a whole
with open("multi_ext.fits", "wb") as f:
    fits.HDUList([fits.PrimaryHDU(), fits.ImageHDU(noise((20, 30)), name="SCI", ver=1),
                  fits.ImageHDU(noise((20, 30)), name="SCI", ver=2)]).writeto(f)
with open("multi_ext.fits", "rb") as src, gzip.open("multi_ext.fits.gz", "wb") as dst:
    shutil.copyfileobj(src, dst)
os.remove("multi_ext.fits")
for i in (1, 2):
    record("multi_ext.fits.gz", i)

# random groups (not an image)
gdata = fits.GroupData(np.arange(12, dtype=np.float32).reshape(3, 1, 2, 2), parnames=["abc"],
                       pardata=[np.arange(3, dtype=np.float32)], bitpix=-32)
fits.GroupsHDU(gdata).writeto("random_groups.fits", overwrite=True)

with open("EXPECTED-synthetic.txt", "w") as f:
    f.write("# made by make_synthetic.py with astropy; same columns as EXPECTED.txt\n")
    f.write("\n".join(rows) + "\n")
    f.write("random_groups.fits\tNO_IMAGE_HDU\n")
