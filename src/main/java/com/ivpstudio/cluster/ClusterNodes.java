package com.ivpstudio.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** The app nodes that share this database, as their heartbeats describe them (admin → System status). */
@Service
public class ClusterNodes {

    private final ClusterNodeRepository nodes;
    private final NodeHeartbeat heartbeat;
    private final Duration silence;

    ClusterNodes(ClusterNodeRepository nodes, NodeHeartbeat heartbeat,
            @Value("${ivp.cluster.heartbeat-interval:5s}") Duration interval) {
        this.nodes = nodes;
        this.heartbeat = heartbeat;
        // three missed heartbeats: one late beat under load is not yet an outage
        this.silence = interval.multipliedBy(3);
    }

    public List<ClusterNode> all() {
        return nodes.all();
    }

    public String thisNodeId() {
        return heartbeat.nodeId();
    }

    /**
     * The nodes heard from within {@code age}, this one always included (its first heartbeat may not be written
     * yet). What a node that is not in this set left behind (open screens, claims) belongs to no one.
     */
    public Set<String> heardWithin(Duration age) {
        Set<String> ids = nodes.idsSeenWithin(age);
        ids.add(heartbeat.nodeId());
        return ids;
    }

    /** The nodes that are running now: heard within {@link #silence()}. */
    public Set<String> running() {
        return heardWithin(silence);
    }

    /** How long a node may stay silent before it is shown as not responding. */
    public Duration silence() {
        return silence;
    }
}
