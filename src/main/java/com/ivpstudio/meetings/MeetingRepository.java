package com.ivpstudio.meetings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Meetings, their participants and what the presenter shows. */
@Repository
class MeetingRepository {

    private static final String COLUMNS = "id, title, scheduled_at, status, presenter, created_by, created_at, started_at,"
            + " ended_at";

    private final JdbcClient jdbc;

    MeetingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String title, Instant scheduledAt, String presenter, String createdBy) {
        return jdbc.sql("INSERT INTO meeting (title, scheduled_at, presenter, created_by) VALUES (?, ?, ?, ?) RETURNING id")
                .param(title).param(Timestamp.from(scheduledAt)).param(presenter).param(createdBy)
                .query(Long.class).single();
    }

    void update(long id, String title, Instant scheduledAt) {
        jdbc.sql("UPDATE meeting SET title = ?, scheduled_at = ? WHERE id = ?")
                .param(title).param(Timestamp.from(scheduledAt)).param(id).update();
    }

    void replaceParticipants(long id, List<String> usernames) {
        jdbc.sql("DELETE FROM meeting_participant WHERE meeting_id = ?").param(id).update();
        for (String username : usernames) {
            jdbc.sql("INSERT INTO meeting_participant (meeting_id, username) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .param(id).param(username).update();
        }
    }

    Optional<Meeting> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM meeting WHERE id = ?").param(id)
                .query(this::meeting).optional();
    }

    /** Meetings the user takes part in (admins: all), soonest first within each status. */
    List<Meeting> visibleTo(String username, boolean admin) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM meeting m WHERE ? OR EXISTS (SELECT 1 FROM meeting_participant p"
                        + " WHERE p.meeting_id = m.id AND lower(p.username) = lower(?)) ORDER BY scheduled_at, id")
                .param(admin).param(username).query(this::meeting).list();
    }

    boolean isParticipant(long id, String username) {
        return jdbc.sql("SELECT count(*) FROM meeting_participant WHERE meeting_id = ? AND lower(username) = lower(?)")
                .param(id).param(username).query(Long.class).single() > 0;
    }

    void setStatus(long id, MeetingStatus status, Instant at) {
        String column = status == MeetingStatus.RUNNING ? "started_at" : "ended_at";
        jdbc.sql("UPDATE meeting SET status = ?, " + column + " = ? WHERE id = ?")
                .param(status.name()).param(Timestamp.from(at)).param(id).update();
    }

    void setPresenter(long id, String presenter) {
        jdbc.sql("UPDATE meeting SET presenter = ?, state_version = state_version + 1 WHERE id = ?")
                .param(presenter).param(id).update();
    }

    StageState stage(long id) {
        return jdbc.sql("SELECT id, current_position, current_snapshot_id, current_view, current_step, presenter,"
                        + " state_version FROM meeting WHERE id = ?").param(id)
                .query((rs, n) -> new StageState(rs.getLong(1), rs.getInt(2), (Long) rs.getObject(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getLong(7)))
                .single();
    }

    /** Moves the stage; returns the new version. */
    long move(long id, int position, Long snapshotId, String view, int step) {
        return jdbc.sql("UPDATE meeting SET current_position = ?, current_snapshot_id = ?, current_view = ?,"
                        + " current_step = ?, state_version = state_version + 1 WHERE id = ? RETURNING state_version")
                .param(position).param(snapshotId).param(view).param(step).param(id)
                .query(Long.class).single();
    }

    private Meeting meeting(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<String> participants = jdbc.sql("SELECT username FROM meeting_participant WHERE meeting_id = ? ORDER BY username")
                .param(id).query(String.class).list();
        return new Meeting(id, rs.getString("title"), instant(rs, "scheduled_at"),
                MeetingStatus.valueOf(rs.getString("status")), rs.getString("presenter"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "ended_at"), participants);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
