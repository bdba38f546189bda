package org.astrobridge.detect;

/**
 * Natural cubic splines through mesh centres, continued linearly (with the end slope) beyond the first and last node,
 * so a background gradient is followed into the outer half meshes.
 */
final class Spline {
    private Spline() {
    }

    /** Second derivatives of the natural cubic spline through (x[k], y[k]); all zero for fewer than 3 nodes. */
    static double[] secondDerivatives(double[] x, double[] y) {
        int n = x.length;
        double[] y2 = new double[n];
        if (n < 3) {
            return y2;
        }
        double[] u = new double[n];
        for (int i = 1; i < n - 1; i++) {
            double sig = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
            double p = sig * y2[i - 1] + 2.0;
            y2[i] = (sig - 1.0) / p;
            double d = (y[i + 1] - y[i]) / (x[i + 1] - x[i]) - (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
            u[i] = (6.0 * d / (x[i + 1] - x[i - 1]) - sig * u[i - 1]) / p;
        }
        y2[n - 1] = 0;
        for (int k = n - 2; k >= 0; k--) {
            y2[k] = y2[k] * y2[k + 1] + u[k];
        }
        return y2;
    }

    static double eval(double[] x, double[] y, double[] y2, double t) {
        int n = x.length;
        if (n == 1 || t <= x[0] || t >= x[n - 1]) {
            return outside(x, y, y2, t);
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] > t) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return segment(x, y, y2, lo, t);
    }

    /** Evaluates at t = t0, t0+1, ..., t0+count-1 into out[off...]. */
    static void evalRange(double[] x, double[] y, double[] y2, int t0, int count, float[] out, int off) {
        int n = x.length;
        int c = 0;
        // Left of the first node, then each segment as a cubic in u = t - x[k], then right of the last node.
        while (c < count && (n == 1 || t0 + c <= x[0])) {
            out[off + c] = (float) outside(x, y, y2, t0 + c);
            c++;
        }
        for (int k = 0; k < n - 1 && c < count; k++) {
            double xk = x[k];
            double h = x[k + 1] - xk;
            double c1 = (y[k + 1] - y[k]) / h - h * (2 * y2[k] + y2[k + 1]) / 6.0;
            double c2 = 0.5 * y2[k];
            double c3 = (y2[k + 1] - y2[k]) / (6.0 * h);
            double yk = y[k];
            while (c < count && t0 + c < x[k + 1]) {
                double u = t0 + c - xk;
                out[off + c] = (float) (yk + u * (c1 + u * (c2 + u * c3)));
                c++;
            }
        }
        while (c < count) {
            out[off + c] = (float) outside(x, y, y2, t0 + c);
            c++;
        }
    }

    private static double outside(double[] x, double[] y, double[] y2, double t) {
        int n = x.length;
        if (n == 1) {
            return y[0];
        }
        if (t <= x[0]) {
            double h = x[1] - x[0];
            double slope = (y[1] - y[0]) / h - h * (2 * y2[0] + y2[1]) / 6.0;
            return y[0] + slope * (t - x[0]);
        }
        double h = x[n - 1] - x[n - 2];
        double slope = (y[n - 1] - y[n - 2]) / h + h * (y2[n - 2] + 2 * y2[n - 1]) / 6.0;
        return y[n - 1] + slope * (t - x[n - 1]);
    }

    private static double segment(double[] x, double[] y, double[] y2, int k, double t) {
        double h = x[k + 1] - x[k];
        double a = (x[k + 1] - t) / h;
        double b = (t - x[k]) / h;
        return a * y[k] + b * y[k + 1] + ((a * a * a - a) * y2[k] + (b * b * b - b) * y2[k + 1]) * (h * h) / 6.0;
    }
}
