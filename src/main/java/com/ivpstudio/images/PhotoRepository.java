package com.ivpstudio.images;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PhotoRepository {

    private final JdbcClient jdbc;

    PhotoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(long caseId, String sha256) {
        return jdbc.sql("SELECT count(*) FROM photo WHERE case_id = :c AND sha256 = :s")
                .param("c", caseId).param("s", sha256).query(Long.class).single() > 0;
    }

    long insert(long caseId, PhotoDetails details, SanitizedPhoto photo, String user) {
        long id = jdbc.sql("""
                INSERT INTO photo (case_id, kind, label, captured_on, content_type, sha256, byte_size, width, height,
                                   synthetic, uploaded_by)
                VALUES (:c, :k, :l, :d, :ct, :s, :b, :w, :h, :syn, :u) RETURNING id""")
                .param("c", caseId)
                .param("k", details.kind().name())
                .param("l", details.label())
                .param("d", details.capturedOn())
                .param("ct", photo.format().contentType())
                .param("s", photo.sha256())
                .param("b", photo.bytes().length)
                .param("w", photo.width())
                .param("h", photo.height())
                .param("syn", details.synthetic())
                .param("u", user)
                .query(Long.class).single();
        jdbc.sql("INSERT INTO photo_content (photo_id, image, thumbnail) VALUES (:id, :i, :t)")
                .param("id", id).param("i", photo.bytes()).param("t", photo.thumbnail()).update();
        return id;
    }

    List<Photo> findByCase(long caseId) {
        return jdbc.sql("SELECT * FROM photo WHERE case_id = :c ORDER BY captured_on, kind, id")
                .param("c", caseId).query(PhotoRepository::map).list();
    }

    Optional<Photo> findById(long id) {
        return jdbc.sql("SELECT * FROM photo WHERE id = :id").param("id", id).query(PhotoRepository::map).optional();
    }

    Optional<byte[]> image(long id) {
        return jdbc.sql("SELECT image FROM photo_content WHERE photo_id = :id").param("id", id).query(byte[].class).optional();
    }

    Optional<byte[]> thumbnail(long id) {
        return jdbc.sql("SELECT thumbnail FROM photo_content WHERE photo_id = :id").param("id", id).query(byte[].class).optional();
    }

    /** Removes the photo and (by cascade) its bytes; returns whether a row was removed. */
    boolean delete(long id) {
        return jdbc.sql("DELETE FROM photo WHERE id = :id").param("id", id).update() > 0;
    }

    long countAll() {
        return jdbc.sql("SELECT count(*) FROM photo").query(Long.class).single();
    }

    private static Photo map(ResultSet rs, int row) throws SQLException {
        return new Photo(
                rs.getLong("id"),
                rs.getLong("case_id"),
                PhotoKind.valueOf(rs.getString("kind")),
                rs.getString("label"),
                rs.getDate("captured_on").toLocalDate(),
                rs.getString("content_type"),
                rs.getString("sha256"),
                rs.getInt("byte_size"),
                rs.getInt("width"),
                rs.getInt("height"),
                rs.getBoolean("synthetic"),
                rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }
}
