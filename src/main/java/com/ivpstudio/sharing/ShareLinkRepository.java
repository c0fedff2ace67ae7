package com.ivpstudio.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ShareLinkRepository {

    private static final String COLUMNS = "id, case_id, title, message, show_patient_code, passcode_hash, created_by, "
            + "created_at, expires_at, revoked_at, revoked_by, view_count, last_opened_at";

    private final JdbcClient jdbc;

    ShareLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String tokenSha256, long caseId, String title, String message, boolean showPatientCode,
            String passcodeHash, String createdBy, Instant createdAt, Instant expiresAt, List<Long> snapshotIds) {
        long id = jdbc.sql("""
                INSERT INTO share_link (token_sha256, case_id, title, message, show_patient_code, passcode_hash,
                                        created_by, created_at, expires_at)
                VALUES (:t, :c, :title, :m, :show, :p, :by, :at, :exp) RETURNING id""")
                .param("t", tokenSha256).param("c", caseId).param("title", title).param("m", message)
                .param("show", showPatientCode).param("p", passcodeHash).param("by", createdBy)
                .param("at", Timestamp.from(createdAt)).param("exp", Timestamp.from(expiresAt))
                .query(Long.class).single();
        for (int at = 0; at < snapshotIds.size(); at++) {
            jdbc.sql("INSERT INTO share_link_snapshot (link_id, position, snapshot_id) VALUES (:l, :p, :s)")
                    .param("l", id).param("p", at).param("s", snapshotIds.get(at)).update();
        }
        return id;
    }

    Optional<ShareLink> findByTokenHash(String tokenSha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM share_link WHERE token_sha256 = :t").param("t", tokenSha256)
                .query(this::map).optional();
    }

    Optional<ShareLink> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM share_link WHERE id = :id").param("id", id)
                .query(this::map).optional();
    }

    List<ShareLink> findByCase(long caseId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM share_link WHERE case_id = :c ORDER BY created_at DESC, id DESC")
                .param("c", caseId).query(this::map).list();
    }

    List<ShareLink> findActive(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM share_link WHERE revoked_at IS NULL AND expires_at > :now"
                        + " ORDER BY expires_at, id")
                .param("now", Timestamp.from(now)).query(this::map).list();
    }

    boolean revoke(long id, String by, Instant now) {
        return jdbc.sql("UPDATE share_link SET revoked_at = :now, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                .param("now", Timestamp.from(now)).param("by", by).param("id", id).update() == 1;
    }

    List<Long> revokeAllOfCase(long caseId, String by, Instant now) {
        return jdbc.sql("""
                UPDATE share_link SET revoked_at = :now, revoked_by = :by
                 WHERE case_id = :c AND revoked_at IS NULL AND expires_at > :now RETURNING id""")
                .param("now", Timestamp.from(now)).param("by", by).param("c", caseId).query(Long.class).list();
    }

    void extend(long id, Instant expiresAt) {
        jdbc.sql("UPDATE share_link SET expires_at = :e WHERE id = :id").param("e", Timestamp.from(expiresAt))
                .param("id", id).update();
    }

    void recordOpen(long linkId, String browser, String device, String clientIp, Instant now) {
        jdbc.sql("INSERT INTO share_open (link_id, opened_at, browser, device, client_ip) VALUES (:l, :at, :b, :d, :ip)")
                .param("l", linkId).param("at", Timestamp.from(now)).param("b", browser).param("d", device)
                .param("ip", clientIp).update();
        jdbc.sql("UPDATE share_link SET view_count = view_count + 1, last_opened_at = :at WHERE id = :l")
                .param("at", Timestamp.from(now)).param("l", linkId).update();
    }

    /** Erases kept client addresses recorded before {@code before}. */
    int eraseClientIps(Instant before) {
        return jdbc.sql("UPDATE share_open SET client_ip = NULL WHERE client_ip IS NOT NULL AND opened_at < :b")
                .param("b", Timestamp.from(before)).update();
    }

    private ShareLink map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<Long> snapshots = jdbc.sql("SELECT snapshot_id FROM share_link_snapshot WHERE link_id = :l ORDER BY position")
                .param("l", id).query(Long.class).list();
        return new ShareLink(id, rs.getLong("case_id"), rs.getString("title"), rs.getString("message"),
                rs.getBoolean("show_patient_code"), rs.getString("passcode_hash"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                rs.getString("revoked_by"), rs.getInt("view_count"), instant(rs, "last_opened_at"), snapshots);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
