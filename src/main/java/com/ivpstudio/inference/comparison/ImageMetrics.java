package com.ivpstudio.inference.comparison;

/** PSNR and SSIM as training/ivp_training/evaluate.py computes them (uint8 RGB, data range 255). */
final class ImageMetrics {

    private ImageMetrics() {
    }

    static double psnr(byte[] a, byte[] b) {
        double mse = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            mse += d * d;
        }
        mse /= a.length;
        return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-10));
    }

    /** Mean SSIM, Gaussian 11×11 σ 1.5 window (valid positions only), per RGB channel. */
    static double ssim(byte[] a, byte[] b, int w, int h) {
        int size = 11;
        if (w < size || h < size) {
            return Double.NaN;
        }
        double[] g1 = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = i - size / 2;
            g1[i] = Math.exp(-x * x / (2 * 1.5 * 1.5));
            sum += g1[i];
        }
        for (int i = 0; i < size; i++) {
            g1[i] /= sum;
        }
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        int ow = w - size + 1;
        int oh = h - size + 1;
        double total = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
                    for (int j = 0; j < size; j++) {
                        for (int i = 0; i < size; i++) {
                            double wt = g1[j] * g1[i];
                            int idx = ((y + j) * w + (x + i)) * 3 + c;
                            double va = a[idx] & 0xff;
                            double vb = b[idx] & 0xff;
                            ma += wt * va;
                            mb += wt * vb;
                            saa += wt * va * va;
                            sbb += wt * vb * vb;
                            sab += wt * va * vb;
                        }
                    }
                    saa -= ma * ma;
                    sbb -= mb * mb;
                    sab -= ma * mb;
                    total += ((2 * ma * mb + c1) * (2 * sab + c2)) / ((ma * ma + mb * mb + c1) * (saa + sbb + c2));
                }
            }
        }
        return total / (3.0 * ow * oh);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / (Math.max(Math.sqrt(na), 1e-8) * Math.max(Math.sqrt(nb), 1e-8));
    }
}
