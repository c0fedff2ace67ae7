package com.ivpstudio.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.IvpStudioApplication;
import com.ivpstudio.cluster.ClusterNodes;
import com.microsoft.playwright.Page;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * A second node on the same database has a meeting open in a browser and is stopped (a rolling restart): the screen
 * leaves the meeting while that node still has its database — the other node's "Present now" loses it at once, the
 * audit says it left, no row is left behind — and the node's sessions ending afterwards log no error.
 */
@IntegrationTest
class MeetingScreensOfAStoppingNodeIT {

    @Autowired
    ApplicationContext app;
    @Autowired
    MeetingStageService stage;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aScreenOnAStoppingNodeLeavesTheMeetingBeforeTheDatabaseGoesAndItsSessionEndsWithoutAnError(
            @TempDir Path tmp) {
        Map<String, List<Long>> agenda = new LinkedHashMap<>();
        agenda.put("DEMO-01", List.of());
        Meeting meeting = new MeetingFixtures(app).meeting("clinician", "Rolling restart", List.of(), agenda);
        SecurityContextHolderStrategy sharedContextsStrategy = SecurityContextHolder.getContextHolderStrategy();
        ConfigurableApplicationContext other = secondNode(tmp);
        ListAppender<ILoggingEvent> errors = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try (Browser onOther = new Browser(((WebServerApplicationContext) other).getWebServer().getPort())) {
            String otherNode = other.getBean(ClusterNodes.class).thisNodeId();
            Page page = onOther.signedIn("clinician");
            onOther.open(page, "/meetings/" + meeting.id());
            assertThat(stage.present(meeting.id())).extracting(Presence::username).containsExactly("clinician");
            assertThat(screensHeldBy(otherNode)).isEqualTo(1);

            errors.start();
            root.addAppender(errors);
            other.close();

            assertThat(screensHeldBy(otherNode)).as("rows left behind").isZero();
            assertThat(stage.present(meeting.id())).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'MEETING_LEFT' AND actor = 'clinician'"
                    + " AND target_id = ?").param(Long.toString(meeting.id())).query(Integer.class).single())
                    .isEqualTo(1);
            assertThat(errors.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                    .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            root.detachAppender(errors);
            if (other.isActive()) {
                other.close();
            }
            SecurityContextHolder.setContextHolderStrategy(sharedContextsStrategy);
        }
    }

    /** Another node of the same installation: this test context's database, its own model store and web server. */
    private ConfigurableApplicationContext secondNode(Path tmp) {
        // Arguments, not default properties: application.properties sets spring.datasource.url (empty) and would win.
        return new SpringApplicationBuilder(IvpStudioApplication.class).profiles("test").run(
                "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                "--spring.datasource.username=postgres",
                "--server.port=0",
                "--ivp.models.store=" + tmp.resolve("models"),
                "--ivp.demo.seed=never",
                "--ivp.cluster.node-name=stopping-node");
    }

    private int screensHeldBy(String nodeId) {
        return jdbc.sql("SELECT count(*) FROM meeting_presence WHERE node_id = ?").param(nodeId)
                .query(Integer.class).single();
    }
}
