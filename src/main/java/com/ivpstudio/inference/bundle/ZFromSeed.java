package com.ivpstudio.inference.bundle;

/** Latent z from a seed: {@code splitmix64-box-muller-v1} exactly as docs/model-bundle.md specifies. */
public final class ZFromSeed {

    public static final String ALGORITHM = "splitmix64-box-muller-v1";

    private long state;

    private ZFromSeed(long seed) {
        this.state = seed;
    }

    /** The first output of SplitMix64 for a seed (test vector). */
    static long firstOutput(long seed) {
        return new ZFromSeed(seed).next();
    }

    private long next() {
        state += 0x9E3779B97F4A7C15L;
        long x = state;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    private double nextDouble() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    /** z of length {@code zDim} for {@code seed} (a signed long reinterpreted as unsigned). */
    public static float[] z(long seed, int zDim) {
        ZFromSeed g = new ZFromSeed(seed);
        float[] z = new float[zDim];
        for (int k = 0; 2 * k < zDim; k++) {
            double u1 = g.nextDouble();
            double u2 = g.nextDouble();
            double r = Math.sqrt(-2 * Math.log(1 - u1));
            z[2 * k] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (2 * k + 1 < zDim) {
                z[2 * k + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return z;
    }
}
