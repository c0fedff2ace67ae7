package com.ivpstudio.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "db" in the health endpoint and the readiness group, answering within a few seconds while the database is away.
 * Boot's own check borrows from the application's pool and so waits the pool's whole connection timeout (30 s):
 * every probe of the load balancer then held a request thread that long. This one asks through a one-connection pool
 * of its own with short timeouts; the application's pool keeps its patient timeout for real work. The bean name
 * replaces Boot's indicator, so the readiness group's "db" stays as configured.
 */
@Component("dbHealthIndicator")
class QuickDatabaseHealthIndicator implements HealthIndicator, DisposableBean {

    /** Longest wait for a connection, and for the answer to the check query. */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private final HikariDataSource probe;
    private final HealthIndicator fallback;

    QuickDatabaseHealthIndicator(DataSource application) {
        HikariDataSource pool = hikari(application);
        this.probe = pool == null ? null : probeFor(pool);
        // a pool this class cannot copy: Boot's check, patient but correct
        this.fallback = pool == null ? new DataSourceHealthIndicator(application, "SELECT 1") : null;
    }

    @Override
    public Health health() {
        if (probe == null) {
            return fallback.health();
        }
        try (Connection connection = probe.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) PATIENCE.toSeconds());
            statement.execute("SELECT 1");
            return Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build();
        } catch (SQLException | RuntimeException e) {
            // no message: it can name the host and the user
            return Health.down().withDetail("reason", "database unreachable")
                    .withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    @Override
    public void destroy() {
        if (probe != null) {
            probe.close();
        }
    }

    private static HikariDataSource hikari(DataSource dataSource) {
        try {
            HikariDataSource pool = dataSource.isWrapperFor(HikariDataSource.class)
                    ? dataSource.unwrap(HikariDataSource.class) : null;
            return pool != null && pool.getJdbcUrl() != null ? pool : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static HikariDataSource probeFor(HikariDataSource application) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(application.getJdbcUrl());
        config.setUsername(application.getUsername());
        config.setPassword(application.getPassword());
        application.getDataSourceProperties().forEach((key, value) -> config.addDataSourceProperty(key.toString(), value));
        config.setPoolName("health-check");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(PATIENCE.toMillis());
        config.setValidationTimeout(PATIENCE.toMillis() / 2);
        // the node starts even while the database is away; the check then says DOWN
        config.setInitializationFailTimeout(-1);
        // PostgreSQL driver timeouts (seconds): an unreachable host must not hold the probe in connect or read
        config.addDataSourceProperty("connectTimeout", Long.toString(PATIENCE.toSeconds()));
        config.addDataSourceProperty("loginTimeout", Long.toString(PATIENCE.toSeconds()));
        config.addDataSourceProperty("socketTimeout", Long.toString(PATIENCE.toSeconds() + 1));
        return new HikariDataSource(config);
    }
}
