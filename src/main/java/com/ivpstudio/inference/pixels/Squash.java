package com.ivpstudio.inference.pixels;

/** The downscale training used to squash the 5:3 photos to the model's R×R square. */
final class Squash {

    private Squash() {
    }

    /**
     * Downscale with a triangle (bilinear) filter whose support grows with the scale (like PIL's BILINEAR resize,
     * which training used to squash the 5:3 photos to R×R).
     */
    static byte[] squash(byte[] rgb, int w, int h, int nw, int nh) {
        double[] tmp = new double[nw * h * 3];
        resample1d(rgb, null, w, h, nw, true, tmp);
        double[] out = new double[nw * nh * 3];
        resample1d(null, tmp, nw, h, nh, false, out);
        byte[] b = new byte[out.length];
        for (int i = 0; i < out.length; i++) {
            b[i] = (byte) (int) Math.max(0, Math.min(255, Math.round(out[i])));
        }
        return b;
    }

    private static void resample1d(byte[] srcB, double[] srcD, int w, int h, int n, boolean horizontal, double[] dst) {
        int in = horizontal ? w : h;
        double scale = (double) in / n;
        double support = Math.max(scale, 1.0);
        for (int i = 0; i < n; i++) {
            double center = (i + 0.5) * scale;
            int lo = Math.max((int) Math.floor(center - support), 0);
            int hi = Math.min((int) Math.ceil(center + support), in);
            double[] wts = new double[hi - lo];
            double sum = 0;
            for (int j = lo; j < hi; j++) {
                double t = Math.abs((j + 0.5 - center) / support);
                double wt = t < 1 ? 1 - t : 0;
                wts[j - lo] = wt;
                sum += wt;
            }
            if (sum == 0) {
                int j = Math.min(Math.max((int) center, 0), in - 1);
                lo = j;
                wts = new double[] {1};
                sum = 1;
            }
            int lines = horizontal ? h : w;
            for (int line = 0; line < lines; line++) {
                for (int c = 0; c < 3; c++) {
                    double acc = 0;
                    for (int k = 0; k < wts.length; k++) {
                        int j = lo + k;
                        int idx = horizontal ? (line * w + j) * 3 + c : (j * w + line) * 3 + c;
                        double v = srcB != null ? (srcB[idx] & 0xff) : srcD[idx];
                        acc += v * wts[k];
                    }
                    int o = horizontal ? (line * n + i) * 3 + c : (i * w + line) * 3 + c;
                    dst[o] = acc / sum;
                }
            }
        }
    }
}
