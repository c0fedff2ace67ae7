package com.ivpstudio.meetings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who has a meeting open now (one row per screen) and who ever joined it (attendance for the minutes). */
@Repository
class PresenceRepository {

    private final JdbcClient jdbc;

    PresenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void join(String clientId, long meetingId, String username, String nodeId) {
        jdbc.sql("INSERT INTO meeting_presence (client_id, meeting_id, username, node_id) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (client_id) DO UPDATE SET following = TRUE, node_id = EXCLUDED.node_id")
                .param(clientId).param(meetingId).param(username).param(nodeId).update();
        jdbc.sql("INSERT INTO meeting_attendance (meeting_id, username) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(meetingId).param(username).update();
    }

    boolean leave(String clientId) {
        return jdbc.sql("DELETE FROM meeting_presence WHERE client_id = ?").param(clientId).update() > 0;
    }

    /** Removes every screen {@code nodeId} holds; returns who left which meeting. */
    List<Departure> leaveAllOf(String nodeId) {
        return jdbc.sql("DELETE FROM meeting_presence WHERE node_id = ? RETURNING meeting_id, username").param(nodeId)
                .query((rs, n) -> new Departure(rs.getLong(1), rs.getString(2))).list();
    }

    record Departure(long meetingId, String username) {
    }

    void setFollowing(String clientId, boolean following) {
        jdbc.sql("UPDATE meeting_presence SET following = ? WHERE client_id = ?").param(following).param(clientId).update();
    }

    /** The screens open on one of {@code runningNodes} (a killed node's screens never said goodbye). */
    List<Presence> present(long meetingId, Set<String> runningNodes) {
        return jdbc.sql("SELECT client_id, username, following FROM meeting_presence"
                        + " WHERE meeting_id = :meeting AND node_id IN (:nodes) ORDER BY username, joined_at")
                .param("meeting", meetingId).param("nodes", runningNodes)
                .query((rs, n) -> new Presence(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    /** Removes the screens held by any node other than {@code heardNodes}; returns the meetings that had some. */
    Set<Long> forgetScreensOfNodesOtherThan(Set<String> heardNodes) {
        return new HashSet<>(jdbc.sql("DELETE FROM meeting_presence WHERE node_id NOT IN (:nodes) RETURNING meeting_id")
                .param("nodes", heardNodes).query(Long.class).list());
    }

    List<String> attendance(long meetingId) {
        return jdbc.sql("SELECT username FROM meeting_attendance WHERE meeting_id = ? ORDER BY first_joined_at")
                .param(meetingId).query(String.class).list();
    }
}
