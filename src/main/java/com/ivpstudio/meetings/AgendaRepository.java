package com.ivpstudio.meetings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agenda: cases in order, the snapshots to show, decisions, comments and what was shown. */
@Repository
class AgendaRepository {

    private static final String ITEM = "SELECT i.id, i.meeting_id, i.position, i.case_id, c.patient_code, i.discussed,"
            + " i.decision, i.decision_note, i.decided_by, i.decided_at FROM meeting_item i"
            + " JOIN patient_case c ON c.id = i.case_id ";

    private final JdbcClient jdbc;

    AgendaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AgendaItem> items(long meetingId) {
        return jdbc.sql(ITEM + "WHERE i.meeting_id = ? ORDER BY i.position").param(meetingId).query(this::mapItem).list();
    }

    Optional<AgendaItem> item(long itemId) {
        return jdbc.sql(ITEM + "WHERE i.id = ?").param(itemId).query(this::mapItem).optional();
    }

    /** Makes the agenda exactly {@code caseIds} in this order, keeping the items (and notes) of cases that stay. */
    void replaceAgenda(long meetingId, List<Long> caseIds) {
        jdbc.sql("DELETE FROM meeting_item WHERE meeting_id = ? AND NOT (case_id = ANY (?))")
                .param(meetingId).param(caseIds.toArray(Long[]::new)).update();
        for (int at = 0; at < caseIds.size(); at++) {
            jdbc.sql("INSERT INTO meeting_item (meeting_id, position, case_id) VALUES (?, ?, ?)"
                            + " ON CONFLICT (meeting_id, case_id) DO UPDATE SET position = EXCLUDED.position")
                    .param(meetingId).param(at).param(caseIds.get(at)).update();
        }
    }

    void replaceSnapshots(long itemId, List<Long> snapshotIds) {
        jdbc.sql("DELETE FROM meeting_item_snapshot WHERE item_id = ?").param(itemId).update();
        for (int at = 0; at < snapshotIds.size(); at++) {
            jdbc.sql("INSERT INTO meeting_item_snapshot (item_id, snapshot_id, position) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING").param(itemId).param(snapshotIds.get(at)).param(at).update();
        }
    }

    void markShown(long meetingId, long snapshotId) {
        jdbc.sql("INSERT INTO meeting_shown_snapshot (meeting_id, snapshot_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(meetingId).param(snapshotId).update();
    }

    List<Long> shownSnapshots(long meetingId) {
        return jdbc.sql("SELECT snapshot_id FROM meeting_shown_snapshot WHERE meeting_id = ? ORDER BY first_shown_at")
                .param(meetingId).query(Long.class).list();
    }

    void decide(long itemId, Decision decision, String note, String by, Instant at) {
        jdbc.sql("UPDATE meeting_item SET decision = ?, decision_note = ?, decided_by = ?, decided_at = ? WHERE id = ?")
                .param(decision.name()).param(note).param(by).param(Timestamp.from(at)).param(itemId).update();
    }

    void setDiscussed(long itemId, boolean discussed) {
        jdbc.sql("UPDATE meeting_item SET discussed = ? WHERE id = ?").param(discussed).param(itemId).update();
    }

    void addComment(long itemId, String author, String body, Instant at) {
        jdbc.sql("INSERT INTO meeting_comment (item_id, author, body, created_at) VALUES (?, ?, ?, ?)")
                .param(itemId).param(author).param(body).param(Timestamp.from(at)).update();
    }

    List<MeetingComment> comments(long itemId) {
        return jdbc.sql("SELECT id, item_id, author, body, created_at FROM meeting_comment WHERE item_id = ?"
                        + " ORDER BY created_at, id").param(itemId)
                .query((rs, n) -> new MeetingComment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        MeetingRepository.instant(rs, "created_at")))
                .list();
    }

    private AgendaItem mapItem(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<Long> snapshots = jdbc.sql("SELECT snapshot_id FROM meeting_item_snapshot WHERE item_id = ? ORDER BY position")
                .param(id).query(Long.class).list();
        String decision = rs.getString("decision");
        return new AgendaItem(id, rs.getLong("meeting_id"), rs.getInt("position"), rs.getLong("case_id"),
                rs.getString("patient_code"), rs.getBoolean("discussed"),
                decision == null ? null : Decision.valueOf(decision), rs.getString("decision_note"),
                rs.getString("decided_by"), MeetingRepository.instant(rs, "decided_at"), snapshots);
    }
}
