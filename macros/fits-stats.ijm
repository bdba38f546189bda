// Opens a FITS file with AstroBridge and prints its size and pixel statistics.
// Headless: bin/astrobridge macro macros/fits-stats.ijm test-images/dss.14.29.56-62.41.05.fits.gz
// Argument: the FITS path, optionally followed by "|HDU" (e.g. "test-images/multi.fits|SCI,2").
arg = getArgument();
if (arg == "") arg = "test-images/dss.14.29.56-62.41.05.fits.gz";
parts = split(arg, "|");
options = "path=[" + parts[0] + "]";
if (parts.length > 1) options = options + " hdu=[" + parts[1] + "]";
run("Open FITS...", options);
getRawStatistics(nPixels, mean, min, max, std);
print("title=" + getTitle());
print("width=" + getWidth() + " height=" + getHeight() + " slices=" + nSlices);
print("pixels=" + nPixels);
print("sum=" + d2s(nPixels * mean, 3));
print("min=" + d2s(min, 3) + " max=" + d2s(max, 3) + " std=" + d2s(std, 3));
// FITS pixel (1,1) is shown at the bottom left
print("first=" + d2s(getPixel(0, getHeight() - 1), 3));
getPixelSize(unit, pw, ph);
print("pixel=" + d2s(pw, 4) + " " + unit);
