package com.ivpstudio.meetings;

import static com.ivpstudio.meetings.MeetingFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes write "present" rows for one meeting: this node (through the service) and a second node (its rows and
 * heartbeat written as that node would). When the second node is killed its heartbeat goes silent: its screens
 * leave "Present now" at once and their rows are removed once it has been gone long enough.
 */
@IntegrationTest
class PresenceOfStoppedNodesIT {

    @Autowired
    ApplicationContext app;
    @Autowired
    MeetingStageService stage;
    @Autowired
    PresenceRepository presence;
    @Autowired
    AbandonedScreens abandoned;
    @Autowired
    JdbcClient jdbc;

    private final String otherNode = "other-node-" + UUID.randomUUID();

    @AfterEach
    void forgetTheOtherNode() {
        jdbc.sql("DELETE FROM cluster_node WHERE id = ?").param(otherNode).update();
    }

    @Test
    void screensOfAKilledNodeLeavePresentNowAndTheirRowsAreRemoved() {
        String[] member = new MeetingFixtures(app).newClinician("elsewhere");
        Map<String, List<Long>> agenda = new LinkedHashMap<>();
        agenda.put("DEMO-01", List.of());
        Meeting m = new MeetingFixtures(app).meeting("clinician", "Two nodes", List.of(member[0]), agenda);
        String here = as("clinician", false, () -> stage.join(m.id()));
        heartbeatOfOtherNodeSecondsAgo(0);
        String there = UUID.randomUUID().toString();
        presence.join(there, m.id(), member[0], otherNode);

        assertThat(stage.present(m.id())).extracting(Presence::clientId).containsExactlyInAnyOrder(here, there);

        // silent for 20 s: not running (three missed beats), but maybe only cut off from the database for a while
        heartbeatOfOtherNodeSecondsAgo(20);
        assertThat(stage.present(m.id())).extracting(Presence::clientId).containsExactly(here);
        assertThat(abandoned.forget()).doesNotContain(m.id());
        assertThat(rowsOf(m.id())).isEqualTo(2);

        // killed: silent for longer than any outage a node rides out
        heartbeatOfOtherNodeSecondsAgo(AbandonedScreens.GONE_AFTER.toSeconds() + 60);
        assertThat(abandoned.forget()).contains(m.id());
        assertThat(rowsOf(m.id())).isEqualTo(1);
        assertThat(stage.present(m.id())).extracting(Presence::clientId).containsExactly(here);

        as("clinician", false, () -> {
            stage.leave(m.id(), here, "clinician");
            return null;
        });
        assertThat(stage.present(m.id())).isEmpty();
    }

    private void heartbeatOfOtherNodeSecondsAgo(long seconds) {
        jdbc.sql("""
                INSERT INTO cluster_node (id, host, port, started_at, last_seen, app_version)
                VALUES (:id, 'other-host', 8082, now() - interval '1 hour', now() - make_interval(secs => :ago), 'test')
                ON CONFLICT (id) DO UPDATE SET last_seen = EXCLUDED.last_seen""")
                .param("id", otherNode).param("ago", seconds).update();
    }

    private int rowsOf(long meetingId) {
        return jdbc.sql("SELECT count(*) FROM meeting_presence WHERE meeting_id = ?").param(meetingId)
                .query(Integer.class).single();
    }
}
