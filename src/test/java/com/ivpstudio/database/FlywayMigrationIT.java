package com.ivpstudio.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class FlywayMigrationIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseMode mode;

    @Test
    void migratesAnEmptyEmbeddedDatabaseToTheCurrentSchema() {
        assertThat(mode).isEqualTo(DatabaseMode.EMBEDDED);
        List<Boolean> success = jdbc.sql("SELECT success FROM flyway_schema_history WHERE version IS NOT NULL")
                .query(Boolean.class).list();
        assertThat(success).isNotEmpty().allMatch(Boolean::booleanValue);
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list();
        assertThat(tables).contains("user_account", "audit_event", "patient_case", "photo", "photo_content");
    }
}
