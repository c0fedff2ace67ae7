package com.ivpstudio.admin;

import com.ivpstudio.database.DatabaseMode;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.InferenceStats;
import com.ivpstudio.models.ModelBundle;
import com.ivpstudio.models.ModelRegistry;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Collects what the system status page shows; every part tolerates a missing piece (shown as "unknown"). */
@Service
public class SystemStatus {

    /** One snapshot of everything, taken at {@code takenAt}. */
    public record Snapshot(Instant takenAt, Map<String, String> application, Map<String, String> device,
            Map<String, String> model, Optional<InferenceStats.Snapshot> inference, Map<String, String> database,
            Map<String, String> memory) {
    }

    private final ObjectProvider<BuildProperties> build;
    private final ObjectProvider<InferenceStats> stats;
    private final ModelRegistry registry;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ObjectProvider<DatabaseMode> databaseMode;
    private final String cpuModel = cpuModel();

    SystemStatus(ObjectProvider<BuildProperties> build, ObjectProvider<InferenceStats> stats, ModelRegistry registry,
            JdbcClient jdbc, DataSource dataSource, ObjectProvider<DatabaseMode> databaseMode) {
        this.build = build;
        this.stats = stats;
        this.registry = registry;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.databaseMode = databaseMode;
    }

    public Snapshot snapshot() {
        return new Snapshot(Instant.now(), application(), device(), model(), inference(), database(), memory());
    }

    private Map<String, String> application() {
        Map<String, String> m = new LinkedHashMap<>();
        BuildProperties b = build.getIfAvailable();
        m.put("Version", b == null ? "unknown (no build-info)" : b.getVersion());
        if (b != null && b.getTime() != null) {
            m.put("Built", b.getTime().toString());
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        m.put("Up for", human(Duration.ofMillis(uptime)));
        m.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("Processors", Runtime.getRuntime().availableProcessors() + " available to the JVM");
        return m;
    }

    private Map<String, String> device() {
        Map<String, String> m = new LinkedHashMap<>();
        Optional<BundleInfo> serving = registry.serving();
        m.put("Inference device", serving.map(BundleInfo::device).orElse("not loaded (no active model)"));
        if (serving.map(i -> i.device().startsWith("GPU")).orElse(false)) {
            m.put("GPU", gpuName());
        }
        m.put("CPU", cpuModel);
        return m;
    }

    private Map<String, String> model() {
        Map<String, String> m = new LinkedHashMap<>();
        Optional<BundleInfo> serving = registry.serving();
        Optional<ModelBundle> active = registry.active();
        if (serving.isEmpty()) {
            m.put("Serving", "no model: predictions are unavailable");
        } else {
            BundleInfo i = serving.get();
            m.put("Serving", i.name() + " " + i.version() + " (" + i.id() + ")");
            m.put("sha256", i.sha256());
            m.put("Trained on", i.synthetic() ? "synthetic phantom (" + i.intendedUse() + ")" : "real data");
            m.put("Embedding / output", i.embeddingDim() + " dims / " + i.resolution() + " px");
        }
        m.put("Registry", active.map(b -> b.label() + " active, " + registry.bundles().size() + " registered")
                .orElse(registry.bundles().size() + " registered, none active"));
        return m;
    }

    private Optional<InferenceStats.Snapshot> inference() {
        try {
            InferenceStats s = stats.getIfAvailable();
            return s == null ? Optional.empty() : Optional.ofNullable(s.snapshot());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Map<String, String> database() {
        Map<String, String> m = new LinkedHashMap<>();
        DatabaseMode mode = databaseMode.getIfAvailable();
        if (mode != null) {
            m.put("Mode", mode.isDemoSetup() ? "embedded PostgreSQL (demo setup)" : "external PostgreSQL");
        }
        try {
            long t0 = System.nanoTime();
            String version = jdbc.sql("SHOW server_version").query(String.class).single();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            m.put("Status", "up (answered in " + ms + " ms)");
            m.put("Version", "PostgreSQL " + version);
            long size = jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single();
            m.put("Size", String.format("%.1f MB", size / (1024.0 * 1024.0)));
            String migration = jdbc.sql("""
                    SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1""")
                    .query(String.class).optional().orElse("none");
            m.put("Schema version", migration);
        } catch (RuntimeException e) {
            m.put("Status", "DOWN: " + e.getClass().getSimpleName());
        }
        if (dataSource instanceof HikariDataSource h && h.getHikariPoolMXBean() != null) {
            HikariPoolMXBean p = h.getHikariPoolMXBean();
            m.put("Connection pool", p.getActiveConnections() + " active, " + p.getIdleConnections() + " idle, "
                    + p.getTotalConnections() + " of " + h.getMaximumPoolSize() + " max, "
                    + p.getThreadsAwaitingConnection() + " waiting");
        }
        return m;
    }

    private static Map<String, String> memory() {
        Map<String, String> m = new LinkedHashMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        m.put("Heap used", mb(heap.getUsed()) + " of " + mb(heap.getCommitted()) + " committed, max "
                + (heap.getMax() < 0 ? "unbounded" : mb(heap.getMax())));
        m.put("Non-heap used", mb(nonHeap.getUsed()));
        m.put("Threads", Integer.toString(ManagementFactory.getThreadMXBean().getThreadCount()));
        long gcCount = 0;
        long gcMillis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        m.put("Garbage collection", gcCount + " collections, " + gcMillis + " ms in total");
        return m;
    }

    /** Heap used as a fraction of max (for the bar). */
    public static double heapFraction() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        return max <= 0 ? 0 : Math.min(1, heap.getUsed() / (double) max);
    }

    private volatile String gpuName;

    /** The GPU's name from nvidia-smi (once; the engine itself only knows "gpu(0)"). */
    private String gpuName() {
        if (gpuName == null) {
            String name = "unknown (nvidia-smi not available)";
            try {
                Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader")
                        .redirectErrorStream(true).start();
                if (p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0) {
                    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .strip();
                    if (!out.isEmpty()) {
                        name = out.lines().findFirst().orElse(out);
                    }
                } else {
                    p.destroyForcibly();
                }
            } catch (java.io.IOException e) {
                // no nvidia-smi
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gpuName = name;
        }
        return gpuName;
    }

    static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(info)) {
                List<String> lines = Files.readAllLines(info);
                for (String l : lines) {
                    if (l.startsWith("model name") && l.contains(":")) {
                        return l.substring(l.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch") + " (" + System.getProperty("os.name") + ")";
    }

    static String mb(long bytes) {
        return String.format("%.0f MB", bytes / (1024.0 * 1024.0));
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172800) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86400 + " days";
    }
}
