package com.ivpstudio.studio;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PromptHistoryRepository {

    private final JdbcClient jdbc;

    PromptHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void remember(String username, String kind, String prompt) {
        jdbc.sql("""
                INSERT INTO prompt_history (username, kind, prompt) VALUES (:u, :k, :p)
                ON CONFLICT (username, kind, prompt) DO UPDATE SET used_at = now()""")
                .param("u", username).param("k", kind).param("p", prompt).update();
    }

    List<String> recent(String username, String kind, int limit) {
        return jdbc.sql("""
                SELECT prompt FROM prompt_history WHERE username = :u AND kind = :k
                ORDER BY used_at DESC, id DESC LIMIT :n""")
                .param("u", username).param("k", kind).param("n", limit).query(String.class).list();
    }
}
