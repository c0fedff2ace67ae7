package com.ivpstudio.inference;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A photo the engine can embed, without the engine knowing where photos are stored: the sha256 of its stored bytes
 * (the embedding caches' key, so a cached embedding costs no read of the image) and a way to read those bytes
 * (called only when the embedding has to be computed).
 */
public record PhotoReference(String sha256, Supplier<byte[]> bytes) implements EmbeddingSource {

    public PhotoReference {
        Objects.requireNonNull(sha256);
        Objects.requireNonNull(bytes);
    }

    /** A photo already in memory (JPEG or PNG bytes, EXIF-oriented). */
    public static PhotoReference of(byte[] photoBytes) {
        return new PhotoReference(Hashing.sha256(photoBytes), () -> photoBytes);
    }

    @Override
    public String toString() {
        return "PhotoReference[sha256 " + sha256 + "]";
    }
}
