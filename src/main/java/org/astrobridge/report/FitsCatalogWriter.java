package org.astrobridge.report;

import java.io.IOException;
import java.nio.file.Path;
import org.astrobridge.fits.FitsReader;
import org.astrobridge.fits.FitsTable;
import org.astrobridge.fits.FitsWriter;

/**
 * Writes a catalogue as a FITS file: an empty primary HDU and one BINTABLE extension named {@value #EXTNAME} with a
 * column per catalogue column (double -> D, int -> J, string -> nA) and TUNITn from the column units. NaN doubles are
 * stored as IEEE NaN (what astropy and TOPCAT read as missing). The table API of org.astrobridge.fits has no header
 * cards of its own, so catalogue metadata (source image, model) is not stored in this file, except the line saying
 * why the image's WCS was refused, as COMMENT cards of the table.
 */
public final class FitsCatalogWriter {
    public static final String EXTNAME = "CATALOG";

    private FitsCatalogWriter() {
    }

    /** Writes completely or not at all (through {@link FitsWriter}); refuses to write over any of {@code inputs}. */
    public static void write(Catalog catalog, Path out, Path... inputs) throws IOException {
        SafeOutput.checkNotInput(out, inputs);
        FitsWriter.writeTables(out, toTable(catalog));
    }

    /** The catalogue as a FITS table (columns in catalogue order). */
    public static FitsTable toTable(Catalog catalog) {
        FitsTable t = new FitsTable(EXTNAME);
        String warning = catalog.metadata().get(Catalog.WCS_WARNING);
        if (warning != null) {
            t.addComment(warning);
        }
        for (Catalog.Column c : catalog.columns()) {
            switch (c.type()) {
                case DOUBLE -> t.addColumn(c.name(), catalog.doubleColumn(c.name()), c.unit());
                case INT -> t.addColumn(c.name(), catalog.intColumn(c.name()), c.unit());
                case STRING -> t.addColumn(c.name(), catalog.stringColumn(c.name()));
            }
        }
        return t;
    }

    /** Reads a catalogue back from the first binary table of a FITS file (units kept, descriptions empty). */
    public static Catalog read(Path file) throws IOException {
        return fromTable(FitsReader.readTable(file, null));
    }

    /** A catalogue holding a FITS binary table's columns and rows. */
    public static Catalog fromTable(FitsTable t) {
        Catalog cat = new Catalog();
        Object[] cols = new Object[t.columnNames().size()];
        int i = 0;
        for (String name : t.columnNames()) {
            String unit = t.unit(name);
            // FitsTable does not expose a column's type; ask for each kind in turn.
            try {
                cols[i] = t.intColumn(name);
                cat.addColumn(name, Catalog.Type.INT, unit, "");
            } catch (IllegalArgumentException notInt) {
                try {
                    cols[i] = t.doubleColumn(name);
                    cat.addColumn(name, Catalog.Type.DOUBLE, unit, "");
                } catch (IllegalArgumentException notDouble) {
                    cols[i] = t.stringColumn(name);
                    cat.addColumn(name, Catalog.Type.STRING, unit, "");
                }
            }
            i++;
        }
        for (int r = 0; r < t.rowCount(); r++) {
            Object[] row = new Object[cols.length];
            for (int c = 0; c < cols.length; c++) {
                Object col = cols[c];
                row[c] = col instanceof int[] a ? (Object) a[r] : col instanceof double[] d ? (Object) d[r]
                        : ((String[]) col)[r];
            }
            cat.addRow(row);
        }
        return cat;
    }
}
