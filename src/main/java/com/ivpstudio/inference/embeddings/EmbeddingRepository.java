package com.ivpstudio.inference.embeddings;

import com.ivpstudio.inference.LittleEndian;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Embeddings persisted in PostgreSQL (table inference_embedding, migration V5): κ of photos and prompts, and the
 * picture statistics (V79) and orientation probabilities (V80) of photos for a bundle's photo checks.
 */
public class EmbeddingRepository {

    public enum Kind { IMAGE, TEXT, PICTURE, ORIENTATION }

    private final JdbcClient jdbc;

    public EmbeddingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<float[]> find(String bundleSha256, Kind kind, String inputSha256) {
        return jdbc.sql("SELECT vector FROM inference_embedding WHERE bundle_sha256 = ? AND kind = ? AND input_sha256 = ?")
                .params(bundleSha256, kind.name(), inputSha256)
                .query((rs, i) -> LittleEndian.floats(rs.getBytes(1)))
                .optional();
    }

    void save(String bundleSha256, Kind kind, String inputSha256, String prompt, float[] vector) {
        jdbc.sql("INSERT INTO inference_embedding (bundle_sha256, kind, input_sha256, prompt, dim, vector) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(bundleSha256, kind.name(), inputSha256, prompt, vector.length, LittleEndian.bytes(vector))
                .update();
    }

    /** Removes every embedding computed with a bundle (normalised prompts included); returns the rows removed. */
    long deleteAll(String bundleSha256) {
        return jdbc.sql("DELETE FROM inference_embedding WHERE bundle_sha256 = ?").param(bundleSha256).update();
    }

    /** Rows stored for a bundle. */
    public long count(String bundleSha256) {
        return jdbc.sql("SELECT count(*) FROM inference_embedding WHERE bundle_sha256 = ?").param(bundleSha256)
                .query(Long.class).single();
    }
}
