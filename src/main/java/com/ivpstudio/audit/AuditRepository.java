package com.ivpstudio.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRepository {

    private static final String WHERE = """
             WHERE (CAST(:actor AS TEXT) IS NULL OR lower(actor) = lower(CAST(:actor AS TEXT)))
               AND (CAST(:action AS TEXT) IS NULL OR action = CAST(:action AS TEXT))
               AND (CAST(:caseId AS BIGINT) IS NULL OR case_id = CAST(:caseId AS BIGINT))
               AND (CAST(:from AS TIMESTAMPTZ) IS NULL OR occurred_at >= CAST(:from AS TIMESTAMPTZ))
               AND (CAST(:to AS TIMESTAMPTZ) IS NULL OR occurred_at < CAST(:to AS TIMESTAMPTZ))
            """;

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String actor, AuditAction action, Long caseId, String targetId, String detail) {
        jdbc.sql("INSERT INTO audit_event (actor, action, case_id, target_id, detail) VALUES (:a, :act, :c, :t, :d)")
                .param("a", actor)
                .param("act", action.name())
                .param("c", caseId)
                .param("t", targetId)
                .param("d", detail)
                .update();
    }

    List<AuditEvent> find(AuditFilter filter, int offset, int limit) {
        return bind(jdbc.sql("SELECT * FROM audit_event" + WHERE + " ORDER BY occurred_at DESC, id DESC OFFSET :o LIMIT :l"), filter)
                .param("o", offset)
                .param("l", limit)
                .query(AuditRepository::map)
                .list();
    }

    long count(AuditFilter filter) {
        return bind(jdbc.sql("SELECT count(*) FROM audit_event" + WHERE), filter).query(Long.class).single();
    }

    Stream<AuditEvent> stream(AuditFilter filter) {
        return bind(jdbc.sql("SELECT * FROM audit_event" + WHERE + " ORDER BY occurred_at DESC, id DESC"), filter)
                .query(AuditRepository::map)
                .stream();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, AuditFilter f) {
        return spec.param("actor", blankToNull(f.actor()))
                .param("action", f.action() == null ? null : f.action().name())
                .param("caseId", f.caseId())
                .param("from", f.from() == null ? null : Timestamp.from(f.from()))
                .param("to", f.to() == null ? null : Timestamp.from(f.to()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        // getObject, not getLong + wasNull: wasNull answers for the column read last, which made an empty case id 0.
        return new AuditEvent(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getObject("case_id", Long.class),
                rs.getString("target_id"),
                rs.getString("detail"));
    }
}
