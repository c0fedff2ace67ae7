package com.ivpstudio.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.Status;

/**
 * Readiness while the database is away answers within seconds, not after the application pool's 30 s connection
 * timeout: a load balancer's 2 s probe then gets its answer and no request thread is held.
 */
@IntegrationTest
class QuickDatabaseHealthIndicatorIT {

    /** Generous for a loaded machine; Boot's own check took the pool's 30 s. */
    static final Duration BOUND = Duration.ofSeconds(10);

    @Autowired
    HealthContributorRegistry health;

    @Test
    void theDatabaseCheckOfTheReadinessGroupIsTheQuickOne() throws Exception {
        assertThat(health.getContributor("db")).isInstanceOf(QuickDatabaseHealthIndicator.class);
        assertThat(((QuickDatabaseHealthIndicator) health.getContributor("db")).health().getStatus())
                .isEqualTo(Status.UP);
    }

    @Test
    void aStoppedDatabaseIsReportedDownWithinSecondsWhileThePoolKeepsItsPatience(@TempDir Path tmp) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("postgres")).start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        try (HikariDataSource application = new HikariDataSource(config)) {
            QuickDatabaseHealthIndicator check = new QuickDatabaseHealthIndicator(application);
            try {
                assertThat(check.health().getStatus()).isEqualTo(Status.UP);

                postgres.close();

                long started = System.nanoTime();
                Status status = check.health().getStatus();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(status).isEqualTo(Status.DOWN);
                assertThat(took).isLessThan(BOUND);
                assertThat(application.getConnectionTimeout()).isEqualTo(30_000);
                System.out.printf("Readiness 'db' with the database stopped: DOWN in %d ms%n", took.toMillis());
            } finally {
                check.destroy();
            }
        }
    }
}
