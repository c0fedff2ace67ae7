package com.ivpstudio.inference.pixels;

/**
 * Post-processing of the generator (what DJL calls a translator's processOutput): its [3,R,R] output in [-1,1]
 * becomes RGB bytes exactly as the Python exporter rounds them, so Java and Python images are the same pixels.
 */
public final class GeneratorOutput {

    private GeneratorOutput() {
    }

    /** [3,R,R] floats in [-1,1] → R*R*3 RGB bytes: round((x+1)*127.5) (half to even, like torch) clamped. */
    public static byte[] toRgb(float[] chw, int r) {
        int n = r * r;
        byte[] rgb = new byte[n * 3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                float v = (float) Math.rint((chw[c * n + i] + 1f) * 127.5f);
                rgb[i * 3 + c] = (byte) (int) Math.max(0f, Math.min(255f, v));
            }
        }
        return rgb;
    }
}
