package com.ivpstudio.cases;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which case each user was last on. */
@Repository
class RecentCaseRepository {

    private final JdbcClient jdbc;

    RecentCaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void remember(String username, long caseId) {
        jdbc.sql("""
                INSERT INTO recent_case (username, case_id) VALUES (:u, :c)
                ON CONFLICT (username) DO UPDATE SET case_id = EXCLUDED.case_id, opened_at = now()""")
                .param("u", username).param("c", caseId).update();
    }

    Optional<Long> lastOf(String username) {
        return jdbc.sql("SELECT case_id FROM recent_case WHERE username = :u").param("u", username)
                .query(Long.class).optional();
    }
}
