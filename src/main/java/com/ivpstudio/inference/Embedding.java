package com.ivpstudio.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * A raw embedding κ (not normalised) computed by one bundle. It can only be used with that bundle (the service
 * throws {@link ModelChangedException} otherwise).
 *
 * @param bundleSha256 the bundle that computed it
 * @param source       what it was computed from: {@code photo:sha256:<hex>}, {@code text:<prompt>}, or a
 *                     derived description
 * @param vector       the values (do not modify)
 * @param pictureStatistics the photo's colour and brightness statistics for the bundle's second out-of-distribution
 *                     check; null for a prompt, a derived embedding, or a bundle without that check
 * @param orientation  the photo's four orientation probabilities ({@link PhotoOrientation}'s order) for the bundle's
 *                     orientation check; null likewise
 */
public record Embedding(String bundleSha256, String source, float[] vector, float[] pictureStatistics,
        float[] orientation) implements EmbeddingSource {

    public Embedding {
        Objects.requireNonNull(bundleSha256);
        Objects.requireNonNull(source);
        Objects.requireNonNull(vector);
    }

    /** An embedding without picture statistics or orientation. */
    public Embedding(String bundleSha256, String source, float[] vector) {
        this(bundleSha256, source, vector, null, null);
    }

    public int dimension() {
        return vector.length;
    }

    public double norm() {
        double s = 0;
        for (float v : vector) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** sha256 of the little-endian float32 values (identifies a derived embedding in provenance). */
    public String sha256() {
        return Hashing.sha256(LittleEndian.bytes(vector));
    }

    // the picture statistics and orientation follow from the source and the bundle, like the vector: they add
    // nothing to identity
    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && e.bundleSha256.equals(bundleSha256) && e.source.equals(source)
                && Arrays.equals(e.vector, vector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bundleSha256, source, Arrays.hashCode(vector));
    }

    @Override
    public String toString() {
        return "Embedding[" + source + ", dim " + vector.length + ", bundle " + bundleSha256.substring(0, 12) + "]";
    }
}
