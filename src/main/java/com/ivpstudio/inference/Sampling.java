package com.ivpstudio.inference;

/**
 * The generator's randomness and truncation: z comes from {@code seed} (SplitMix64 + Box–Muller, see
 * docs/model-bundle.md), ψ is the truncation (null = the bundle's {@code default_psi}).
 */
public record Sampling(long seed, Double psi) {

    public Sampling {
        if (psi != null && (psi.isNaN() || psi < 0 || psi > 2)) {
            throw new IllegalArgumentException("psi must be within 0..2");
        }
    }

    public static Sampling defaults() {
        return new Sampling(0L, null);
    }

    public static Sampling seed(long seed) {
        return new Sampling(seed, null);
    }

    public Sampling withSeed(long newSeed) {
        return new Sampling(newSeed, psi);
    }
}
