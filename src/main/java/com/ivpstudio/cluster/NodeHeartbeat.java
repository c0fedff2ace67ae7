package com.ivpstudio.cluster;

import com.ivpstudio.database.AdvisoryLock;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.InferenceService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code ivp.cluster.heartbeat-interval} this node writes who it is and what it serves into
 * {@code cluster_node}: host and port, start time, the bundle its engine serves, the device, the inference work
 * waiting, the app version. Rows of nodes silent for a day are removed by one node (advisory lock).
 */
@Component
public class NodeHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final ClusterNodeRepository nodes;
    private final ObjectProvider<InferenceService> inference;
    private final AdvisoryLock locks;
    private final String version;
    private final String id = UUID.randomUUID().toString();
    private final String host = hostName();
    private final Instant startedAt = Instant.now();
    private volatile Integer port;
    private volatile boolean stopping;
    private volatile boolean failing;
    /** Set once the row is removed at shutdown: a late scheduled beat must not bring it back. */
    private volatile boolean gone;
    private final String nodeName;

    NodeHeartbeat(ClusterNodeRepository nodes, ObjectProvider<InferenceService> inference, AdvisoryLock locks,
            ObjectProvider<BuildProperties> build, @Value("${ivp.cluster.node-name:}") String nodeName) {
        this.nodes = nodes;
        this.inference = inference;
        this.locks = locks;
        BuildProperties b = build.getIfAvailable();
        this.version = b == null ? "development" : b.getVersion();
        this.nodeName = nodeName.isBlank() ? null : nodeName;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent e) {
        port = e.getWebServer().getPort();
        beat();
    }

    /** This node's id in {@code cluster_node}. */
    public String nodeId() {
        return id;
    }

    @Scheduled(fixedDelayString = "${ivp.cluster.heartbeat-interval:5s}")
    void beat() {
        if (gone) {
            return;
        }
        try {
            nodes.beat(describe());
            if (failing) {
                log.info("Heartbeat written again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not write this node's heartbeat: {}", e.toString());
                failing = true;
            }
        }
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void forgetSilentNodes() {
        locks.ifFree("cluster-node-cleanup", () -> {
            int n = nodes.deleteSilentFor(FORGET_AFTER);
            if (n > 0) {
                log.info("Forgot {} node(s) silent for more than {}", n, FORGET_AFTER);
            }
        });
    }

    /** The node is shutting down: said once more, so the status page shows it leaving. */
    void stopping() {
        stopping = true;
        beat();
    }

    /** Its row goes when it has stopped cleanly. */
    void stopped() {
        gone = true;
        try {
            nodes.delete(id);
        } catch (RuntimeException e) {
            log.debug("Could not remove this node's heartbeat row: {}", e.toString());
        }
    }

    ClusterNode describe() {
        InferenceService service = inference.getIfAvailable();
        Optional<BundleInfo> serving = service == null ? Optional.empty() : service.activeBundle();
        int queue = service == null ? 0 : service.stats().snapshot().queueDepth();
        return new ClusterNode(id, nodeName == null ? host : nodeName, port, startedAt, Instant.now(),
                serving.map(BundleInfo::sha256).orElse(null),
                serving.map(i -> i.name() + " " + i.version()).orElse(null),
                serving.map(BundleInfo::device).orElse(null), queue, version, stopping);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
