package com.ivpstudio.models;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ModelRepository {

    private static final String COLUMNS = """
            id, bundle_id, name, version, manifest_sha256, archive_sha256, size_bytes, synthetic, source, status,
            manifest::text AS manifest_json, uploaded_by, uploaded_at, retired_at,
            flag_reason, flag_message, flagged_at""";

    private final JdbcClient jdbc;

    ModelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ModelBundle> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_bundle ORDER BY uploaded_at DESC, id DESC")
                .query(ModelRepository::bundle).list();
    }

    Optional<ModelBundle> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_bundle WHERE id = :id").param("id", id)
                .query(ModelRepository::bundle).optional();
    }

    Optional<ModelBundle> findBySha(String sha) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_bundle WHERE manifest_sha256 = :sha").param("sha", sha)
                .query(ModelRepository::bundle).optional();
    }

    Optional<ModelBundle> active() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_bundle WHERE status = 'ACTIVE'")
                .query(ModelRepository::bundle).optional();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM model_bundle").query(Long.class).single();
    }

    long insert(ManifestFiles manifest, String archiveSha, long size, String source, ModelStatus status,
            String uploadedBy) {
        var m = manifest.json();
        return jdbc.sql("""
                INSERT INTO model_bundle (bundle_id, name, version, manifest_sha256, archive_sha256, size_bytes,
                                          synthetic, source, status, manifest, uploaded_by)
                VALUES (:bundleId, :name, :version, :sha, :archiveSha, :size, :synthetic, :source, :status,
                        CAST(:manifest AS jsonb), :by)
                RETURNING id""")
                .param("bundleId", m.path("id").asText()).param("name", m.path("name").asText())
                .param("version", m.path("version").asText()).param("sha", manifest.sha256())
                .param("archiveSha", archiveSha).param("size", size).param("synthetic", m.path("synthetic").asBoolean())
                .param("source", source).param("status", status.name()).param("manifest", manifest.text())
                .param("by", uploadedBy)
                .query(Long.class).single();
    }

    void setStatus(long id, ModelStatus status) {
        jdbc.sql("""
                UPDATE model_bundle SET status = :status,
                       retired_at = CASE WHEN :status = 'RETIRED' THEN now() ELSE NULL END
                WHERE id = :id""")
                .param("status", status.name()).param("id", id).update();
    }

    void demoteActive() {
        jdbc.sql("UPDATE model_bundle SET status = 'AVAILABLE' WHERE status = 'ACTIVE'").update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM model_bundle WHERE id = :id").param("id", id).update();
    }

    void insertActivation(Long bundleId, Long previousId, String sha, String label, String kind, String by,
            Long durationMs) {
        jdbc.sql("""
                INSERT INTO model_activation (model_bundle_id, previous_bundle_id, manifest_sha256, label, kind,
                                              activated_by, duration_ms)
                VALUES (:bundle, :previous, :sha, :label, :kind, :by, :ms)""")
                .param("bundle", bundleId).param("previous", previousId).param("sha", sha).param("label", label)
                .param("kind", kind).param("by", by).param("ms", durationMs).update();
    }

    List<ModelActivation> history(int limit) {
        return jdbc.sql("""
                SELECT id, model_bundle_id, previous_bundle_id, manifest_sha256, label, kind, activated_by,
                       activated_at, duration_ms
                FROM model_activation ORDER BY activated_at DESC, id DESC LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new ModelActivation(rs.getLong("id"), (Long) rs.getObject("model_bundle_id"),
                        (Long) rs.getObject("previous_bundle_id"), rs.getString("manifest_sha256"),
                        rs.getString("label"), rs.getString("kind"), rs.getString("activated_by"),
                        rs.getTimestamp("activated_at").toInstant(), (Long) rs.getObject("duration_ms")))
                .list();
    }

    /** The bundle that was active before the current activation of {@code bundleId}. */
    Optional<Long> previousOf(long bundleId) {
        return jdbc.sql("""
                SELECT previous_bundle_id FROM model_activation
                WHERE model_bundle_id = :id ORDER BY activated_at DESC, id DESC LIMIT 1""")
                .param("id", bundleId).query((rs, n) -> (Long) rs.getObject(1)).optional()
                .flatMap(Optional::ofNullable);
    }

    /** Flags a bundle (keeps the first flagging time while the reason stays); {@code null} clears the flag. */
    void setFlag(long id, RefusalReason reason, String message) {
        jdbc.sql("""
                UPDATE model_bundle SET flag_reason = CAST(:reason AS VARCHAR),
                       flag_message = CAST(:message AS VARCHAR),
                       flagged_at = CASE WHEN CAST(:reason AS VARCHAR) IS NULL THEN NULL
                                         WHEN flag_reason = CAST(:reason AS VARCHAR) THEN flagged_at ELSE now() END
                WHERE id = :id""")
                .param("reason", reason == null ? null : reason.name()).param("message", message).param("id", id)
                .update();
    }

    private static ModelBundle bundle(ResultSet rs, int n) throws SQLException {
        Timestamp retired = rs.getTimestamp("retired_at");
        String flagReason = rs.getString("flag_reason");
        ModelBundle.Flag flag = flagReason == null ? null : new ModelBundle.Flag(RefusalReason.valueOf(flagReason),
                rs.getString("flag_message"), rs.getTimestamp("flagged_at").toInstant());
        return new ModelBundle(rs.getLong("id"), rs.getString("bundle_id"), rs.getString("name"),
                rs.getString("version"), rs.getString("manifest_sha256"), rs.getString("archive_sha256"),
                rs.getLong("size_bytes"), rs.getBoolean("synthetic"), rs.getString("source"),
                ModelStatus.valueOf(rs.getString("status")), rs.getString("manifest_json"),
                rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant(),
                retired == null ? null : retired.toInstant(), flag);
    }
}
