package com.ivpstudio.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ClusterNodeRepository {

    private final JdbcClient jdbc;

    ClusterNodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void beat(ClusterNode n) {
        jdbc.sql("""
                INSERT INTO cluster_node (id, host, port, started_at, last_seen, model_sha256, model_label, device,
                                          queue_depth, app_version, stopping)
                VALUES (:id, :host, :port, :started, now(), :sha, :label, :device, :queue, :version, :stopping)
                ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port, last_seen = now(),
                       model_sha256 = EXCLUDED.model_sha256, model_label = EXCLUDED.model_label,
                       device = EXCLUDED.device, queue_depth = EXCLUDED.queue_depth,
                       app_version = EXCLUDED.app_version, stopping = EXCLUDED.stopping""")
                .param("id", n.id()).param("host", n.host()).param("port", n.port())
                .param("started", Timestamp.from(n.startedAt())).param("sha", n.modelSha256())
                .param("label", n.modelLabel()).param("device", n.device()).param("queue", n.queueDepth())
                .param("version", n.appVersion()).param("stopping", n.stopping()).update();
    }

    List<ClusterNode> all() {
        return jdbc.sql("""
                SELECT id, host, port, started_at, last_seen, model_sha256, model_label, device, queue_depth,
                       app_version, stopping
                FROM cluster_node ORDER BY started_at, id""").query(ClusterNodeRepository::node).list();
    }

    /** Ids of the nodes whose last heartbeat is younger than {@code age}, by the database's clock. */
    Set<String> idsSeenWithin(Duration age) {
        return new HashSet<>(jdbc.sql("SELECT id FROM cluster_node WHERE last_seen > now() - make_interval(secs => :secs)")
                .param("secs", age.toMillis() / 1000.0).query(String.class).list());
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM cluster_node WHERE id = :id").param("id", id).update();
    }

    /** Forgets nodes that have not spoken for {@code age}; returns how many. */
    int deleteSilentFor(Duration age) {
        return jdbc.sql("DELETE FROM cluster_node WHERE last_seen < :before")
                .param("before", Timestamp.from(Instant.now().minus(age))).update();
    }

    private static ClusterNode node(ResultSet rs, int n) throws SQLException {
        return new ClusterNode(rs.getString("id"), rs.getString("host"), (Integer) rs.getObject("port"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("last_seen").toInstant(),
                rs.getString("model_sha256"), rs.getString("model_label"), rs.getString("device"),
                rs.getInt("queue_depth"), rs.getString("app_version"), rs.getBoolean("stopping"));
    }
}
