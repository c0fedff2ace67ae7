package com.ivpstudio.inference.embeddings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ivpstudio.inference.embeddings.EmbeddingRepository.Kind;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Embeddings kept for reuse, keyed by bundle sha256 + input sha256: in memory (Caffeine), then in PostgreSQL (so a
 * restart does not recompute them), else computed and stored in both. A failing database is logged and bypassed:
 * the embedding is then computed, never refused.
 */
public final class EmbeddingStore {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingStore.class);

    private final EmbeddingRepository repository;
    private final Cache<String, float[]> images;
    private final Cache<String, float[]> texts;
    private final Cache<String, float[]> readings;
    private final AtomicLong databaseHits = new AtomicLong();
    private final AtomicLong computed = new AtomicLong();

    /** @param jdbc the database of the PostgreSQL store, or null to keep embeddings in memory only */
    public EmbeddingStore(JdbcClient jdbc, long imageEntries, long textEntries) {
        this.repository = jdbc == null ? null : new EmbeddingRepository(jdbc);
        this.images = Caffeine.newBuilder().maximumSize(imageEntries).recordStats().build();
        this.texts = Caffeine.newBuilder().maximumSize(textEntries).recordStats().build();
        this.readings = Caffeine.newBuilder().maximumSize(2 * imageEntries).build();
    }

    /** κ of a photo under a bundle (dimension {@code dim}); {@code compute} runs only when no store has it. */
    public float[] photo(String bundleSha256, int dim, String photoSha256, Supplier<float[]> compute) {
        return images.get(bundleSha256 + ":" + photoSha256,
                k -> loadOrCompute(bundleSha256, dim, Kind.IMAGE, photoSha256, null, compute));
    }

    /**
     * What a bundle's photo check read from a photo ({@code dim} values): its picture statistics ({@link
     * Kind#PICTURE}) or its orientation probabilities ({@link Kind#ORIENTATION}).
     */
    public float[] photoReading(Kind kind, String bundleSha256, int dim, String photoSha256,
            Supplier<float[]> compute) {
        return readings.get(bundleSha256 + ":" + photoSha256 + ":" + kind,
                k -> loadOrCompute(bundleSha256, dim, kind, photoSha256, null, compute));
    }

    /** κ of a normalised prompt (kept with the row, for reading the database) whose sha256 is {@code promptSha256}. */
    public float[] text(String bundleSha256, int dim, String promptSha256, String prompt, Supplier<float[]> compute) {
        return texts.get(bundleSha256 + ":" + promptSha256,
                k -> loadOrCompute(bundleSha256, dim, Kind.TEXT, promptSha256, prompt, compute));
    }

    private float[] loadOrCompute(String bundle, int dim, Kind kind, String inputSha, String prompt,
            Supplier<float[]> compute) {
        if (repository != null) {
            try {
                Optional<float[]> stored = repository.find(bundle, kind, inputSha);
                if (stored.isPresent() && stored.get().length == dim) {
                    databaseHits.incrementAndGet();
                    return stored.get();
                }
            } catch (RuntimeException e) {
                log.warn("Embedding store read failed ({}); computing", e.toString());
            }
        }
        float[] v = compute.get();
        computed.incrementAndGet();
        if (repository != null) {
            try {
                repository.save(bundle, kind, inputSha, prompt, v);
            } catch (RuntimeException e) {
                log.warn("Embedding store write failed ({})", e.toString());
            }
        }
        return v;
    }

    public Cache<String, float[]> imageCache() {
        return images;
    }

    public Cache<String, float[]> textCache() {
        return texts;
    }

    /** Embeddings read from PostgreSQL instead of computed. */
    public long databaseHits() {
        return databaseHits.get();
    }

    public long computed() {
        return computed.get();
    }

    /**
     * Forgets everything computed with a bundle that is gone: its rows (which keep the normalised prompts) and its
     * cached vectors. Returns the rows removed.
     */
    public long forget(String bundleSha256) {
        String prefix = bundleSha256 + ":";
        images.asMap().keySet().removeIf(k -> k.startsWith(prefix));
        texts.asMap().keySet().removeIf(k -> k.startsWith(prefix));
        readings.asMap().keySet().removeIf(k -> k.startsWith(prefix));
        return repository == null ? 0 : repository.deleteAll(bundleSha256);
    }

    /** Empties the memory caches (PostgreSQL keeps its rows). */
    public void clearMemory() {
        images.invalidateAll();
        texts.invalidateAll();
        readings.invalidateAll();
    }
}
