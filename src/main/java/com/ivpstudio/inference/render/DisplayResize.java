package com.ivpstudio.inference.render;

/**
 * The generator's R×R square stretched to the display size (5:3 at height {@code max(2R, 240)}): bilinear,
 * align-corners false, edge clamp, in exact integer arithmetic so every machine makes the same pixels.
 */
public final class DisplayResize {

    static final int MIN_DISPLAY_HEIGHT = 240;

    private DisplayResize() {
    }

    public static int displayHeight(int r) {
        return Math.max(2 * r, MIN_DISPLAY_HEIGHT);
    }

    /** Bilinear resize (align-corners false, edge clamp) of RGB bytes. */
    static byte[] resize(byte[] rgb, int w, int h, int nw, int nh) {
        int[] packed = resizePacked(rgb, w, h, nw, nh);
        byte[] out = new byte[nw * nh * 3];
        for (int i = 0; i < packed.length; i++) {
            out[i * 3] = (byte) (packed[i] >> 16);
            out[i * 3 + 1] = (byte) (packed[i] >> 8);
            out[i * 3 + 2] = (byte) packed[i];
        }
        return out;
    }

    /**
     * Bilinear resize to packed 0xRRGGBB ints, in fixed point (weights in 1/256ths, exact integer arithmetic, so
     * the result is the same on every machine). Separable: each source row is interpolated horizontally once
     * (unrounded), then output rows blend two of those — the same integers as blending four pixels per output
     * pixel, with half the multiplications (this resize was the largest Java cost of a prediction).
     */
    static int[] resizePacked(byte[] rgb, int w, int h, int nw, int nh) {
        int[] x0 = new int[nw];
        int[] x1 = new int[nw];
        int[] wx = new int[nw];
        axis(w, nw, x0, x1, wx);
        int[] y0 = new int[nh];
        int[] y1 = new int[nh];
        int[] wy = new int[nh];
        axis(h, nh, y0, y1, wy);
        int rowLen = nw * 3;
        int[] horizontal = new int[h * rowLen];
        boolean[] needed = new boolean[h];
        for (int y = 0; y < nh; y++) {
            needed[y0[y]] = true;
            needed[y1[y]] = true;
        }
        for (int sy = 0; sy < h; sy++) {
            if (!needed[sy]) {
                continue;
            }
            int src = sy * w * 3;
            int dst = sy * rowLen;
            for (int x = 0; x < nw; x++) {
                int a = src + x0[x] * 3;
                int b = src + x1[x] * 3;
                int fx = wx[x];
                int o = dst + x * 3;
                for (int c = 0; c < 3; c++) {
                    horizontal[o + c] = (rgb[a + c] & 0xff) * (256 - fx) + (rgb[b + c] & 0xff) * fx;
                }
            }
        }
        int[] out = new int[nw * nh];
        for (int y = 0; y < nh; y++) {
            int top = y0[y] * rowLen;
            int bot = y1[y] * rowLen;
            int fy = wy[y];
            int gy = 256 - fy;
            int o = y * nw;
            for (int x = 0; x < nw; x++) {
                int i = x * 3;
                int r = (horizontal[top + i] * gy + horizontal[bot + i] * fy + (1 << 15)) >> 16;
                int g = (horizontal[top + i + 1] * gy + horizontal[bot + i + 1] * fy + (1 << 15)) >> 16;
                int b = (horizontal[top + i + 2] * gy + horizontal[bot + i + 2] * fy + (1 << 15)) >> 16;
                out[o + x] = (r << 16) | (g << 8) | b;
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] i0, int[] i1, int[] wt) {
        for (int i = 0; i < out; i++) {
            double f = Math.max(0, (i + 0.5) * in / out - 0.5);
            int a = Math.min((int) f, in - 1);
            i0[i] = a;
            i1[i] = Math.min(a + 1, in - 1);
            wt[i] = (int) Math.round((f - a) * 256);
        }
    }
}
