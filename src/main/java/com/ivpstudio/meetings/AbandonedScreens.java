package com.ivpstudio.meetings;

import com.ivpstudio.cluster.ClusterNodes;
import com.ivpstudio.database.AdvisoryLock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes the "present" rows of meeting screens whose node was killed (not shut down): such screens never say
 * goodbye. "Present now" already ignores them once their node's heartbeat is silent; this removes the rows for good
 * after a longer silence, so that a node which only lost the database for a moment keeps its screens listed.
 */
@Component
class AbandonedScreens {

    /** A node silent this long is gone (heartbeats come every few seconds). */
    static final Duration GONE_AFTER = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(AbandonedScreens.class);

    private final PresenceRepository presence;
    private final ClusterNodes nodes;
    private final MeetingEvents events;
    private final AdvisoryLock locks;

    AbandonedScreens(PresenceRepository presence, ClusterNodes nodes, MeetingEvents events, AdvisoryLock locks) {
        this.presence = presence;
        this.nodes = nodes;
        this.events = events;
        this.locks = locks;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    void scheduled() {
        locks.ifFree("meeting-presence-cleanup", this::forget);
    }

    /** Returns the meetings whose list of present screens changed. */
    Set<Long> forget() {
        Set<Long> meetings = presence.forgetScreensOfNodesOtherThan(nodes.heardWithin(GONE_AFTER));
        if (!meetings.isEmpty()) {
            log.info("Removed the open screens of stopped nodes from {} meeting(s)", meetings.size());
        }
        meetings.forEach(id -> events.publish(id, MeetingEvent.Kind.PRESENCE));
        return meetings;
    }
}
