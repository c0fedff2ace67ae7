package com.ivpstudio.snapshots;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SnapshotRepository {

    private static final String COLUMNS = "id, case_id, title, kind, operation, bundle_id, bundle_version, bundle_sha256,"
            + " provenance, image_count, created_by, created_at";
    private static final RowMapper<Snapshot> ROW = (rs, i) -> new Snapshot(rs.getLong(1), rs.getLong(2),
            rs.getString(3), SnapshotKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
            rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11),
            rs.getTimestamp(12).toInstant());

    private final JdbcClient jdbc;

    SnapshotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long caseId, String title, SnapshotKind kind, String operation, String bundleId, String bundleVersion,
            String bundleSha256, String provenance, int imageCount, String createdBy, java.time.Instant createdAt) {
        return jdbc.sql("""
                INSERT INTO snapshot (case_id, title, kind, operation, bundle_id, bundle_version, bundle_sha256,
                                      provenance, image_count, created_by, created_at)
                VALUES (:c, :t, :k, :o, :bi, :bv, :bs, :p, :n, :u, :at) RETURNING id""")
                .param("c", caseId).param("t", title).param("k", kind.name()).param("o", operation)
                .param("bi", bundleId).param("bv", bundleVersion).param("bs", bundleSha256).param("p", provenance)
                .param("n", imageCount).param("u", createdBy).param("at", Timestamp.from(createdAt))
                .query(Long.class).single();
    }

    void insertImage(long snapshotId, SnapshotImage image, String sha256) {
        jdbc.sql("""
                INSERT INTO snapshot_image (snapshot_id, position, label, view, content_type, image, image_sha256, provenance)
                VALUES (:s, :p, :l, :v, :ct, :img, :sha, :prov)""")
                .param("s", snapshotId).param("p", image.position()).param("l", image.label())
                .param("v", image.view()).param("ct", image.contentType()).param("img", image.bytes())
                .param("sha", sha256).param("prov", image.provenanceJson())
                .update();
    }

    void insertInputPhoto(long snapshotId, SnapshotInputPhoto photo) {
        jdbc.sql("""
                INSERT INTO snapshot_input_photo (snapshot_id, photo_id, label, content_type, image, image_sha256, thumbnail)
                VALUES (:s, :p, :l, :ct, :img, :sha, :th)""")
                .param("s", snapshotId).param("p", photo.photoId()).param("l", photo.label())
                .param("ct", photo.contentType()).param("img", photo.image()).param("sha", photo.imageSha256())
                .param("th", photo.thumbnail())
                .update();
    }

    Optional<SnapshotInputPhoto> inputPhoto(long snapshotId) {
        return jdbc.sql("""
                SELECT photo_id, label, content_type, image, image_sha256, thumbnail FROM snapshot_input_photo
                WHERE snapshot_id = :s""")
                .param("s", snapshotId)
                .query((rs, i) -> new SnapshotInputPhoto(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getBytes(4), rs.getString(5), rs.getBytes(6)))
                .optional();
    }

    List<Snapshot> findByCase(long caseId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM snapshot WHERE case_id = :c ORDER BY created_at DESC, id DESC")
                .param("c", caseId).query(ROW).list();
    }

    Optional<Snapshot> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM snapshot WHERE id = :id").param("id", id).query(ROW).optional();
    }

    List<SnapshotImage> images(long snapshotId) {
        return jdbc.sql("""
                SELECT position, label, view, content_type, image, provenance FROM snapshot_image
                WHERE snapshot_id = :s ORDER BY position""")
                .param("s", snapshotId)
                .query((rs, i) -> new SnapshotImage(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5), rs.getString(6)))
                .list();
    }

    long countByBundle(String bundleSha256) {
        return jdbc.sql("SELECT count(*) FROM snapshot WHERE bundle_sha256 = :s").param("s", bundleSha256)
                .query(Long.class).single();
    }
}
